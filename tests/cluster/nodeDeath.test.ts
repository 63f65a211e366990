import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomInt } from "node:crypto";
import { setDomainNodes } from "@/server/cluster/domainAssignments";
import { nodeKamailioView } from "@/server/cluster/kamailio/nodeKamailioView";
import { KamailioRpc } from "@/server/cluster/kamailio/rpcClient";
import { listDestinations } from "@/server/cluster/kamailio/proxyRpc";
import { updateDomain } from "@/server/domains/service";
import type { PlatformContext } from "@/server/tenancy/context";
import { type TestDatabase } from "../support/database";
import { startKamailio, type KamailioProcess } from "./support/kamailio";
import { inviteStatus } from "./support/sipRequest";
import { placeCalls, startUas, type Uas } from "./support/sipp";
import { clusterWorkerEnv, countedCalls, kamailioDbUrl, proxyHasLatest, waiterFor } from "./support/harness";
import { stopCluster, twoNodeCluster } from "./support/twoNodeCluster";
import { startWorker, type WorkerProcess } from "./support/workerProcess";

// A node is KILLED (not drained) while its only domain is calling: the shipped
// kamailio.cfg, with its shipped probing settings, must notice within 10 s and route the
// domain to the other node by itself (fallback to set 1), also with no worker running,
// while an "only my nodes" domain gets 503. The worker's read-back must show the same.

const base = 20_000 + randomInt(0, 400) * 100 + 50;
const PORTS = { sip: base, rpc: base + 1, nodeA: base + 10, nodeB: base + 11, uac: base + 20 };
const DETECTION_LIMIT_MS = 10_000;

let t: TestDatabase;
let dir: string;
let ctx: PlatformContext;
let kamailio: KamailioProcess;
let worker: WorkerProcess;
let nodeA: Uas;
let nodeB: Uas;
let ids: { a: string; b: string; proxy: string; d1: string };
let uacPort = PORTS.uac;
let killedAt = 0;

const waitFor = waiterFor(() => worker, { intervalMs: 50 });

const liveOfB = async () =>
  (await listDestinations(new KamailioRpc({ url: kamailio.rpcUrl }))).filter((d) => d.uri.endsWith(`:${PORTS.nodeB}`));

/** When every dispatcher entry of B reads inactive (polled every 50 ms). */
const everySetInactive = () =>
  waitFor("B inactive in every set", async () => {
    const b = await liveOfB();
    return b.length === 2 && b.every((d) => d.state === "I") ? Date.now() : null;
  });

const calls = (domain: string, count: number) =>
  countedCalls({ proxyPort: PORTS.sip, localPort: uacPort++, domain, calls: count }, { a: nodeA, b: nodeB });

beforeAll(async () => {
  const world = await twoNodeCluster({
    name: "node-death",
    ports: PORTS,
    proxyName: "proxy-1",
    actorLabel: "cluster-test",
  });
  ({ dir, t, ctx, nodeA, nodeB } = world);
  ids = { ...world.ids, d1: "" };
  // Failover off: what is under test is Kamailio's own fallback, not the engine that would
  // reassign the domains to A (that is tests/cluster/failover's subject).
  const d1 = await t.db.domain.create({ data: { name: "d1.example", displayName: "D1", failoverEnabled: false } });
  const strict = await t.db.domain.create({
    data: { name: "strict.example", displayName: "Only my nodes", failoverEnabled: false },
  });
  ids.d1 = d1.id;
  for (const d of [d1, strict]) await setDomainNodes(ctx, { domainId: d.id, nodes: [{ nodeId: ids.b }] });
  await updateDomain(ctx, { id: strict.id, fallbackToAnyNode: false });

  worker = startWorker(clusterWorkerEnv(t.url, { KAMAILIO_PROBE_READ_MS: "250" }));
  // The shipped probing settings: what is measured is what operators get.
  kamailio = await startKamailio({
    dir,
    sipPort: PORTS.sip,
    rpcPort: PORTS.rpc,
    dbUrl: kamailioDbUrl(t.name),
    defines: {},
  });
  await proxyHasLatest(t.db, ids.proxy, waitFor);
  // Both nodes probed alive before anything dies.
  await waitFor("both nodes active", async () => {
    const live = await listDestinations(new KamailioRpc({ url: kamailio.rpcUrl }));
    return live.length > 0 && live.every((d) => d.flags === "AP");
  });
}, 60_000);

afterAll(() => stopCluster({ worker, kamailio, nodes: [nodeA, nodeB], t, dir }));

