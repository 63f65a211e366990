import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createRestHandler } from "@/server/api/rest/handler";
import { createPlatformApiToken } from "@/server/apiTokens/service";
import { bulkAssignDomains, setDomainNodes } from "@/server/cluster/domainAssignments";
import { createNode, deleteNode, setNodeAdminState, updateNode } from "@/server/cluster/nodes";
import { createSipProxy, deleteSipProxy, updateSipProxy } from "@/server/cluster/sipProxies";
import { createDomain } from "@/server/domains/service";
import { CONFIG_CHANNEL } from "@/server/freeswitch/configChanged";
import { listenForConfigChanges, type ConfigListener } from "@/server/freeswitch/configListener";
import { notFoundDocument } from "@/server/freeswitch/xml";
import { defaultXmlCurlSettings, XmlCurlService } from "@/server/freeswitch/xmlCurlService";
import { createExtension, deleteExtension } from "@/server/extensions/service";
import type { PlatformContext, TenantContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { readSharedFixture } from "../unit/freeswitch/sharedFixtures";
import { serveXmlCurl } from "./freeswitch/httpClient";
import { basicAuth, NODE, OTHER_NODE, seedSwitchboard, TENANT } from "./freeswitch/seed";

// Regression tests for the pre-release review: each one failed before its fix.

let t: TestDatabase;
let platform: PlatformContext;
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

const register = () => readSharedFixture("directory-sip_auth-register.body");
const nodeId = async (hostname: string) =>
  (await t.db.telephonyNode.findUniqueOrThrow({ where: { hostname }, select: { id: true } })).id;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedSwitchboard(t.db);
  platform = { db: t.db, actor: { userId: null, tokenId: null, label: "review", ip: null } };
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

describe("review: cluster changes reach the xml_curl endpoint's caches", () => {
  it("tightening a node's allowed sources takes effect without a restart", async () => {
    expect((await endpoint.post(register(), basicAuth(NODE.user, NODE.secret))).status).toBe(200);
    await updateNode(platform, { id: await nodeId(NODE.hostname), allowedSources: ["203.0.113.0/24"] });
    await waitUntil(
      async () => (await endpoint.post(register(), basicAuth(NODE.user, NODE.secret))).status === 403,
      2_000,
    );
    await updateNode(platform, { id: await nodeId(NODE.hostname), allowedSources: ["127.0.0.0/8", "::1/128"] });
    await waitUntil(
      async () => (await endpoint.post(register(), basicAuth(NODE.user, NODE.secret))).status === 200,
      2_000,
    );
  });

  it("a node taken off a domain stops being answered for it", async () => {
    const { id: tenantId } = await t.db.domain.findUniqueOrThrow({ where: { name: TENANT }, select: { id: true } });
    expect((await endpoint.post(register(), basicAuth(NODE.user, NODE.secret))).body).toContain('<user id="1001"');
    await setDomainNodes(platform, { domainId: tenantId, nodes: [{ nodeId: await nodeId(OTHER_NODE.hostname) }] });
    await waitUntil(
      async () => (await endpoint.post(register(), basicAuth(NODE.user, NODE.secret))).body === notFoundDocument,
      2_000,
    );
    await setDomainNodes(platform, { domainId: tenantId, nodes: [] });
  });

  it("a deleted node can no longer authenticate", async () => {
    const other = basicAuth(OTHER_NODE.user, OTHER_NODE.secret);
    // Known node, wrong source address: 403. Once deleted it is unknown: 401.
    expect((await endpoint.post(register(), other)).status).toBe(403);
    await deleteNode(platform, await nodeId(OTHER_NODE.hostname));
    await waitUntil(async () => (await endpoint.post(register(), other)).status === 401, 2_000);
  });

  it("every node, assignment, proxy and domain creation notifies switchboard_config", async () => {
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    const heard: string[] = [];
    client.on("notification", (m) => heard.push(m.payload ?? ""));
    await client.query(`LISTEN ${CONFIG_CHANNEL}`);
    const expectNotified = async <T>(what: string, change: () => Promise<T>): Promise<T> => {
      heard.length = 0;
      const result = await change();
      await waitUntil(async () => heard.length > 0, 2_000).catch(() => {
        throw new Error(`${what} sent no ${CONFIG_CHANNEL} notification`);
      });
      return result;
    };
    try {
      const created = await expectNotified("node create", () =>
        createNode(platform, {
          hostname: "fs-review",
          sipAddress: "192.0.2.50",
          eslHost: "192.0.2.50",
          eslPassword: "ClueCon",
        }),
      );
      await expectNotified("node drain", () =>
        setNodeAdminState(platform, { id: created.node.id, adminState: "DRAINING" }),
      );
      const domain = await expectNotified("domain create", () =>
        createDomain(platform, {
          name: "fresh.example",
          displayName: "Fresh",
          maxExtensions: 5,
          maxConcurrentCalls: 5,
          allowTenantRoutes: false,
        }),
      );
      await expectNotified("bulk assign", () =>
        bulkAssignDomains(platform, { domainIds: [domain.id], nodes: [{ nodeId: created.node.id }] }),
      );
      const proxy = await expectNotified("proxy create", () =>
        createSipProxy(platform, { name: "kamailio-review", rpcUrl: "http://192.0.2.60:5071/RPC" }),
      );
      await expectNotified("proxy update", () => updateSipProxy(platform, { id: proxy.id, enabled: false }));
      await expectNotified("proxy delete", () => deleteSipProxy(platform, proxy.id));
    } finally {
      await client.end();
    }
  });
});

describe("review: REST request bodies are bounded while reading", () => {
  it("refuses an endless body instead of buffering it", async () => {
    const { token } = await createPlatformApiToken(platform, { name: "review-body" });
    const api = createRestHandler({ db: () => t.db, rateLimit: { perSecond: 100, burst: 100 } });
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request("http://switchboard.test/api/v1/domains", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    const response = await Promise.race([
      api(request),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000)),
    ]);
    expect(response?.status).toBe(413);
    expect(sent).toBeLessThan(4 * 1024 * 1024);
  });
});

