import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomInt } from "node:crypto";
import { DEFAULT_TENANT_CALL_LIMITS, setTenantCallLimits } from "@/server/callLimits/service";
import { createNode } from "@/server/cluster/nodes";
import { createSipProxy } from "@/server/cluster/sipProxies";
import { ensureKamailioReadRole } from "@/server/cluster/kamailio/readRole";
import type { PlatformContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startKamailio, type KamailioProcess } from "./support/kamailio";
import { startUas, type Uas } from "./support/sipp";
import { clusterWorkerEnv, kamailioDbUrl, proxyApplied, proxyHasLatest, waiterFor } from "./support/harness";
import { startWorker, type WorkerProcess } from "./support/workerProcess";

// The platform protecting itself at the edge: per-tenant calls per second and concurrent
// calls enforced by the shipped kamailio.cfg (route TENANT_LIMITS) from limits the real
// worker pushes, driven by sipp bursts through a real Kamailio to a sipp UAS node.

const base = 20_000 + randomInt(0, 400) * 100;
const PORTS = { sip: base + 50, rpc: base + 51, node: base + 60 };
let uacPort = base + 70;

let t: TestDatabase;
let dir: string;
let ctx: PlatformContext;
let kamailio: KamailioProcess;
let worker: WorkerProcess;
let node: Uas;
let proxyId: string;

const waitFor = waiterFor(() => worker);
const applied = (revision: bigint) => proxyApplied(t.db, proxyId, waitFor)(revision);

/** Sets a tenant's edge limits through the service and waits until Kamailio has them. */
async function edgeLimits(domainId: string, edgeCallsPerSecond: number, edgeConcurrentCalls: number) {
  const {
    outboundBlocked: _b,
    outboundBlockedAt: _at,
    outboundBlockedReason: _r,
    ...limits
  } = DEFAULT_TENANT_CALL_LIMITS;
  await setTenantCallLimits(ctx, { ...limits, domainId, edgeCallsPerSecond, edgeConcurrentCalls });
  const latest = await t.db.clusterRevision.findFirstOrThrow({ orderBy: { id: "desc" } });
  await applied(latest.id);
}

type Burst = { ok200: number; rateRefused: number; countRefused: number; retryAfter: number; output: string };

/** `calls` calls from (and to) `domain` at `rate`/s, each held `holdMs`; counts final INVITE answers from sipp's log. */
function burst(domain: string, calls: number, rate: number, holdMs: number): Promise<Burst> {
  const log = join(dir, `uac-${uacPort}.msg`);
  const args = [
    `127.0.0.1:${PORTS.sip}`,
    ...["-sf", join(process.cwd(), "tests", "cluster", "scenarios", "uac-limits.xml")],
    ...["-key", "domain", domain, "-d", String(holdMs), "-s", "1000", "-m", String(calls), "-r", String(rate)],
    ...["-i", "127.0.0.1", "-p", String(uacPort++), "-timeout", "30s", "-timeout_error", "-nostdin"],
    ...["-trace_msg", "-message_file", log],
  ];
  return new Promise((resolve) => {
    execFile("sipp", args, { timeout: 40_000 }, (_error, stdout, stderr) => {
      const text = existsSync(log) ? readFileSync(log, "utf8") : "";
      // The final answer to each call's INVITE (retransmissions of a 200 count once).
      const finals = new Map<string, string>();
      // sipp logs each message after a line of dashes; a response's first line is "SIP/2.0 <code> <reason>".
      for (const entry of text.split(/^-{10,}.*$/m)) {
        const m = entry.slice(entry.search(/^SIP\/2\.0 [2-6]/m));
        const callId = /^Call-ID:\s*(\S+)/im.exec(m)?.[1];
        if (!m.startsWith("SIP/2.0 ") || !callId || !/^CSeq:\s*1 INVITE/im.test(m)) continue;
        finals.set(callId, m);
      }
      const answers = [...finals.values()];
      resolve({
        ok200: answers.filter((m) => m.startsWith("SIP/2.0 200")).length,
        rateRefused: answers.filter((m) => m.startsWith("SIP/2.0 503 Tenant Call Rate Exceeded")).length,
        countRefused: answers.filter((m) => m.startsWith("SIP/2.0 503 Tenant Call Limit Reached")).length,
        retryAfter: answers.filter((m) => /^Retry-After:\s*1\s*$/im.test(m)).length,
        output: `${stdout}\n${stderr}`.slice(-2000),
      });
    });
  });
}

let tenants: { cps: string; calls: string; free: string };

