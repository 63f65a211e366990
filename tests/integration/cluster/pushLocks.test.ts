import { createServer as createHttpServer } from "node:http";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pushToNode } from "@/server/cluster/freeswitch/pushToNode";
import { nodeLock, TargetLocks } from "@/server/cluster/locks";
import { ProxyPusher } from "@/server/cluster/kamailio/applyToProxy";
import { createNode } from "@/server/cluster/nodes";
import { createSipProxy } from "@/server/cluster/sipProxies";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { eventually } from "../../support/eventually";
import { startFakeEsl } from "../../unit/cluster/fakeEslServer";

// A push holds its target's lock over the whole network exchange, but no transaction:
// while a slow node is answering, the database shows no session idle in transaction.

/** An event socket that answers `api` commands only when released. */
async function startSlowEsl() {
  let release: () => void = () => undefined;
  let released = new Promise<void>((r) => (release = r));
  const esl = await startFakeEsl("ClueCon", {}, () => released);
  return {
    ...esl,
    release: () => release(),
    hold: () => {
      released = new Promise<void>((r) => (release = r));
    },
  };
}

let t: TestDatabase;
let peer: Awaited<ReturnType<typeof startSlowEsl>>;
let observer: pg.Client;
let nodeId: string;
const actor = { userId: null, tokenId: null, label: "test", ip: null };

const sessionsInTransaction = async () =>
  (
    await observer.query<{ state: string; query: string }>(
      `SELECT state, query FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'`,
    )
  ).rows;
const advisoryHolders = async () =>
  (
    await observer.query<{ pid: number }>(
      `SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()`,
    )
  ).rows.map((r) => r.pid);

beforeAll(async () => {
  t = await createTestDatabase();
  peer = await startSlowEsl();
  observer = new pg.Client({ connectionString: t.url });
  await observer.connect();
  const { node } = await createNode(
    { db: t.db, actor },
    { hostname: "fs-slow", sipAddress: "127.0.0.1", eslHost: "127.0.0.1", eslPort: peer.port, eslPassword: "ClueCon" },
  );
  nodeId = node.id;
});
afterAll(async () => {
  await observer?.end();
  await peer?.close();
  await t?.drop();
});
beforeEach(() => {
  peer.commands.length = 0;
  peer.hold();
});

describe("push locks", () => {
  it("holds the node's lock, and no transaction, while the node is answering", async () => {
    const push = pushToNode(t.db, nodeId, 3n, { topic: "freeswitch.acl-changed" });
    await eventually(async () => expect(peer.commands).toEqual(["reloadacl"]));

    expect(await sessionsInTransaction()).toEqual([]);
    expect(await advisoryHolders()).toHaveLength(1);
    const other = await observer.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS ok", [
      nodeLock(nodeId),
    ]);
    expect(other.rows[0]!.ok).toBe(false);

    peer.release();
    await push;
    const stored = await t.db.telephonyNode.findUniqueOrThrow({ where: { id: nodeId } });
    expect(stored.appliedRevision).toBe(3n);
    expect(stored.lastSyncError).toBeNull();
    expect(await advisoryHolders()).toEqual([]);
  });

  it("runs one process's pushes to a node one at a time, in the order they came", async () => {
    const first = pushToNode(t.db, nodeId, 4n, { topic: "freeswitch.acl-changed" });
    const second = pushToNode(t.db, nodeId, 5n, {
      topic: "freeswitch.flush-user",
      domain: "t1.example",
      users: ["1001"],
    });
    await eventually(async () => expect(peer.commands).toEqual(["reloadacl"]));
    // The second waits in the process, holding no database connection and sending nothing.
    await new Promise((r) => setTimeout(r, 200));
    expect(peer.commands).toEqual(["reloadacl"]);
    peer.release();
    await Promise.all([first, second]);
    expect(peer.commands).toEqual(["reloadacl", "xml_flush_cache id 1001 t1.example"]);
    expect((await t.db.telephonyNode.findUniqueOrThrow({ where: { id: nodeId } })).appliedRevision).toBe(5n);
  });

  it("takes over a node whose holder's connection died, as when its worker crashes", async () => {
    const crashed = new TargetLocks(t.url);
    let holding: () => void = () => undefined;
    const held = new Promise<void>((r) => (holding = r));
    // The holder never finishes: only its connection dropping frees the node.
    void crashed.withLock(nodeLock(nodeId), () => (holding(), new Promise<never>(() => undefined))).catch(() => null);
    await held;
    const [holderPid] = await advisoryHolders();

    peer.release();
    const push = pushToNode(t.db, nodeId, 6n, { topic: "freeswitch.acl-changed" });
    await new Promise((r) => setTimeout(r, 300));
    expect(peer.commands).toEqual([]);

    await observer.query("SELECT pg_terminate_backend($1)", [holderPid]);
    await push;
    expect(peer.commands).toEqual(["reloadacl"]);
    expect((await t.db.telephonyNode.findUniqueOrThrow({ where: { id: nodeId } })).appliedRevision).toBe(6n);
    await crashed.close();
  });

  it("holds no transaction while a proxy is slow to answer its RPC, and records the failure afterwards", async () => {
    const methods: string[] = [];
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((r) => (answer = r));
    const rpc = createHttpServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const call = JSON.parse(body) as { method: string; id: number };
        methods.push(call.method);
        void answered.then(() =>
          res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: 500, message: "boom" }, id: call.id })),
        );
      });
    });
    await new Promise<void>((r) => rpc.listen(0, "127.0.0.1", r));
    const address = rpc.address();
    if (!address || typeof address === "string") throw new Error("no port");
    try {
      const proxy = await createSipProxy(
        { db: t.db, actor },
        { name: "edge-slow", rpcUrl: `http://127.0.0.1:${address.port}/RPC` },
      );
      const push = new ProxyPusher(t.db, { reloadDeltaMs: 0 }).apply(proxy.id);
      const failed = expect(push).rejects.toThrow(/core.uptime: 500 boom/);
      await eventually(async () => expect(methods).toEqual(["core.uptime"]));

      expect(await sessionsInTransaction()).toEqual([]);
      expect(await advisoryHolders()).toHaveLength(1);

      answer();
      await failed;
      const stored = await t.db.sipProxy.findUniqueOrThrow({ where: { id: proxy.id } });
      expect(stored.lastError).toMatch(/core.uptime: 500 boom/);
      expect(await advisoryHolders()).toEqual([]);
    } finally {
      await new Promise<void>((r) => rpc.close(() => r()));
    }
  });
});
