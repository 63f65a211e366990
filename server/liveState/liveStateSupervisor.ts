import pg from "pg";
import type { Db } from "@/server/db/client";
import { open } from "@/server/security/secretBox";
import { DEFAULT_STREAM_OPTIONS, NodeEventStream, type NodeEventStreamOptions } from "./nodeEventStream";
import { markSilentNodesDown, pruneLiveState } from "./nodeHealth";

export type LiveStateOptions = {
  databaseUrl: string;
  /** A node with no heartbeat for this long is DOWN (NODE_HEARTBEAT_TIMEOUT_MS). */
  heartbeatTimeoutMs: number;
  /** How often the node list is re-read (added, removed, changed nodes) and free leases taken. */
  refreshMs: number;
  stream?: Partial<Omit<NodeEventStreamOptions, "onError">>;
  onError: (where: string, e: unknown) => void;
};

type Owned = { stream: NodeEventStream; fingerprint: string };

const PRUNE_EVERY_MS = 60_000;
/** The advisory-lock key of a node's event connection, shared by every worker process. */
export const liveNodeLeaseKey = (nodeId: string) => `switchboard:live-node:${nodeId}`;

/**
 * Keeps one event connection per node across all worker processes: a worker runs a node's
 * stream only while it holds that node's session advisory lock on its own PostgreSQL
 * connection. If the worker dies, its connection drops, the locks go, and another worker's
 * next refresh takes the nodes over.
 */
export class LiveStateSupervisor {
  private lockClient: pg.Client | null = null;
  private readonly owned = new Map<string, Owned>();
  private readonly timers: NodeJS.Timeout[] = [];
  private refreshing: Promise<void> | null = null;
  private lastPrune = 0;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly options: LiveStateOptions,
  ) {}

  start(): void {
    this.timers.push(setInterval(() => void this.refresh(), this.options.refreshMs));
    this.timers.push(setInterval(() => void this.sweep(), Math.min(1000, this.options.heartbeatTimeoutMs)));
    void this.refresh();
  }

  /** Node ids whose stream runs in this process. */
  ownedNodeIds(): string[] {
    return [...this.owned.keys()];
  }

  /** Flushes every owned stream's queued events (tests). */
  async flush(): Promise<void> {
    await Promise.all([...this.owned.values()].map((o) => o.stream.flush()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await this.refreshing;
    await Promise.all([...this.owned.values()].map((o) => o.stream.stop()));
    this.owned.clear();
    await this.lockClient?.end().catch(() => undefined);
    this.lockClient = null;
  }

  async sweep(): Promise<void> {
    try {
      await markSilentNodesDown(this.db, this.options.heartbeatTimeoutMs);
      if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = Date.now();
        await pruneLiveState(this.db);
      }
    } catch (e) {
      this.options.onError("live state sweep", e);
    }
  }

  refresh(): Promise<void> {
    this.refreshing ??= this.reconcile()
      .catch((e: unknown) => this.options.onError("live state refresh", e))
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  private async locks(): Promise<pg.Client> {
    if (this.lockClient) return this.lockClient;
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    client.on("error", (e) => {
      // The locks died with the connection: another worker may take the nodes now.
      this.options.onError("live state lease connection", e);
      if (this.lockClient === client) this.lockClient = null;
      void this.dropAll();
    });
    await client.connect();
    this.lockClient = client;
    return client;
  }

  private async dropAll(): Promise<void> {
    const streams = [...this.owned.values()].map((o) => o.stream);
    this.owned.clear();
    await Promise.all(streams.map((s) => s.stop()));
  }

  private async release(client: pg.Client, nodeId: string): Promise<void> {
    const owned = this.owned.get(nodeId);
    this.owned.delete(nodeId);
    await owned?.stream.stop();
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [liveNodeLeaseKey(nodeId)]);
  }

  private async reconcile(): Promise<void> {
    if (this.stopped) return;
    const client = await this.locks();
    const nodes = await this.db.telephonyNode.findMany({
      select: { id: true, eslHost: true, eslPort: true, eslPasswordEnc: true },
    });
    const present = new Map(nodes.map((n) => [n.id, n]));
    for (const [nodeId, owned] of [...this.owned]) {
      const node = present.get(nodeId);
      const fingerprint = node ? `${node.eslHost}:${node.eslPort}:${node.eslPasswordEnc}` : "";
      // Removed or re-addressed: stop (and for a changed node, start again below).
      if (!node || fingerprint !== owned.fingerprint) await this.release(client, nodeId);
    }
    for (const node of nodes) {
      if (this.stopped) return;
      if (this.owned.has(node.id)) continue;
      const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS ok", [
        liveNodeLeaseKey(node.id),
      ]);
      if (!rows[0]?.ok) continue;
      let password: string;
      try {
        password = open(node.eslPasswordEnc);
      } catch (e) {
        this.options.onError(`node ${node.id} ESL password`, e);
        await client.query("SELECT pg_advisory_unlock(hashtext($1))", [liveNodeLeaseKey(node.id)]);
        continue;
      }
      const stream = new NodeEventStream(
        this.db,
        node.id,
        { host: node.eslHost, port: node.eslPort, password },
        { ...DEFAULT_STREAM_OPTIONS, ...this.options.stream, onError: this.options.onError },
      );
      this.owned.set(node.id, { stream, fingerprint: `${node.eslHost}:${node.eslPort}:${node.eslPasswordEnc}` });
    }
  }
}
