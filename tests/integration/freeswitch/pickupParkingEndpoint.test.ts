import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenForConfigChanges, type ConfigListener } from "@/server/freeswitch/configListener";
import { defaultXmlCurlSettings, XmlCurlService } from "@/server/freeswitch/xmlCurlService";
import { updateParking } from "@/server/parking/service";
import { createPickupGroup } from "@/server/pickupGroups/service";
import type { TenantContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { readSharedFixture } from "../../unit/freeswitch/sharedFixtures";
import { serveXmlCurl } from "./httpClient";
import { basicAuth, NODE, seedSwitchboard, TENANT } from "./seed";

// The live endpoint, its answer cache and the change listener: a tenant's pickup or parking
// edit must reach the next answer without a restart.

let t: TestDatabase;
let tenant: TenantContext;
let service: XmlCurlService;
let listener: ConfigListener;
let endpoint: Awaited<ReturnType<typeof serveXmlCurl>>;

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

const dial = async (destination: string) => {
  const overrides = { "Caller-Destination-Number": destination, "Hunt-Destination-Number": destination };
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
  service = new XmlCurlService(t.db, t.db, defaultXmlCurlSettings, () => undefined);
  listener = listenForConfigChanges(t.url, service.cache, () => undefined);
  endpoint = await serveXmlCurl(service);
  await waitUntil(async () => listener.connected(), 5_000);
});

afterAll(async () => {
  await endpoint?.close();
  await listener?.close();
  await t?.drop();
});

describe("pickup and parking through the xml_curl endpoint", () => {
  it("a new pickup group adds pickup legs to the next (cached) answer", async () => {
    expect(await dial("1002")).not.toContain("pickup/");
    const members = await t.db.extension.findMany({
      where: { domainId: tenant.domain.id, number: { in: ["1001", "1002"] } },
      select: { id: true },
    });
    const group = await createPickupGroup(tenant, { name: "Desk", memberIds: members.map((m) => m.id) });
    await waitUntil(async () => (await dial("1002")).includes(`pickup/group-${group.id}@${TENANT}`), 2_000);
    expect(await dial("*8")).toContain(`application="pickup" data="group-${group.id}@${TENANT}"`);
  });

  it("enabling parking answers *70 and the slots on the next call", async () => {
    expect(await dial("*70")).not.toContain("valet_park");
    await updateParking(tenant, { enabled: true, firstSlot: 7001, lastSlot: 7010, timeoutSeconds: 45 });
    await waitUntil(async () => (await dial("*70")).includes(`park@${TENANT} auto in 7001 7011`), 2_000);
    expect(await dial("7004")).toContain(`application="valet_park" data="park@${TENANT} 7004"`);
  });
});
