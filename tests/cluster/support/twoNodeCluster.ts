import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createNode } from "@/server/cluster/nodes";
import { createSipProxy } from "@/server/cluster/sipProxies";
import { ensureKamailioReadRole } from "@/server/cluster/kamailio/readRole";
import type { PlatformContext } from "@/server/tenancy/context";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import type { KamailioProcess } from "./kamailio";
import { startUas, type Uas } from "./sipp";
import type { WorkerProcess } from "./workerProcess";

export type TwoNodeCluster = {
  dir: string;
  t: TestDatabase;
  ctx: PlatformContext;
  nodeA: Uas;
  nodeB: Uas;
  ids: { a: string; b: string; proxy: string };
};

/**
 * What every cluster test starts from: a fresh database Kamailio may read, two sipp UAS
 * "nodes" (fs-a, fs-b) registered as telephony nodes, and one SIP proxy on `rpcPort`.
 * The nodes' event socket is a closed port: sipp has none.
 */
export async function twoNodeCluster(opts: {
  name: string;
  ports: { rpc: number; nodeA: number; nodeB: number };
  proxyName: string;
  actorLabel: string;
}): Promise<TwoNodeCluster> {
  execFileSync("bash", ["scripts/ensure-cluster-tools.sh"], { stdio: "inherit" });
  const dir = mkdtempSync(join(tmpdir(), `sb-${opts.name}-`));
  const t = await createTestDatabase();
  await ensureKamailioReadRole(t.url, "switchboard_kamailio", null);
  const ctx: PlatformContext = { db: t.db, actor: { userId: null, tokenId: null, label: opts.actorLabel, ip: null } };
  const nodeA = startUas(dir, "nodeA", opts.ports.nodeA);
  const nodeB = startUas(dir, "nodeB", opts.ports.nodeB);
  const node = async (hostname: string, sipPort: number) =>
    (
      await createNode(ctx, {
        hostname,
        sipAddress: "127.0.0.1",
        sipPort,
        eslHost: "127.0.0.1",
        eslPort: 1,
        eslPassword: "ClueCon",
      })
    ).node.id;
  const a = await node("fs-a", opts.ports.nodeA);
  const b = await node("fs-b", opts.ports.nodeB);
  const proxy = await createSipProxy(ctx, { name: opts.proxyName, rpcUrl: `http://127.0.0.1:${opts.ports.rpc}/RPC` });
  return { dir, t, ctx, nodeA, nodeB, ids: { a, b, proxy: proxy.id } };
}

/** Stops what a cluster test started, whatever part of it came up. */
export async function stopCluster(parts: {
  worker?: WorkerProcess;
  kamailio?: KamailioProcess;
  nodes: (Uas | undefined)[];
  t?: TestDatabase;
  dir?: string;
}): Promise<void> {
  await parts.worker?.kill("SIGKILL");
  await parts.kamailio?.stop();
  for (const n of parts.nodes) await n?.stop();
  await parts.t?.drop();
  if (parts.dir) rmSync(parts.dir, { recursive: true, force: true });
}
