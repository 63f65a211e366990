import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { callerAs, createUser } from "../support/callers";
import { createTwoTenants } from "../support/twoTenants";

let t: TestDatabase;
let adminA: Awaited<ReturnType<typeof callerAs>>;
let userA: Awaited<ReturnType<typeof callerAs>>;
let domainA: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const limits = { maxExtensions: 10 };
  const fx = await createTwoTenants(t.db, { a: limits, b: limits });
  const { platform, domainB } = fx;
  ({ domainA, adminA } = fx);
  const alice = await adminA.extensions.create({ domainId: domainA, number: "1001", displayName: "Alice" });
  const bob = await adminA.extensions.create({ domainId: domainA, number: "1002", displayName: "Bob" });
  userA = await callerAs(
    t.db,
    await createUser(t.db, "1001@a.example.com", {
      role: "TENANT_USER",
      domainId: domainA,
      extensionId: alice.extension.id,
    }),
  );
  await adminA.ringGroups.create({
    domainId: domainA,
    number: "600",
    name: "Sales",
    strategy: "SIMULTANEOUS",
    ringTimeout: 20,
    fallback: { type: "VOICEMAIL", target: "1001" },
    memberIds: [alice.extension.id, bob.extension.id],
  });
  await platform.numbers.addRange({ from: "+15551230001", to: "+15551230002" });
  const [mine, theirs] = await t.db.phoneNumber.findMany({ orderBy: { e164: "asc" } });
  await platform.numbers.assign({ ids: [mine!.id], domainId: domainA });
  await platform.numbers.assign({ ids: [theirs!.id], domainId: domainB });
  await adminA.numbers.setDestination({
    domainId: domainA,
    id: mine!.id,
    destination: { type: "RING_GROUP", target: "600" },
  });
  await t.db.phoneNumber.update({ where: { id: theirs!.id }, data: { destType: "HANGUP" } });
});

afterAll(async () => {
  await t?.drop();
});

describe("dialplan simulator", () => {
  it("shows the ring group an extension reaches, with the XML FreeSWITCH would get", async () => {
    const [step] = await adminA.simulator.run({ domainId: domainA, fromExtension: "1002", dialed: "600" });
    expect(step!.context).toBe("a.example.com");
    expect(step!.rule).toEqual({
      type: "ring-group",
      number: "600",
      name: "Sales",
      strategy: "SIMULTANEOUS",
      members: ["1001", "1002"],
    });
    expect(step!.xml).toContain('data="user/1001@a.example.com,user/1002@a.example.com"');
    expect(step!.xml).toContain('data="*991001 XML a.example.com"');
  });

  it("follows a call from outside: the DID in the public context, then the ring group it is routed to", async () => {
    const steps = await adminA.simulator.run({ domainId: domainA, fromExtension: null, dialed: "+15551230001" });
    expect(steps.map((s) => [s.context, s.dialed, s.rule.type])).toEqual([
      ["public", "+15551230001", "inbound-did"],
      ["a.example.com", "600", "ring-group"],
    ]);
    expect(steps[0]!.xml).toContain('data="600 XML a.example.com"');
  });

  it("treats another tenant's number as unknown and refuses an extension that is not the tenant's", async () => {
    const steps = await adminA.simulator.run({ domainId: domainA, fromExtension: null, dialed: "+15551230002" });
    expect(steps).toHaveLength(1);
    expect(steps[0]!.rule).toEqual({ type: "not-found" });
    expect(steps[0]!.xml).not.toContain("b.example.com");
    await expect(
      adminA.simulator.run({ domainId: domainA, fromExtension: "2001", dialed: "600" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "There is no extension 2001 in this domain",
    });
  });

  it("is for tenant admins only", async () => {
    await expect(
      userA.simulator.run({ domainId: domainA, fromExtension: "1001", dialed: "600" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
