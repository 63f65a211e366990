import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes, randomInt } from "node:crypto";
import { setDomainNodes } from "@/server/cluster/domainAssignments";
import { createNode, setNodeAdminState } from "@/server/cluster/nodes";
import { createSipProxy } from "@/server/cluster/sipProxies";
import { ensureKamailioReadRole } from "@/server/cluster/kamailio/readRole";
import { KamailioRpc } from "@/server/cluster/kamailio/rpcClient";
import {
  DispatcherListReply,
  HtableDumpReply,
  liveDestinations,
  liveDomainSets,
} from "@/server/cluster/kamailio/rpcReplies";
import type { PlatformContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startKamailio, type KamailioProcess } from "./support/kamailio";
import { placeCalls, startUas, type Uas } from "./support/sipp";
import { startWorker, type WorkerProcess } from "./support/workerProcess";

// Real Kamailio (the shipped kamailio.cfg) + two sipp UAS "nodes" + a sipp caller, all on
// loopback with ports of their own; the real worker process pushes every change.

const base = 20_000 + randomInt(0, 400) * 100;
const PORTS = { sip: base, rpc: base + 1, nodeA: base + 10, nodeB: base + 11, uac: base + 20 };

let t: TestDatabase;
let dir: string;
let ctx: PlatformContext;
let kamailio: KamailioProcess;
let worker: WorkerProcess;
let nodeA: Uas;
let nodeB: Uas;
let ids: { a: string; b: string; proxy: string; tenantB: string };
let uacPort = PORTS.uac;

const workerEnv = () => ({
  DATABASE_URL: t.url,
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  QUEUE_PREFIX: `sbtest${randomBytes(4).toString("hex")}`,
  KAMAILIO_RELOAD_DELTA_MS: "1000",
  CLUSTER_RECONCILE_MS: "500",
  CLUSTER_POLL_NODES_MS: "0",
  CLUSTER_LOCK_DURATION_MS: "2000",
});
let env: Record<string, string>;

