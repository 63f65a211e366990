import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlatformApiToken } from "@/server/apiTokens/service";
import { createRestHandler, type RestHandler } from "@/server/api/rest/handler";
import { authOptions } from "@/server/auth/authOptions";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createUser } from "../support/callers";

// Portal sign-in through next-auth's own `authorize` (what POST /api/auth/callback/credentials
// runs), and bearer tokens through the REST handler, against a real database.

let t: TestDatabase;
let api: RestHandler;

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

const signIn = (email: string, password: string, ip = "198.51.100.20") =>
  authorize({ email, password }, { headers: { "x-forwarded-for": ip } }).then(
    (user) => (user ? "signed-in" : "rejected"),
    (error: Error) => error.message,
  );

/** As if the lock's time had passed. */
const expireLocks = () => t.db.$executeRaw`UPDATE auth_throttle SET locked_until = now() - interval '1 second'`;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url; // authorize uses the app's db()
  await createUser(t.db, "victim@itsp.example", { role: "PLATFORM_ADMIN" });
  api = createRestHandler({ db: () => t.db, rateLimit: { perSecond: 1000, burst: 1000 } });
});

afterAll(async () => {
  await t?.drop();
});

describe("portal sign-in backoff", () => {
  it("locks an account after 5 wrong passwords, refuses even the right one, and audits the lockout", async () => {
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push(await signIn("victim@itsp.example", `wrong-${i}`));
    expect(tries).toEqual(["rejected", "rejected", "rejected", "rejected", "TooManyAttempts:30"]);
    expect(await signIn("victim@itsp.example", "fixture-password", "198.51.100.99")).toMatch(
      /^TooManyAttempts:(29|30)$/,
    );

    const audit = await t.db.auditLog.findMany({ where: { action: "auth.lockout" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorLabel: "system:sign-in", ip: "198.51.100.20", entityType: "User" });
    expect(audit[0]!.entityId).not.toBeNull();
    expect(audit[0]!.after).toMatchObject({ scope: "account", email: "victim@itsp.example", failures: 5 });
  });

  it("backs off (doubling, capped) instead of locking for good, and a success forgets the failures", async () => {
    await expireLocks();
    expect(await signIn("victim@itsp.example", "wrong-again")).toBe("TooManyAttempts:60");
    await expireLocks();
    await t.db.$executeRaw`UPDATE auth_throttle SET failures = 40 WHERE key = 'account:victim@itsp.example'`;
    expect(await signIn("victim@itsp.example", "wrong-once-more")).toBe("TooManyAttempts:900");
    await expireLocks();
    expect(await signIn("victim@itsp.example", "fixture-password")).toBe("signed-in");
    expect(await t.db.authThrottle.findUnique({ where: { key: "account:victim@itsp.example" } })).toBeNull();
    expect(await signIn("victim@itsp.example", "one-typo")).toBe("rejected");
  });

  it("limits one client address across many accounts (20 failures)", async () => {
    const results = [];
    for (let i = 0; i < 20; i++) results.push(await signIn(`nobody${i}@itsp.example`, "guess", "203.0.113.50"));
    expect(results.slice(0, 19).every((r) => r === "rejected")).toBe(true);
    expect(results[19]).toBe("TooManyAttempts:30");
    expect(await signIn("victim@itsp.example", "fixture-password", "203.0.113.50")).toMatch(/^TooManyAttempts:/);
    // Another address is not affected.
    expect(await signIn("victim@itsp.example", "fixture-password", "203.0.113.51")).toBe("signed-in");
    const lockout = await t.db.auditLog.findFirst({ where: { action: "auth.lockout", ip: "203.0.113.50" } });
    expect(lockout?.after).toMatchObject({ scope: "address", failures: 20 });
  });
});

describe("REST bearer-token backoff per client address", () => {
  const get = (token: string, ip: string) =>
    api(
      new Request("http://switchboard.test/api/v1/domains", {
        headers: { authorization: `Bearer ${token}`, "x-forwarded-for": ip },
      }),
    );

  it("answers 429 with Retry-After after 20 unknown tokens from one address; other addresses still work", async () => {
    const platform = { db: t.db, actor: { userId: null, tokenId: null, label: "test", ip: null } };
    const { token } = await createPlatformApiToken(platform, { name: "integration" });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await get(`sb_${"x".repeat(40)}${i}`, "192.0.2.66")).status);
    expect(statuses.slice(0, 19)).toEqual(Array(19).fill(401));
    expect(statuses.slice(19)).toEqual(Array(6).fill(429));

    const locked = await get(token, "192.0.2.66");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(locked.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await locked.json()).toMatchObject({ code: "rate_limited" });

    expect((await get(token, "192.0.2.67")).status).toBe(200);
  });
});
