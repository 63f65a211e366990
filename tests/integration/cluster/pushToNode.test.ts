import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pushToNode } from "@/server/cluster/freeswitch/pushToNode";
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
});