beforeAll(async () => {
  execFileSync("bash", ["scripts/ensure-cluster-tools.sh"], { stdio: "inherit" });
  dir = mkdtempSync(join(tmpdir(), "sb-limits-"));
  t = await createTestDatabase();
  await ensureKamailioReadRole(t.url, "switchboard_kamailio", null);
  ctx = { db: t.db, actor: { userId: null, tokenId: null, label: "cluster-test", ip: null } };
  node = startUas(dir, "node", PORTS.node);
  await createNode(ctx, {
    hostname: "fs-a",
    sipAddress: "127.0.0.1",
    sipPort: PORTS.node,
    eslHost: "127.0.0.1",
    eslPort: 1,
    eslPassword: "ClueCon",
  });
  proxyId = (await createSipProxy(ctx, { name: "edge-1", rpcUrl: `http://127.0.0.1:${PORTS.rpc}/RPC` })).id;
  const domain = (name: string) => t.db.domain.create({ data: { name, displayName: name } });
  const [cps, calls, free] = await Promise.all([
    domain("cps.example"),
    domain("calls.example"),
    domain("free.example"),
  ]);
  tenants = { cps: cps.id, calls: calls.id, free: free.id };

  worker = startWorker(clusterWorkerEnv(t.url));
  kamailio = await startKamailio({
    dir,
    sipPort: PORTS.sip,
    rpcPort: PORTS.rpc,
    dbUrl: kamailioDbUrl(t.name),
  });
  await proxyHasLatest(t.db, proxyId, waitFor);
  await edgeLimits(tenants.cps, 5, 0);
  await edgeLimits(tenants.calls, 0, 3);
}, 60_000);

afterAll(async () => {
  await worker?.kill("SIGKILL");
  await kamailio?.stop();
  await node?.stop();
  await t?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("per-tenant limits at the Kamailio edge", () => {
  it("a burst over a tenant's calls per second: 200 up to the limit, then 503 Tenant Call Rate Exceeded with Retry-After", async () => {
    // 20 calls at 100/s span at most two one-second windows: 5 to 10 get through.
    const run = await burst("cps.example", 20, 100, 50);
    expect(run.ok200 + run.rateRefused, run.output).toBe(20);
    expect(run.ok200).toBeGreaterThanOrEqual(5);
    expect(run.ok200).toBeLessThanOrEqual(10);
    expect(run.rateRefused).toBeGreaterThanOrEqual(10);
    expect(run.retryAfter).toBe(run.rateRefused);
    expect(run.countRefused).toBe(0);
  });

  it("under the rate every call gets 200", async () => {
    await new Promise((r) => setTimeout(r, 1_100));
    const run = await burst("cps.example", 4, 100, 50);
    expect(run, run.output).toMatchObject({ ok200: 4, rateRefused: 0, countRefused: 0 });
  });

  it("over a tenant's concurrent calls: the 4th call while 3 are up gets 503 Tenant Call Limit Reached; ended calls free their slots", async () => {
    const invitesBefore = node.invites();
    // 6 calls held 3 s, started within 0.3 s: 3 are up when the others arrive.
    const run = await burst("calls.example", 6, 20, 3_000);
    expect(run, run.output).toMatchObject({ ok200: 3, countRefused: 3, rateRefused: 0 });
    expect(node.invites() - invitesBefore).toBe(3);
    // All six ended (BYE or refusal): the next three fit again.
    const again = await burst("calls.example", 3, 20, 200);
    expect(again, again.output).toMatchObject({ ok200: 3, countRefused: 0 });
  });

  it("one tenant's limits never apply to another tenant", async () => {
    const [limited, free] = await Promise.all([burst("cps.example", 20, 100, 50), burst("free.example", 20, 100, 50)]);
    expect(limited.rateRefused).toBeGreaterThan(0);
    expect(free, free.output).toMatchObject({ ok200: 20, rateRefused: 0, countRefused: 0 });
  });

  it("lifting a limit takes effect at once, and a restarted Kamailio loads the limits from the database", async () => {
    await edgeLimits(tenants.cps, 0, 0);
    expect(await burst("cps.example", 20, 100, 50)).toMatchObject({ ok200: 20, rateRefused: 0 });

    await edgeLimits(tenants.cps, 5, 0);
    await kamailio.stop();
    kamailio = await startKamailio({
      dir,
      sipPort: PORTS.sip,
      rpcPort: PORTS.rpc,
      dbUrl: kamailioDbUrl(t.name),
    });
    const run = await burst("cps.example", 20, 100, 50);
    expect(run.ok200).toBeLessThanOrEqual(10);
    expect(run.rateRefused).toBeGreaterThanOrEqual(10);
  });
});