describe("a killed node, detected and routed around by Kamailio itself", () => {
  it("marks the killed node inactive within 10 s and sends its domain's calls to A", async () => {
    const before = await calls("d1.example", 5);
    expect(before).toMatchObject({ ok: true, a: 0, b: 5 });
    // The "only my nodes" rule rides in the domainset value ("<set>:own"): its set still routes.
    expect(await calls("strict.example", 3)).toMatchObject({ ok: true, a: 0, b: 3 });

    // 10 calls/s for 8 s, B killed 1.5 s in.
    const invitesOfA = nodeA.invites();
    const traffic = placeCalls({
      proxyPort: PORTS.sip,
      localPort: uacPort++,
      domain: "d1.example",
      calls: 80,
      rate: 10,
    });
    await new Promise((r) => setTimeout(r, 1500));
    await nodeB.stop();
    killedAt = Date.now();

    const detectedAt = await everySetInactive();
    console.log(`[node death] kill mid-traffic → B inactive in every set: ${detectedAt - killedAt} ms`);
    expect(detectedAt - killedAt).toBeLessThanOrEqual(DETECTION_LIMIT_MS);

    const run = await traffic;
    console.log(`[node death] traffic across the kill: ${run.successful} ok, ${run.failed} failed`);
    // A call up on B when it died loses its BYE; everything else completes, on A once B is gone.
    expect(run.successful + run.failed, run.output).toBe(80);
    expect(run.failed, run.output).toBeLessThanOrEqual(2);
    expect(nodeA.invites() - invitesOfA).toBeGreaterThan(0);

    const after = await calls("d1.example", 10);
    expect(after).toMatchObject({ ok: true, a: 10, b: 0 });
  }, 40_000);

  it("shows B inactive, with its since, in the worker's read-back and nodeKamailioView", async () => {
    const rows = await waitFor("the read-back of B inactive", async () => {
      const r = await t.db.proxyDestinationState.findMany({ where: { nodeId: ids.b } });
      return r.length === 2 && r.every((x) => x.state === "INACTIVE") && r;
    });
    for (const r of rows) {
      expect(r.proxyId).toBe(ids.proxy);
      expect(r.flags).toBe("IP");
      expect(r.since.getTime()).toBeGreaterThan(killedAt - 1000);
      expect(r.since.getTime()).toBeLessThanOrEqual(r.checkedAt.getTime());
    }
    const view = await nodeKamailioView(t.db);
    const b = view.find((v) => v.nodeId === ids.b)!;
    const a = view.find((v) => v.nodeId === ids.a)!;
    expect(b.inactiveOnEveryProxy).toBe(true);
    expect(b.inactiveSince!.getTime()).toBeGreaterThan(killedAt - 1000);
    expect(b.perProxy).toMatchObject([{ proxyId: ids.proxy, proxyName: "proxy-1", state: "INACTIVE", stale: false }]);
    expect(a).toMatchObject({ inactiveOnEveryProxy: false, inactiveSince: null, perProxy: [{ state: "ACTIVE" }] });

    // `since` stays while the state stays.
    await new Promise((r) => setTimeout(r, 600));
    const later = await t.db.proxyDestinationState.findMany({ where: { nodeId: ids.b } });
    for (const r of later) {
      const first = rows.find((x) => x.setId === r.setId)!;
      expect(r.since).toEqual(first.since);
      expect(r.checkedAt.getTime()).toBeGreaterThan(first.checkedAt.getTime());
    }
  });

  it("with the worker stopped too, Kamailio still routes the domain to A", async () => {
    await worker.kill("SIGKILL");
    const run = await calls("d1.example", 10);
    expect(run).toMatchObject({ ok: true, a: 10, b: 0 });
    // Still assigned to B alone: A got the calls by Kamailio's fallback, not by a reassignment.
    expect(
      (await t.db.domainAssignment.findMany({ where: { domainId: ids.d1 }, select: { nodeId: true } })).map(
        (x) => x.nodeId,
      ),
    ).toEqual([ids.b]);
  });

  it("refuses an 'only my nodes' domain with 503 while its node is dead", async () => {
    const invitesOfA = nodeA.invites();
    expect(await inviteStatus({ proxyPort: PORTS.sip, localPort: uacPort++, domain: "strict.example" })).toBe(503);
    expect(nodeA.invites()).toBe(invitesOfA);
  });

  it("sees B back, then, with no traffic at all, probing alone marks it dead within 10 s", async () => {
    nodeB = startUas(dir, "nodeB-again", PORTS.nodeB);
    await waitFor("B active again", async () => (await liveOfB()).every((d) => d.flags === "AP"));
    // Give the next probe round a random phase relative to the kill, as in real life.
    await new Promise((r) => setTimeout(r, randomInt(0, 2000)));
    await nodeB.stop();
    const stoppedAt = Date.now();
    const detectedAt = await everySetInactive();
    console.log(`[node death] kill, no traffic → B inactive in every set (probing only): ${detectedAt - stoppedAt} ms`);
    expect(detectedAt - stoppedAt).toBeLessThanOrEqual(DETECTION_LIMIT_MS);
  }, 30_000);
});
