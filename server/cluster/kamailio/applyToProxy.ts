import type { Db } from "@/server/db/client";
import type { SipProxy } from "@/server/db/generated/client";
import { proxyLock } from "../locks";
import { pushToTarget } from "../pushToTarget";
import { DS_FLAG_DISABLED, domainSetValues, type Destination } from "./desiredState";
import { KamailioRpc, KamailioRpcError } from "./rpcClient";
import { listDestinations, rpcForProxy } from "./proxyRpc";
import {
  HtableDumpReply,
  HtableGetReply,
  OkReply,
  UptimeReply,
  liveDomainValues,
  type LiveDestination,
} from "./rpcReplies";
import { recordWebhookEvent } from "@/server/webhooks/recordWebhookEvent";
import { readStoredState } from "./tables";
import { pushEdgeLimits, storedEdgeLimits } from "./edgeLimits";

export const DOMAIN_HTABLE = "domainset";

export type ApplyOptions = {
  /** Kamailio's dispatcher `reload_delta` (ms): at most one reload per interval. */
  reloadDeltaMs: number;
  rpcTimeoutMs?: number;
  /** Above this many changed domains one `htable.reload` beats per-key RPCs. */
  htableReloadThreshold?: number;
};

export type ApplyResult = { status: "applied"; revision: bigint } | { status: "skipped"; reason: string };

const membership = (d: { setId: number; uri: string; priority: number; attrs: string }) =>
  `${d.setId} ${d.uri} ${d.priority} ${d.attrs}`;