describe("review: a domain's extension limit holds under concurrent creates", () => {
  it("concurrent creates never exceed maxExtensions", async () => {
    const domain = await t.db.domain.create({
      data: { name: "limited.example", displayName: "Limited", maxExtensions: 2 },
      select: { id: true, name: true },
    });
    const tenant: TenantContext = { ...platform, domain, role: "TENANT_ADMIN", extensionId: null };
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => createExtension(tenant, { number: `30${i}`, displayName: `Ext ${i}` })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(await t.db.extension.count({ where: { domainId: domain.id } })).toBe(2);
  });
});

describe("review: deleting an extension that calls still reach", () => {
  it("is refused while a DID or a ring group fallback points at it, and allowed once they no longer do", async () => {
    const domain = await t.db.domain.findUniqueOrThrow({ where: { name: TENANT }, select: { id: true, name: true } });
    const tenant: TenantContext = { ...platform, domain, role: "TENANT_ADMIN", extensionId: null };
    const ext = await t.db.extension.findFirstOrThrow({ where: { domainId: domain.id, number: "1001" } });
    // Seeded: +4930123456 rings extension 1001; ring group 600 falls back to 1001's voicemail.
    await expect(deleteExtension(tenant, ext.id)).rejects.toThrow(/phone number \+4930123456.*ring group "Sales"/);
    expect(await t.db.extension.count({ where: { id: ext.id } })).toBe(1);
    await t.db.phoneNumber.updateMany({
      where: { e164: "+4930123456" },
      data: { destType: "HANGUP", destTarget: null },
    });
    await t.db.ringGroup.updateMany({
      where: { number: "600" },
      data: { fallbackType: "HANGUP", fallbackTarget: null },
    });
    await deleteExtension(tenant, ext.id);
    expect(await t.db.extension.count({ where: { id: ext.id } })).toBe(0);
  });
});
