import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodesFor, pushToNode } from "@/server/cluster/freeswitch/pushToNode";
import { createNode } from "@/server/cluster/nodes";
import { startFakeEsl, type FakeEsl } from "../../unit/cluster/fakeEslServer";
import { createTestDatabase, type TestDatabase } from "../../support/database";

let t: TestDatabase;
let fake: FakeEsl;
const actor = { userId: null, tokenId: null, label: "test", ip: null };

beforeAll(async () => {
  t = await createTestDatabase();
  fake = await startFakeEsl("ClueCon");
});
afterAll(async () => {
  await fake.close();
  await t.drop();
});

describe("FreeSWITCH push over ESL", () => {
  it("runs the commands, records the revision, and keeps the highest one", async () => {
    const { node, xmlCurlSecret } = await createNode(
      { db: t.db, actor },
      {
        hostname: "fs1",
        sipAddress: "127.0.0.1",
        eslHost: "127.0.0.1",
        eslPort: fake.port,
        eslPassword: "ClueCon",
      },
    );
    expect(xmlCurlSecret.length).toBeGreaterThan(20);
    const stored = await t.db.telephonyNode.findUniqueOrThrow({ where: { id: node.id } });
    expect(stored.xmlCurlSecretHash).toMatch(/^\$argon2id\$/);
    expect(stored.eslPasswordEnc).not.toContain("ClueCon");

    await pushToNode(t.db, node.id, 5n, { topic: "freeswitch.flush-user", domain: "t1.example", users: ["1001"] });
    await pushToNode(t.db, node.id, 4n, { topic: "freeswitch.acl-changed" });
    expect(fake.commands).toEqual(["xml_flush_cache id 1001 t1.example", "reloadacl"]);
    const after = await t.db.telephonyNode.findUniqueOrThrow({ where: { id: node.id } });
    expect(after.appliedRevision).toBe(5n);
    expect(after.lastSyncError).toBeNull();
  });

  it("records the error when the node is unreachable, and rethrows for a retry", async () => {
    const { node } = await createNode(
      { db: t.db, actor },
      {
        hostname: "fs2",
        sipAddress: "127.0.0.1",
        eslHost: "127.0.0.1",
        eslPort: 1,
        eslPassword: "x",
      },
    );
    await expect(pushToNode(t.db, node.id, 9n, { topic: "freeswitch.acl-changed" })).rejects.toThrow(/ESL/);
    const stored = await t.db.telephonyNode.findUniqueOrThrow({ where: { id: node.id } });
    expect(stored.appliedRevision).toBe(0n);
    expect(stored.lastSyncError).toMatch(/ESL connection error/);
  });

  it("a call queue change goes to the domain's nodes: a missing tier is fine, a failed reload is retried", async () => {
    const queueEsl = await startFakeEsl("ClueCon", {
      "callcenter_config tier del": "-ERR Tier not found!\n",
      "callcenter_config queue reload 801@": "-ERR Invalid Queue not found!\n",
    });
    try {
      const { node } = await createNode(
        { db: t.db, actor },
        {
          hostname: "fs3",
          sipAddress: "127.0.0.1",
          eslHost: "127.0.0.1",
          eslPort: queueEsl.port,
          eslPassword: "ClueCon",
        },
      );
      const domain = await t.db.domain.create({ data: { name: "q.example", displayName: "Q" } });
      await t.db.domainAssignment.create({ data: { domainId: domain.id, nodeId: node.id } });
      const changed = (queue: string) => ({
        topic: "freeswitch.queue-changed" as const,
        domain: "q.example",
        queue,
        removedAgents: ["1002@q.example"],
        deleted: false,
      });
      expect(await nodesFor(t.db, changed("800@q.example"))).toEqual([node.id]);
      await pushToNode(t.db, node.id, 11n, changed("800@q.example"));
      expect(queueEsl.commands).toEqual([
        "callcenter_config queue reload 800@q.example",
        "callcenter_config tier del 800@q.example 1002@q.example",
      ]);
      await expect(pushToNode(t.db, node.id, 12n, changed("801@q.example"))).rejects.toThrow(/Invalid Queue/);
      const stored = await t.db.telephonyNode.findUniqueOrThrow({ where: { id: node.id } });
      expect(stored.appliedRevision).toBe(11n);
    } finally {
      await queueEsl.close();
    }
  });
});
