/**
 * The failover part of `npm run bench:push`: a domain on node B only, B's sipp UAS killed
 * `kills` times; each time, the failover engine's detection → its assignment applied on
 * every proxy, plus kill → detection (Kamailio's probing, for reference). Between kills B is
 * restarted and the domain restored, so every kill starts from the same state.
 */
import { restoreAssignments } from "@/server/cluster/failover/restore";
import { updateFailoverSettings } from "@/server/cluster/failover/settings";
import { startFailoverDetector } from "@/server/cluster/failover/detectorLoop";
import { setDomainNodes } from "@/server/cluster/domainAssignments";
import type { Db } from "@/server/db/client";
import type { PlatformContext } from "@/server/tenancy/context";
import { startUas, type Uas } from "@/tests/cluster/support/sipp";

type Setup = {
  ctx: PlatformContext;
  db: Db;
  dir: string;
  proxyId: string;
  nodes: { a: string; b: string; aPort: number; bPort: number };
  domainId: string;
  kills: number;
  /** Wakes the engine like the worker does when a proxy reports a state change. */
  onDetectorStarted: (wake: () => void) => void;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

export async function measureFailoverKills(s: Setup) {
  const { db } = s;
  const appliedAt = (revision: bigint) =>
    until(`revision ${revision}`, async () => {
      const p = await db.sipProxy.findUniqueOrThrow({ where: { id: s.proxyId }, select: { appliedRevision: true } });
      return p.appliedRevision >= revision && Date.now();
    });
  const upInEngine = (nodeId: string) =>
    until(`node ${nodeId} up`, async () => {
      const st = await db.failoverNodeStatus.findUnique({ where: { nodeId } });
      return st !== null && !st.down;
    });

  // Every kill must be allowed to move the domain: no hysteresis in the bench.
  await updateFailoverSettings(s.ctx, { hysteresisMs: 0 });
  await appliedAt(
    await setDomainNodes(s.ctx, { domainId: s.domainId, nodes: [{ nodeId: s.nodes.b, priority: 0, weight: 100 }] }),
  );
  const nodeA = startUas(s.dir, "bench-a", s.nodes.aPort);
  let uas: Uas = startUas(s.dir, "bench-b-0", s.nodes.bPort);
  const detector = startFailoverDetector(db, { intervalMs: 500 });
  s.onDetectorStarted(() => void detector.wake());
  const pushes: number[] = [];
  const detections: number[] = [];
  /** Detection → the failover record written (the engine's own pass); the rest is commit → outbox → proxy. */
  const commits: number[] = [];
  try {
    await upInEngine(s.nodes.a);
    await upInEngine(s.nodes.b);
    for (let i = 0; i < s.kills; i++) {
      await uas.stop();
      const killedAt = Date.now();
      const event = await until("the failover record", () =>
        db.failoverEvent.findFirst({ where: { domainId: s.domainId, restoredAt: null } }),
      );
      const applied = await appliedAt(event.revisionId);
      pushes.push(applied - event.detectedAt.getTime());
      commits.push(event.at.getTime() - event.detectedAt.getTime());
      detections.push(event.detectedAt.getTime() - killedAt);
      uas = startUas(s.dir, `bench-b-${i + 1}`, s.nodes.bPort);
      await upInEngine(s.nodes.b);
      await appliedAt((await restoreAssignments(s.ctx, { domainId: s.domainId })).revision);
    }
  } finally {
    await detector.close();
    await uas.stop();
    await nodeA.stop();
  }
  return { pushes, detections, commits };
}