/** Whether the loaded list has exactly the desired sets, destinations, priorities and attrs. */
function sameMembership(desired: Destination[], live: LiveDestination[]): boolean {
  const a = desired.map(membership).sort();
  const b = live.map(membership).sort();
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const wantsDisabled = (d: Destination) => d.flags === DS_FLAG_DISABLED;

function destinationMismatches(desired: Destination[], live: LiveDestination[]): string[] {
  const problems: string[] = [];
  if (!sameMembership(desired, live)) problems.push("dispatcher sets differ");
  const liveByKey = new Map(live.map((l) => [`${l.setId} ${l.uri}`, l]));
  for (const d of desired) {
    const l = liveByKey.get(`${d.setId} ${d.uri}`);
    if (l && wantsDisabled(d) !== (l.state === "D")) problems.push(`state of ${d.uri} in set ${d.setId}`);
  }
  return problems;
}

function sameDomainValues(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

async function dumpDomainValues(rpc: KamailioRpc): Promise<Map<string, string>> {
  return liveDomainValues(await rpc.call("htable.dump", [DOMAIN_HTABLE], HtableDumpReply));
}

async function getDomainValue(rpc: KamailioRpc, domain: string): Promise<string | undefined> {
  try {
    return String((await rpc.call("htable.get", [DOMAIN_HTABLE, domain], HtableGetReply)).item.value);
  } catch (e) {
    if (e instanceof KamailioRpcError && /doesn't exist/i.test(e.message)) return undefined;
    throw e;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Brings one Kamailio to the CURRENT stored state (never an older one): reloads the
 * dispatcher only when membership changed (coalesced to respect reload_delta), sets
 * node states and domain keys over RPC for the immediate effect, reads both back, and
 * records the revision covered. Serialised per proxy by its target lock (in this process
 * jobs of one proxy queue there holding no connection; across processes a session
 * advisory lock), so two workers never interleave pushes into one proxy, and no
 * transaction stays open over the RPC exchange or the reload_delta wait.
 */
export class ProxyPusher {
  private readonly lastReloadAt = new Map<string, number>();
  /** The domain map this process last left on each proxy, and in which Kamailio run. */
  private readonly known = new Map<string, { upSince: string; revision: bigint; domainValues: Map<string, string> }>();

  constructor(
    private readonly db: Db,
    private readonly options: ApplyOptions,
  ) {}

  async apply(proxyId: string): Promise<ApplyResult> {
    const outcome = await pushToTarget(this.db, {
      lock: proxyLock(proxyId),
      load: async (db) => {
        const proxy = await db.sipProxy.findUnique({ where: { id: proxyId } });
        if (!proxy) return "proxy deleted";
        return proxy.enabled ? proxy : "proxy disabled";
      },
      apply: (proxy) => this.push(proxy, rpcForProxy(proxy, this.options.rpcTimeoutMs)),
      succeeded: async (tx, proxy, revision) => {
        await tx.$executeRaw`
          UPDATE "SipProxy" SET "appliedRevision" = GREATEST("appliedRevision", ${revision}),
            "lastSyncAt" = now(), "lastError" = NULL, "updatedAt" = now()
          WHERE id = ${proxyId}`;
        if (proxy.lastError !== null) {
          await recordWebhookEvent(tx, "proxy.in-sync", null, {
            proxy: { id: proxyId, name: proxy.name },
            revision: revision.toString(),
          });
        }
      },
      failed: async (tx, proxy, error) => {
        // Recorded under the lock, so an older failure never overwrites a newer success.
        await tx.sipProxy.updateMany({
          where: { id: proxyId },
          data: { lastError: error.message.slice(0, 500), lastSyncAt: new Date() },
        });
        // Once per episode: retries of a proxy already out of sync are not news.
        if (proxy.lastError === null) {
          await recordWebhookEvent(tx, "proxy.out-of-sync", null, {
            proxy: { id: proxyId, name: proxy.name },
            error: error.message.slice(0, 500),
            appliedRevision: proxy.appliedRevision.toString(),
          });
        }
      },
    });
    return outcome.status === "applied" ? { status: "applied", revision: outcome.result } : outcome;
  }

  private async push(proxy: SipProxy, rpc: KamailioRpc): Promise<bigint> {
    // Short reads, no transaction: READ COMMITTED gave each statement its own snapshot anyway.
    const desired = await readStoredState(this.db);
    const upSince = (await rpc.call("core.uptime", [], UptimeReply)).up_since;
    let live = await listDestinations(rpc);

    if (!sameMembership(desired.destinations, live)) {
      // The tables already hold the new list (with states): a reload picks it up whole.
      await this.reload(proxy.id, rpc);
      live = await listDestinations(rpc);
    }

    const liveByKey = new Map(live.map((l) => [`${l.setId} ${l.uri}`, l]));
    for (const d of desired.destinations) {
      const l = liveByKey.get(`${d.setId} ${d.uri}`);
      if (!l) continue;
      // "d" keeps a node out of new calls while its calls finish; "a" lets probing take over again.
      if (wantsDisabled(d) && l.state !== "D") await rpc.call("dispatcher.set_state", ["d", d.setId, d.uri], OkReply);
      if (!wantsDisabled(d) && l.state === "D") await rpc.call("dispatcher.set_state", ["a", d.setId, d.uri], OkReply);
    }

    // The domain map can hold 10,000+ keys: when this process made the proxy's current map
    // (same Kamailio run, nobody applied since), diff against that instead of dumping it.
    const known = this.known.get(proxy.id);
    const trusted =
      known !== undefined &&
      known.upSince === upSince &&
      known.revision === proxy.appliedRevision &&
      proxy.lastError === null;
    const wanted = domainSetValues(desired);
    const have = trusted ? known.domainValues : await dumpDomainValues(rpc);
    const toSet = [...wanted].filter(([k, v]) => have.get(k) !== v);
    const toDelete = [...have.keys()].filter((k) => !wanted.has(k));
    const bulk = toSet.length + toDelete.length > (this.options.htableReloadThreshold ?? 100);
    if (bulk) {
      await rpc.call("htable.reload", [DOMAIN_HTABLE], OkReply);
    } else {
      for (const [k, v] of toSet) await rpc.call("htable.sets", [DOMAIN_HTABLE, k, v], OkReply);
      for (const k of toDelete) await rpc.call("htable.delete", [DOMAIN_HTABLE, k], OkReply);
    }

    // Read back what Kamailio now uses.
    const problems = destinationMismatches(desired.destinations, await listDestinations(rpc));
    problems.push(...(await pushEdgeLimits(rpc, await storedEdgeLimits(this.db))));
    if (trusted && !bulk) {
      for (const [k, v] of toSet) if ((await getDomainValue(rpc, k)) !== v) problems.push(`domain ${k}`);
      for (const k of toDelete) if ((await getDomainValue(rpc, k)) !== undefined) problems.push(`domain ${k}`);
    } else if (!sameDomainValues(wanted, await dumpDomainValues(rpc))) {
      problems.push("domain map differs");
    }
    if (problems.length > 0) {
      this.known.delete(proxy.id);
      throw new Error(`read-back mismatch: ${problems.slice(0, 5).join(", ")}`);
    }
    const revision = desired.revision > proxy.appliedRevision ? desired.revision : proxy.appliedRevision;
    this.known.set(proxy.id, { upSince, revision, domainValues: wanted });
    return desired.revision;
  }

  /** One reload per reload_delta: wait out the interval, and again if Kamailio says "Ongoing reload". */
  private async reload(proxyId: string, rpc: KamailioRpc): Promise<void> {
    const delta = this.options.reloadDeltaMs;
    for (let attempt = 0; ; attempt++) {
      const wait = (this.lastReloadAt.get(proxyId) ?? 0) + delta - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        await rpc.call("dispatcher.reload", [], OkReply);
        this.lastReloadAt.set(proxyId, Date.now());
        return;
      } catch (e) {
        const ongoing = e instanceof KamailioRpcError && /ongoing reload/i.test(e.message);
        if (!ongoing || attempt >= 3) throw e;
        // Another process (or a restart) reloaded recently: treat that as our last reload.
        this.lastReloadAt.set(proxyId, Date.now());
      }
    }
  }
}
