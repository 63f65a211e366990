import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDirectoryUser } from "@/server/freeswitch/loadDirectoryUser";
import { loadDomainGate } from "@/server/freeswitch/loadDomainGate";
import { loadNodeByXmlCurlUser } from "@/server/freeswitch/loadNode";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { NODE, OTHER_NODE, seedSwitchboard, TENANT } from "./seed";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedSwitchboard(t.db);
});

afterAll(async () => {
  await t?.drop();
});

// The cache-miss loaders read through plain pg prepared statements beside the client; these pin
// that the rows come back as Prisma's did, and that inside a transaction they read through it.
describe("cache-miss loaders", () => {
  it("read node, gate and user with Prisma's types", async () => {
    const node = await loadNodeByXmlCurlUser(t.db, NODE.user);
    expect(node).toMatchObject({
      hostname: NODE.hostname,
      sipPort: 5060,
      externalSipPort: null,
      adminState: "ACTIVE",
      allowedSources: ["127.0.0.0/8", "::1/128"],
    });
    const gate = await loadDomainGate(t.db, TENANT);
    expect(gate).toEqual({
      id: expect.any(String),
      name: TENANT,
      active: true,
      maxConcurrentCalls: 20,
      timeZone: "UTC",
      assignedNodeIds: [],
      holdMusic: null,
    });
    const other = await loadNodeByXmlCurlUser(t.db, OTHER_NODE.user);
    expect((await loadDomainGate(t.db, "tenant2.example"))?.assignedNodeIds).toEqual([other?.id]);
    expect((await loadDomainGate(t.db, "suspended.example"))?.active).toBe(false);
    const user = await loadDirectoryUser(t.db, gate!, "1001");
    expect(user).toMatchObject({ number: "1001", voicemailPin: "91001", tollAllow: ["local", "domestic"] });
    expect(typeof user?.noAnswerTimeout).toBe("number");
    expect(await loadDirectoryUser(t.db, gate!, "1009")).toBeNull(); // disabled
    expect(await loadDomainGate(t.db, "nobody.example")).toBeNull();
    expect(await loadNodeByXmlCurlUser(t.db, "nobody")).toBeNull();
  });

  it("inside a transaction, see its uncommitted writes", async () => {
    const gate = (await loadDomainGate(t.db, TENANT))!;
    const rolledBack = new Error("roll back");
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.extension.updateMany({
          where: { domainId: gate.id, number: "1001" },
          data: { displayName: "Inside" },
        });
        expect((await loadDirectoryUser(tx, gate, "1001"))?.displayName).toBe("Inside");
        expect((await loadDirectoryUser(t.db, gate, "1001"))?.displayName).not.toBe("Inside");
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
  });
});
