import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenForConfigChanges, type ConfigListener } from "@/server/freeswitch/configListener";
import { defaultXmlCurlSettings, XmlCurlService } from "@/server/freeswitch/xmlCurlService";
import type { TenantContext } from "@/server/tenancy/context";
import { createTimeCondition, setDomainTimeZone } from "@/server/timeConditions/service";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { eventually } from "../../support/eventually";
import { readSharedFixture } from "../../unit/freeswitch/sharedFixtures";
import { serveXmlCurl } from "./httpClient";
import { basicAuth, NODE, seedSwitchboard, TENANT } from "./seed";

// The live endpoint with its answer cache, on a clock the test moves: a cached business-hours
// answer must not outlive its branch, and *31<number> from a phone must flip it.

let t: TestDatabase;
let tenant: TenantContext;
let listener: ConfigListener;
let endpoint: Awaited<ReturnType<typeof serveXmlCurl>>;
let now = Date.parse("2026-12-01T16:59:59Z"); // Tuesday 17:59:59 in Berlin

const ask = async (context: string, destination: string, fields: Record<string, string> = {}) => {
  const overrides = {
    "Caller-Context": context,
    "Hunt-Context": context,
    "Caller-Destination-Number": destination,
    "Hunt-Destination-Number": destination,
    ...fields,
  };
  const prefix = Object.entries(overrides)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}&`)
    .join("");
  const reply = await endpoint.post(
    prefix + readSharedFixture("dialplan-sip-invite.body"),
    basicAuth(NODE.user, NODE.secret),
  );
  expect(reply.status).toBe(200);
  return reply.body;
};
const fromPhone = { variable_user_name: "1001", variable_domain_name: TENANT };

beforeAll(async () => {
  t = await createTestDatabase();
  const { tenantId } = await seedSwitchboard(t.db);
  tenant = {
    db: t.db,
    actor: { userId: null, tokenId: null, label: "test", ip: null },
    domain: { id: tenantId, name: TENANT },
    role: "TENANT_ADMIN",
    extensionId: null,
  };
  await setDomainTimeZone(tenant, { timeZone: "Europe/Berlin" });
  await createTimeCondition(tenant, {
    number: "800",
    name: "Office hours",
    weeklyHours: [{ days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" }],
    holidays: [],
    open: { type: "RING_GROUP", target: "600" },
    closed: { type: "VOICEMAIL", target: "1001" },
  });
  // The seeded DID now rings the business hours.
  await t.db.phoneNumber.update({
    where: { e164: "+4930123456" },
    data: { destType: "TIME_CONDITION", destTarget: "800" },
  });
  const service = new XmlCurlService(t.db, t.db, { ...defaultXmlCurlSettings, now: () => now }, () => undefined);
  listener = listenForConfigChanges(t.url, service.cache, () => undefined);
  endpoint = await serveXmlCurl(service);
  await eventually(async () => expect(listener.connected()).toBe(true));
});

afterAll(async () => {
  await endpoint?.close();
  await listener?.close();
  await t?.drop();
});

describe("business hours through the xml_curl endpoint", () => {
  it("a carrier's call reaches the business hours, which pick the branch by the domain's clock", async () => {
    expect(await ask("public", "+4930123456")).toContain('data="800 XML tenant1.example"');
    expect(await ask(TENANT, "800")).toContain('data="600 XML tenant1.example"');
    // Cached, but only until 18:00:00 Berlin time: one second later the same request is closed.
    expect(await ask(TENANT, "800")).toContain('data="600 XML tenant1.example"');
    now = Date.parse("2026-12-01T17:00:00Z");
    expect(await ask(TENANT, "800")).toContain('data="*991001 XML tenant1.example"');
    now = Date.parse("2026-12-02T08:00:00Z"); // Wednesday 09:00
    expect(await ask(TENANT, "800")).toContain('data="600 XML tenant1.example"');
  });

  it("*31800 from a phone closes now, audited under the phone; again reopens", async () => {
    const switched = await ask(TENANT, "*31800", fromPhone);
    expect(switched).toContain("tone_stream://");
    expect((await t.db.timeCondition.findFirstOrThrow({ where: { number: "800" } })).closedNow).toBe(true);
    expect(
      await t.db.auditLog.findFirst({
        where: { action: "time-condition.closed-now", actorLabel: `phone 1001@${TENANT}` },
      }),
    ).not.toBeNull();
    // The change reaches the cached answer through the change notification.
    await eventually(async () => expect(await ask(TENANT, "800")).toContain('data="*991001 XML tenant1.example"'));
    await ask(TENANT, "*31800", fromPhone);
    await eventually(async () => expect(await ask(TENANT, "800")).toContain('data="600 XML tenant1.example"'));
  });

  it("*31 from no phone, or for a number that is not business hours, changes nothing", async () => {
    expect(await ask(TENANT, "*31800", { variable_user_name: "" })).toContain("OUTGOING_CALL_BARRED");
    expect(await ask(TENANT, "*311001", fromPhone)).toContain("UNALLOCATED_NUMBER");
    expect((await t.db.timeCondition.findFirstOrThrow({ where: { number: "800" } })).closedNow).toBe(false);
  });
});
