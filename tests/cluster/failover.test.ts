import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomInt } from "node:crypto";
import { setDomainNodes } from "@/server/cluster/domainAssignments";
import { restoreAssignments } from "@/server/cluster/failover/restore";
import { updateFailoverSettings } from "@/server/cluster/failover/settings";
import type { PlatformContext } from "@/server/tenancy/context";
import { type TestDatabase } from "../support/database";
import { startKamailio, type KamailioProcess } from "./support/kamailio";
import { placeCalls, startUas, type Uas } from "./support/sipp";
import {
  clusterWorkerEnv,
  countedCalls,
  kamailioDbUrl,
  proxyApplied,
  proxyHasLatest,
  sleep,
  waiterFor,
} from "./support/harness";
import { stopCluster, twoNodeCluster } from "./support/twoNodeCluster";
import { startWorker, type WorkerProcess } from "./support/workerProcess";

// Failover with no person: the shipped kamailio.cfg (shipped probing settings), two sipp UAS
// nodes and the real worker process (its failover engine included). Domain d1 is on B
// only; B is KILLED mid-traffic; the engine must move d1 to A by itself, audited, pushed
// within a second of detection; B's return moves nothing back until someone restores.

const base = 20_000 + randomInt(0, 400) * 100 + 70;
const PORTS = { sip: base, rpc: base + 1, nodeA: base + 10, nodeB: base + 11, uac: base + 20 };
const DOMAIN = "d1.failover.example";
const RATE = 10;

let t: TestDatabase;
let dir: string;
let ctx: PlatformContext;
let kamailio: KamailioProcess;
let worker: WorkerProcess;
let nodeA: Uas;
let nodeB: Uas;
let ids: { a: string; b: string; proxy: string; d1: string };
let uacPort = PORTS.uac;
let restarts = 0;

const waitFor = waiterFor(() => worker, { timeoutMs: 30_000, intervalMs: 20 });
const appliedAt = (revision: bigint) => proxyApplied(t.db, ids.proxy, waitFor)(revision);

const assigned = async () =>
  (await t.db.domainAssignment.findMany({ where: { domainId: ids.d1 }, select: { nodeId: true } })).map(
    (a) => a.nodeId,
  );

const calls = (count: number) =>
  countedCalls({ proxyPort: PORTS.sip, localPort: uacPort++, domain: DOMAIN, calls: count }, { a: nodeA, b: nodeB });

const bBack = () => {
  nodeB = startUas(dir, `nodeB-${++restarts}`, PORTS.nodeB);
};
const engineSaysBUp = () =>
  waitFor("the engine to see B up", async () => {
    const s = await t.db.failoverNodeStatus.findUnique({ where: { nodeId: ids.b } });
    return s && !s.down;
  });

beforeAll(async () => {
  const world = await twoNodeCluster({
    name: "failover",
    ports: PORTS,
    proxyName: "edge-1",
    actorLabel: "ops@itsp.example",
  });
  ({ dir, t, ctx, nodeA, nodeB } = world);
  const { a, b, proxy } = world.ids;
  const d1 = (await t.db.domain.create({ data: { name: DOMAIN, displayName: "D1" } })).id;
  ids = { a, b, proxy, d1 };
  await setDomainNodes(ctx, { domainId: d1, nodes: [{ nodeId: b, priority: 0, weight: 100 }] });

  worker = startWorker(clusterWorkerEnv(t.url, { KAMAILIO_PROBE_READ_MS: "250", FAILOVER_TICK_MS: "500" }));
  kamailio = await startKamailio({
    dir,
    sipPort: PORTS.sip,
    rpcPort: PORTS.rpc,
    dbUrl: kamailioDbUrl(t.name),
    defines: {},
  });
  await proxyHasLatest(t.db, ids.proxy, waitFor);
  await engineSaysBUp();
}, 60_000);

afterAll(() => stopCluster({ worker, kamailio, nodes: [nodeA, nodeB], t, dir }));

