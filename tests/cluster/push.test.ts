import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { randomInt } from "node:crypto";
import { setDomainNodes } from "@/server/cluster/domainAssignments";
import { setNodeAdminState } from "@/server/cluster/nodes";
import { KamailioRpc } from "@/server/cluster/kamailio/rpcClient";
import {
  DispatcherListReply,
  HtableDumpReply,
  liveDestinations,
  liveDomainSets,
} from "@/server/cluster/kamailio/rpcReplies";
import type { PlatformContext } from "@/server/tenancy/context";
import { type TestDatabase } from "../support/database";
import { startKamailio, type KamailioProcess } from "./support/kamailio";
import { placeCalls, type Uas } from "./support/sipp";
import { clusterWorkerEnv, countedCalls, kamailioDbUrl, proxyApplied, waiterFor } from "./support/harness";
import { stopCluster, twoNodeCluster } from "./support/twoNodeCluster";
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

const workerEnv = () => clusterWorkerEnv(t.url);
let env: Record<string, string>;

const startKam = () =>
  startKamailio({
    dir,
    sipPort: PORTS.sip,
    rpcPort: PORTS.rpc,
    dbUrl: kamailioDbUrl(t.name),
  });

const waitFor = waiterFor(() => worker);
/** Until the proxy reports this revision (or a later one) applied without error. */
const applied = (revision: bigint) => proxyApplied(t.db, ids.proxy, waitFor)(revision);

/** Calls to `domain`; returns how many INVITEs each node received for them. */
const calls = (domain: string, count: number, holdMs = 50) =>
  countedCalls({ proxyPort: PORTS.sip, localPort: uacPort++, domain, calls: count, holdMs }, { a: nodeA, b: nodeB });

const rpc = () => new KamailioRpc({ url: kamailio.rpcUrl });
const liveList = async () => liveDestinations(await rpc().call("dispatcher.list", [], DispatcherListReply));
const liveDomains = async () => liveDomainSets(await rpc().call("htable.dump", ["domainset"], HtableDumpReply));

beforeAll(async () => {
  const world = await twoNodeCluster({
    name: "cluster",
    ports: PORTS,
    proxyName: "edge-1",
    actorLabel: "cluster-test",
  });
  ({ dir, t, ctx, nodeA, nodeB } = world);
  const tenantB = await t.db.domain.create({ data: { name: "tenant-b.example", displayName: "Tenant B" } });
  ids = { ...world.ids, tenantB: tenantB.id };

  env = workerEnv();
  worker = startWorker(env);
  kamailio = await startKam();
  const latest = await t.db.clusterRevision.findFirstOrThrow({ orderBy: { id: "desc" } });
  await applied(latest.id);
});

afterAll(() => stopCluster({ worker, kamailio, nodes: [nodeA, nodeB], t, dir }));

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
    await applied(last);
    const proxy = await t.db.sipProxy.findUniqueOrThrow({ where: { id: ids.proxy } });
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