const startKam = () =>
  startKamailio({
    dir,
    sipPort: PORTS.sip,
    rpcPort: PORTS.rpc,
    dbUrl: `postgres://switchboard_kamailio@127.0.0.1:5432/${t.name}`,
  });

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${worker?.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Until the proxy reports this revision (or a later one) applied without error. */
const applied = (revision: bigint) =>
  waitFor(`revision ${revision} applied`, async () => {
    const p = await t.db.sipProxy.findUniqueOrThrow({ where: { id: ids.proxy } });
    return p.appliedRevision >= revision && p.lastError === null && p;
  });

/** Calls to `domain`; returns how many INVITEs (and BYEs) each node received for them. */
async function calls(domain: string, count: number, holdMs = 50) {
  const before = { a: nodeA.invites(), b: nodeB.invites() };
  const run = await placeCalls({ proxyPort: PORTS.sip, localPort: uacPort++, domain, calls: count, holdMs });
  await new Promise((r) => setTimeout(r, 200));
  return { ok: run.ok, output: run.output, a: nodeA.invites() - before.a, b: nodeB.invites() - before.b };
}

const rpc = () => new KamailioRpc({ url: kamailio.rpcUrl });
const liveList = async () => liveDestinations(await rpc().call("dispatcher.list", [], DispatcherListReply));
const liveDomains = async () => liveDomainSets(await rpc().call("htable.dump", ["domainset"], HtableDumpReply));

beforeAll(async () => {
  execFileSync("bash", ["scripts/ensure-cluster-tools.sh"], { stdio: "inherit" });
  dir = mkdtempSync(join(tmpdir(), "sb-cluster-"));
  t = await createTestDatabase();
  await ensureKamailioReadRole(t.url, "switchboard_kamailio", null);
  ctx = { db: t.db, actor: { userId: null, tokenId: null, label: "cluster-test", ip: null } };

  nodeA = startUas(dir, "nodeA", PORTS.nodeA);
  nodeB = startUas(dir, "nodeB", PORTS.nodeB);
  const node = (hostname: string, sipPort: number) =>
    createNode(ctx, {
      hostname,
      sipAddress: "127.0.0.1",
      sipPort,
      eslHost: "127.0.0.1",
      eslPort: 1,
      eslPassword: "ClueCon",
    });
  const a = await node("fs-a", PORTS.nodeA);
  const b = await node("fs-b", PORTS.nodeB);
  const proxy = await createSipProxy(ctx, { name: "edge-1", rpcUrl: `http://127.0.0.1:${PORTS.rpc}/RPC` });
  const tenantB = await t.db.domain.create({ data: { name: "tenant-b.example", displayName: "Tenant B" } });
  ids = { a: a.node.id, b: b.node.id, proxy: proxy.id, tenantB: tenantB.id };

  env = workerEnv();
  worker = startWorker(env);
  kamailio = await startKam();
  const latest = await t.db.clusterRevision.findFirstOrThrow({ orderBy: { id: "desc" } });
  await applied(latest.id);
});

afterAll(async () => {
  await worker?.kill("SIGKILL");
  await kamailio?.stop();
  await nodeA?.stop();
  await nodeB?.stop();
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("cluster push through a real Kamailio", () => {
  it("lands a domain assigned to node B on B, and spreads other domains over both", async () => {
    const revision = await setDomainNodes(ctx, {
      domainId: ids.tenantB,
      nodes: [{ nodeId: ids.b, priority: 0, weight: 100 }],
    });
    await applied(revision);

    const assigned = await calls("tenant-b.example", 10);
    expect(assigned.ok, assigned.output).toBe(true);
    expect(assigned).toMatchObject({ a: 0, b: 10 });

    const general = await calls("anyone.example", 20);
    expect(general.ok, general.output).toBe(true);
    expect(general.a + general.b).toBe(20);
    expect(general.a).toBeGreaterThanOrEqual(5);
    expect(general.b).toBeGreaterThanOrEqual(5);
  });

  it("moves a re-assigned domain's next calls to node A", async () => {
    const revision = await setDomainNodes(ctx, {
      domainId: ids.tenantB,
      nodes: [{ nodeId: ids.a, priority: 0, weight: 100 }],
    });
    await applied(revision);
    const moved = await calls("tenant-b.example", 10);
    expect(moved.ok, moved.output).toBe(true);
    expect(moved).toMatchObject({ a: 10, b: 0 });
  });

  it("drains node B: no new call reaches it, a call already up there still gets its BYE", async () => {
    await applied(
      await setDomainNodes(ctx, { domainId: ids.tenantB, nodes: [{ nodeId: ids.b, priority: 0, weight: 100 }] }),
    );
    const byesBefore = nodeB.byes();
    const invitesBefore = nodeB.invites();
    const longCall = placeCalls({
      proxyPort: PORTS.sip,
      localPort: uacPort++,
      domain: "tenant-b.example",
      calls: 1,
      holdMs: 4000,
    });
    await waitFor("the long call to reach B", async () => nodeB.invites() > invitesBefore);

    const { revision } = await setNodeAdminState(ctx, { id: ids.b, adminState: "DRAINING" });
    await applied(revision);
    expect((await liveList()).filter((d) => d.uri.endsWith(`:${PORTS.nodeB}`)).every((d) => d.state === "D")).toBe(
      true,
    );

    const during = await calls("anyone.example", 20);
    expect(during.ok, during.output).toBe(true);
    expect(during).toMatchObject({ a: 20, b: 0 });

    const ended = await longCall;
    expect(ended.ok, ended.output).toBe(true);
    await waitFor("the BYE to reach B", async () => nodeB.byes() === byesBefore + 1);
  });

  it("brings a Kamailio that was down during changes to the latest state, and records it", async () => {
    await kamailio.stop();
    await setNodeAdminState(ctx, { id: ids.b, adminState: "ACTIVE" });
    const last = await setDomainNodes(ctx, {
      domainId: ids.tenantB,
      nodes: [
        { nodeId: ids.a, priority: 0, weight: 100 },
        { nodeId: ids.b, priority: 0, weight: 100 },
      ],
    });
    // The worker tries, fails, and says so.
    await waitFor("the push failure to be recorded", async () => {
      const p = await t.db.sipProxy.findUniqueOrThrow({ where: { id: ids.proxy } });
      return p.lastError !== null && p.appliedRevision < last;
    });

    kamailio = await startKam();
    await applied(last);
    const live = await liveList();
    expect(live.every((d) => d.state !== "D")).toBe(true);
    const setOfTenant = (await liveDomains()).get("tenant-b.example");
    expect(
      live
        .filter((d) => d.setId === setOfTenant)
        .map((d) => d.uri)
        .sort(),
    ).toEqual([`sip:127.0.0.1:${PORTS.nodeA}`, `sip:127.0.0.1:${PORTS.nodeB}`]);
    const spread = await calls("tenant-b.example", 20);
    expect(spread.ok, spread.output).toBe(true);
    expect(spread.a).toBeGreaterThan(0);
    expect(spread.b).toBeGreaterThan(0);
  });

  it("completes a push interrupted by a killed worker, once and in order", async () => {
    // Freeze Kamailio so the push hangs mid-RPC, then kill the worker in the middle of it.
    const pid = execFileSync("cat", [join(dir, `kamailio-${PORTS.sip}.pid`)])
      .toString()
      .trim();
    execFileSync("kill", ["-STOP", pid]);
    const first = (await setNodeAdminState(ctx, { id: ids.a, adminState: "DRAINING" })).revision;
    await waitFor(
      "the push to start",
      async () => (await t.db.outboxEvent.count({ where: { revisionId: first, dispatchedAt: { not: null } } })) > 0,
    );
    await new Promise((r) => setTimeout(r, 500));
    await worker.kill("SIGKILL");
    const last = await setDomainNodes(ctx, {
      domainId: ids.tenantB,
      nodes: [{ nodeId: ids.b, priority: 0, weight: 100 }],
    });
    execFileSync("kill", ["-CONT", pid]);

    worker = startWorker(env);
    const proxy = await applied(last);
    expect(proxy.appliedRevision).toBe(last);
    expect(await t.db.outboxEvent.count({ where: { dispatchedAt: null } })).toBe(0);

    // The live state is the latest one: A drained everywhere, tenant-b on B alone.
    const live = await liveList();
    expect(live.filter((d) => d.uri.endsWith(`:${PORTS.nodeA}`)).every((d) => d.state === "D")).toBe(true);
    const tenant = await calls("tenant-b.example", 10);
    expect(tenant).toMatchObject({ ok: true, a: 0, b: 10 });
    const general = await calls("anyone.example", 10);
    expect(general).toMatchObject({ ok: true, a: 0, b: 10 });
  });
});