describe("failover without a person (real Kamailio, sipp nodes, the real worker)", () => {
  it("moves the domain of a node killed mid-traffic to A, audited, pushed within 1 s of detection", async () => {
    expect(await calls(5)).toMatchObject({ ok: true, a: 0, b: 5 });

    // 10 calls/s for 15 s; B killed 2 s in.
    const invitesOfA = nodeA.invites();
    const traffic = placeCalls({
      proxyPort: PORTS.sip,
      localPort: uacPort++,
      domain: DOMAIN,
      calls: 15 * RATE,
      rate: RATE,
    });
    await sleep(2000);
    await nodeB.stop();
    const killedAt = Date.now();
    const firstOnA = waitFor("a call on A", async () => nodeA.invites() > invitesOfA && Date.now());

    const event = await waitFor("a failover record", () =>
      t.db.failoverEvent.findFirst({ where: { domainId: ids.d1 }, orderBy: { at: "desc" } }),
    );
    const applied = await appliedAt(event.revisionId);
    const run = await traffic;
    const onA = (await firstOnA) - killedAt;
    const detected = event.detectedAt.getTime() - killedAt;
    const push = applied - event.detectedAt.getTime();
    console.log(
      `[failover] kill → detected ${detected} ms, detection → applied on every proxy ${push} ms, ` +
        `kill → first call on A ${onA} ms; traffic: ${run.successful} ok, ${run.failed} failed ` +
        `(≈ ${(run.failed / RATE).toFixed(1)} s of failures at ${RATE} calls/s)`,
    );

    expect(await assigned()).toEqual([ids.a]);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "domain.failover", entityId: ids.d1 } });
    expect(audit).toMatchObject({ actorLabel: "system:failover", after: { nodes: [{ nodeId: ids.a }] } });
    expect(event.reason).toContain("fs-b");
    expect(push).toBeLessThanOrEqual(1000);
    expect(run.failed / RATE, run.output).toBeLessThanOrEqual(10);
    expect(onA).toBeLessThanOrEqual(10_000);

    // Then 100% on A.
    expect(await calls(20)).toMatchObject({ ok: true, a: 20, b: 0 });
  }, 60_000);

  it("does not move the domain back when B returns; one restore call does", async () => {
    bBack();
    await engineSaysBUp();
    await sleep(3000);
    expect(await assigned()).toEqual([ids.a]);
    expect(await t.db.failoverEvent.count({ where: { domainId: ids.d1, restoredAt: null } })).toBe(1);

    const { revision } = await restoreAssignments(ctx, { domainId: ids.d1 });
    await appliedAt(revision);
    expect(await assigned()).toEqual([ids.b]);
    expect(await calls(10)).toMatchObject({ ok: true, a: 0, b: 10 });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "domain.failover-restore" } });
    expect(audit.actorLabel).toBe("ops@itsp.example");
  }, 60_000);

  it("a flapping node moves its domain at most once per hysteresis window", async () => {
    const WINDOW_MS = 20_000;
    await updateFailoverSettings(ctx, { hysteresisMs: WINDOW_MS });

    /**
     * B killed for `downMs`, back for `upMs`, `cycles` times, under traffic. Worst case: every
     * time the engine moves d1 away, an operator forces it straight back onto the flapping
     * node, so each of B's deaths could bounce the tenant again.
     */
    async function flap(downMs: number, upMs: number, cycles: number) {
      await t.db.failoverEvent.deleteMany();
      const since = new Date();
      let downs = 0;
      let lastDown = false;
      let flapping = true;
      const watcher = (async () => {
        while (flapping) {
          const s = await t.db.failoverNodeStatus.findUnique({ where: { nodeId: ids.b } });
          if (s?.down && !lastDown) downs++;
          lastDown = Boolean(s?.down);
          if (await t.db.failoverEvent.findFirst({ where: { domainId: ids.d1, restoredAt: null } })) {
            await restoreAssignments(ctx, { domainId: ids.d1, force: true });
          }
          await sleep(100);
        }
      })();
      const seconds = Math.ceil(((downMs + upMs) * cycles) / 1000);
      const traffic = placeCalls({
        proxyPort: PORTS.sip,
        localPort: uacPort++,
        domain: DOMAIN,
        calls: seconds * 5,
        rate: 5,
      });
      for (let i = 0; i < cycles; i++) {
        await nodeB.stop();
        await sleep(downMs);
        bBack();
        await sleep(upMs);
      }
      flapping = false;
      await watcher;
      const run = await traffic;
      const moves = await t.db.failoverEvent.findMany({
        where: { domainId: ids.d1, at: { gte: since } },
        orderBy: { at: "asc" },
        select: { at: true },
      });
      const gaps = moves.slice(1).map((m, i) => m.at.getTime() - moves[i]!.at.getTime());
      console.log(
        `[failover] flapping ${downMs / 1000} s down / ${upMs / 1000} s up × ${cycles}: engine saw B down ${downs}×, ` +
          `moved d1 ${moves.length}× (gaps ${gaps.join(", ") || "-"} ms); traffic ${run.successful} ok, ${run.failed} failed`,
      );
      await engineSaysBUp();
      return { downs, moves: moves.length, gaps, seconds };
    }

    // Down/up every 3 s: shorter than Kamailio's probing needs to call B dead, so no move at all.
    const fast = await flap(3000, 3000, 5);
    expect(fast.moves).toBeLessThanOrEqual(1);

    // Slow enough to be detected each time: still one move per window, however often B dies.
    const slow = await flap(7000, 5000, 4);
    expect(slow.downs).toBeGreaterThan(slow.moves);
    expect(slow.moves).toBeGreaterThanOrEqual(1);
    expect(slow.moves).toBeLessThanOrEqual(Math.ceil((slow.seconds * 1000) / WINDOW_MS));
    for (const g of slow.gaps) expect(g).toBeGreaterThanOrEqual(WINDOW_MS);
  }, 150_000);
});
