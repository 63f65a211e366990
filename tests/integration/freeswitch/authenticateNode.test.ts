import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerCache } from "@/server/freeswitch/answerCache";
import { NodeAuthenticator } from "@/server/freeswitch/authenticateNode";
import { seal } from "@/server/security/secretBox";
import { hashPassword, verifyPassword } from "@/server/security/password";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { basicAuth, NODE, seedSwitchboard } from "./seed";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedSwitchboard(t.db);
});

afterAll(async () => {
  await t?.drop();
});

function authenticator(): { auth: NodeAuthenticator; cache: AnswerCache } {
  const cache = new AnswerCache({ maxEntries: 100, loadTimeoutMs: 2_000, failureBackoffMs: 1_000 });
  return { auth: new NodeAuthenticator(t.db, cache), cache };
}

// The hit path skips hashing and awaiting; these pin what it must still refuse.
describe("NodeAuthenticator", () => {
  it("verifies a header that many connections bring at once with one argon2 run, each source checked", async () => {
    const cache = new AnswerCache({ maxEntries: 100, loadTimeoutMs: 2_000, failureBackoffMs: 1_000 });
    let runs = 0;
    const auth = new NodeAuthenticator(t.db, cache, (hash, password) => (runs++, verifyPassword(hash, password)));
    const good = basicAuth(NODE.user, NODE.secret);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => auth.authenticate(good, i === 7 ? "198.51.100.7" : "127.0.0.1")),
    );
    expect(runs).toBe(1);
    expect(results.filter((r) => r.ok)).toHaveLength(19);
    expect(results[7]).toMatchObject({ ok: false, status: 403 });

    const wrong = basicAuth(NODE.user, "not-the-secret");
    const refused = await Promise.all(Array.from({ length: 20 }, () => auth.authenticate(wrong, "127.0.0.1")));
    expect(runs).toBe(2);
    expect(refused.every((r) => !r.ok && r.status === 401)).toBe(true);
  });

  it("answers a verified header synchronously once its node is cached", async () => {
    const { auth } = authenticator();
    const header = basicAuth(NODE.user, NODE.secret);
    const first = auth.authenticate(header, "127.0.0.1");
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toMatchObject({ ok: true, node: { hostname: NODE.hostname } });
    const again = auth.authenticate(header, "::ffff:127.0.0.1");
    expect(again).not.toBeInstanceOf(Promise);
    expect(again).toMatchObject({ ok: true, node: { hostname: NODE.hostname } });
  });

  it("still checks the source on the synchronous path, for every address", async () => {
    const { auth } = authenticator();
    const header = basicAuth(NODE.user, NODE.secret);
    expect(await auth.authenticate(header, "127.0.0.1")).toMatchObject({ ok: true });
    for (let i = 0; i < 2; i++) {
      expect(auth.authenticate(header, "198.51.100.7")).toMatchObject({ ok: false, status: 403 });
      expect(auth.authenticate(header, undefined)).toMatchObject({ ok: false, status: 403 });
      expect(auth.authenticate(header, "::1")).toMatchObject({ ok: true });
    }
  });

  it("re-verifies a remembered header after rotation, then remembers the rejection", async () => {
    const { auth, cache } = authenticator();
    const user = "fs-rotating";
    await t.db.telephonyNode.create({
      data: {
        hostname: "fs-rotating",
        sipAddress: "192.0.2.9",
        eslHost: "192.0.2.9",
        eslPasswordEnc: seal("ClueCon"),
        xmlCurlUser: user,
        xmlCurlSecretHash: await hashPassword("old-secret"),
        allowedSources: [],
      },
    });
    const header = basicAuth(user, "old-secret");
    expect(await auth.authenticate(header, "10.0.0.1")).toMatchObject({ ok: true });

    await t.db.telephonyNode.update({
      where: { xmlCurlUser: user },
      data: { xmlCurlSecretHash: await hashPassword("new-secret") },
    });
    cache.invalidate({ platform: true });
    const afterRotation = auth.authenticate(header, "10.0.0.1");
    expect(afterRotation).toBeInstanceOf(Promise);
    expect(await afterRotation).toEqual({ ok: false, status: 401, reason: "wrong secret" });
    expect(await auth.authenticate(header, "10.0.0.1")).toEqual({
      ok: false,
      status: 401,
      reason: "bad credentials (recently rejected)",
    });
    expect(await auth.authenticate(basicAuth(user, "new-secret"), "10.0.0.1")).toMatchObject({ ok: true });
  });

  it("remembers a header longer than any sane one as well", async () => {
    const { auth } = authenticator();
    const user = "fs-long-secret";
    const secret = "s".repeat(400);
    await t.db.telephonyNode.create({
      data: {
        hostname: "fs-long-secret",
        sipAddress: "192.0.2.10",
        eslHost: "192.0.2.10",
        eslPasswordEnc: seal("ClueCon"),
        xmlCurlUser: user,
        xmlCurlSecretHash: await hashPassword(secret),
        allowedSources: [],
      },
    });
    expect(await auth.authenticate(basicAuth(user, secret), "10.0.0.1")).toMatchObject({ ok: true });
    expect(auth.authenticate(basicAuth(user, secret), "10.0.0.1")).toMatchObject({ ok: true });
    expect(await auth.authenticate(basicAuth(user, `${secret}x`), "10.0.0.1")).toMatchObject({
      ok: false,
      reason: "wrong secret",
    });
  });
});
