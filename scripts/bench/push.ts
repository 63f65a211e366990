/**
 * `npm run bench:push`: commit → "applied on every proxy" latency over 200 cluster
 * changes against a real Kamailio (the shipped kamailio.cfg), one re-assignment of
 * 10,000 domains, and failover detection → assignment applied over BENCH_KILLS (50) node
 * kills (sipp UAS nodes; see failoverKills.ts). Uses a throw-away database on the local PostgreSQL, Redis when
 * REDIS_URL is set (else BullMQ's PostgreSQL backend), and needs kamailio installed
 * (scripts/ensure-cluster-tools.sh).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes, randomInt } from "node:crypto";
import { bulkAssignDomains, setDomainNodes } from "@/server/cluster/domainAssignments";
import { ensureKamailioReadRole } from "@/server/cluster/kamailio/readRole";
import { createNode, setNodeAdminState } from "@/server/cluster/nodes";
import { createSipProxy } from "@/server/cluster/sipProxies";
import type { PlatformContext } from "@/server/tenancy/context";
import { startClusterWorkers } from "@/workers/clusterWorkers";
import { CLUSTER_EVENTS_QUEUE, type OutboxJob } from "@/workers/jobs";
import { OutboxRelay } from "@/workers/outboxRelay";
import { queueBackend } from "@/workers/queueBackend";
import { createTestDatabase } from "@/tests/support/database";
import { startKamailio } from "@/tests/cluster/support/kamailio";
import { measureFailoverKills } from "./failoverKills";

process.env.SWITCHBOARD_SECRET_KEY ??= randomBytes(32).toString("base64");
const CHANGES = Number(process.env.BENCH_CHANGES ?? 200);
const KILLS = Number(process.env.BENCH_KILLS ?? 50);
const DOMAINS = 10_000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

execFileSync("bash", ["scripts/ensure-cluster-tools.sh"], { stdio: "inherit" });
const dir = mkdtempSync(join(tmpdir(), "sb-bench-push-"));
const t = await createTestDatabase();
await ensureKamailioReadRole(t.url, "switchboard_kamailio", null);
const ctx: PlatformContext = { db: t.db, actor: { userId: null, tokenId: null, label: "bench", ip: null } };
const base = 20_000 + randomInt(0, 400) * 100;

const node = (hostname: string, port: number) =>
  createNode(ctx, {
    hostname,
    sipAddress: "127.0.0.1",
    sipPort: port,
    eslHost: "127.0.0.1",
    eslPort: 1,
    eslPassword: "x",
  });
const a = (await node("fs-a", base + 10)).node.id;
const b = (await node("fs-b", base + 11)).node.id;
const proxy = await createSipProxy(ctx, { name: "edge-1", rpcUrl: `http://127.0.0.1:${base + 1}/RPC` });
await t.db.domain.createMany({
  data: Array.from({ length: DOMAINS }, (_, i) => ({ name: `d${i}.bench.example`, displayName: `D${i}` })),
});
const domainIds = (await t.db.domain.findMany({ select: { id: true }, orderBy: { name: "asc" } })).map((d) => d.id);

const cleanup: (() => Promise<unknown>)[] = [() => t.drop(), async () => rmSync(dir, { recursive: true, force: true })];
const backend = queueBackend({
  redisUrl: process.env.REDIS_URL,
  databaseUrl: t.url,
  prefix: `sbbench${randomBytes(3).toString("hex")}`,
});
const eventsQueue = backend.queue<OutboxJob>(CLUSTER_EVENTS_QUEUE);
const quiet = () => undefined;
const relay = new OutboxRelay(t.db, eventsQueue, { databaseUrl: t.url });
let wakeFailover: () => void = () => undefined;
const workers = await startClusterWorkers(t.db, backend, {
  reloadDeltaMs: 1000,
  reconcileMs: 1000,
  onKamailioViewChange: () => wakeFailover(),
  onError: quiet,
});
cleanup.unshift(
  () => relay.stop(),
  () => workers.close(),
  () => eventsQueue.close(),
);
await relay.start();

async function untilApplied(revision: bigint): Promise<number> {
  for (;;) {
    const p = await t.db.sipProxy.findUniqueOrThrow({ where: { id: proxy.id }, select: { appliedRevision: true } });
    if (p.appliedRevision >= revision) return performance.now();
    await new Promise((r) => setTimeout(r, 2));
  }
}

try {
  const kamailio = await startKamailio({
    dir,
    sipPort: base,
    rpcPort: base + 1,
    dbUrl: `postgres://switchboard_kamailio@127.0.0.1:5432/${t.name}`,
  });
  cleanup.unshift(() => kamailio.stop());
  await untilApplied((await t.db.clusterRevision.findFirstOrThrow({ orderBy: { id: "desc" } })).id);

  // 10,000 domains moved to node B in one operation.
  let start = performance.now();
  const bulkRevision = await bulkAssignDomains(ctx, { domainIds, nodes: [{ nodeId: b, priority: 0, weight: 100 }] });
  const committed = performance.now();
  const bulkApplied = await untilApplied(bulkRevision);
  console.log(
    `bulk re-assign ${DOMAINS} domains: commit ${(committed - start).toFixed(0)} ms, ` +
      `applied on every proxy ${(bulkApplied - start).toFixed(0)} ms`,
  );

  // 200 single changes: re-assign a domain between A and B, drain/activate node A.
  const latencies: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    start = performance.now();
    const revision =
      i % 4 === 3
        ? (await setNodeAdminState(ctx, { id: a, adminState: i % 8 === 3 ? "DRAINING" : "ACTIVE" })).revision
        : await setDomainNodes(ctx, {
            domainId: domainIds[i]!,
            nodes: [{ nodeId: i % 2 === 0 ? a : b, priority: 0, weight: 100 }],
          });
    const commit = performance.now();
    latencies.push((await untilApplied(revision)) - commit);
  }
  latencies.sort((x, y) => x - y);
  console.log(
    `commit → applied on every proxy over ${CHANGES} changes (${DOMAINS} domains mapped, queue: ${backend.kind}): ` +
      `p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, ` +
      `max ${latencies.at(-1)!.toFixed(0)} ms`,
  );

  // Node B killed KILLS times under a domain assigned to it alone (the other domains on A and B).
  if (KILLS > 0) {
    await untilApplied(
      await bulkAssignDomains(ctx, {
        domainIds: domainIds.slice(1),
        nodes: [
          { nodeId: a, priority: 0, weight: 100 },
          { nodeId: b, priority: 0, weight: 100 },
        ],
      }),
    );
    await untilApplied((await setNodeAdminState(ctx, { id: a, adminState: "ACTIVE" })).revision);
    const { pushes, detections, commits } = await measureFailoverKills({
      ctx,
      db: t.db,
      dir,
      proxyId: proxy.id,
      nodes: { a, b, aPort: base + 10, bPort: base + 11 },
      domainId: domainIds[0]!,
      kills: KILLS,
      onDetectorStarted: (wake) => (wakeFailover = wake),
    });
    pushes.sort((x, y) => x - y);
    detections.sort((x, y) => x - y);
    commits.sort((x, y) => x - y);
    console.log(
      `failover detection → assignment applied on every proxy over ${KILLS} kills: ` +
        `p50 ${percentile(pushes, 50).toFixed(0)} ms, p99 ${percentile(pushes, 99).toFixed(0)} ms, ` +
        `max ${pushes.at(-1)!.toFixed(0)} ms, of which detection → move written p50 ` +
        `${percentile(commits, 50).toFixed(0)} ms, p99 ${percentile(commits, 99).toFixed(0)} ms ` +
        `(kill → detection by Kamailio's probing: ` +
        `p50 ${percentile(detections, 50).toFixed(0)} ms, p99 ${percentile(detections, 99).toFixed(0)} ms)`,
    );
  }
} finally {
  for (const step of cleanup) await step().catch(() => undefined);
}
