import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { bulkAssignDomains, setDomainNodes } from "@/server/cluster/domainAssignments";
import { createNode, deleteNode, setNodeAdminState, updateNode } from "@/server/cluster/nodes";
import { createSipProxy, deleteSipProxy, updateSipProxy } from "@/server/cluster/sipProxies";
import { createDomain } from "@/server/domains/service";
import { CONFIG_CHANNEL } from "@/server/db/channels";
import { listenForConfigChanges, type ConfigListener } from "@/server/freeswitch/configListener";
import { notFoundDocument } from "@/server/freeswitch/xml";
import { defaultXmlCurlSettings, XmlCurlService } from "@/server/freeswitch/xmlCurlService";
import type { PlatformContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { readSharedFixture } from "../../unit/freeswitch/sharedFixtures";
import { serveXmlCurl } from "./httpClient";
import { basicAuth, NODE, OTHER_NODE, seedSwitchboard, TENANT } from "./seed";

// Each of these failed before its fix: the endpoint's caches kept answering from the old cluster state.

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
  platform = { db: t.db, actor: { userId: null, tokenId: null, label: "test", ip: null } };
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

describe("cluster changes reach the xml_curl endpoint's caches", () => {
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
