import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/trpc/[trpc]/route";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { callerAs, createUser } from "../support/callers";

// The portal's tRPC endpoint exactly as Next.js serves it (the route module), with a real
// next-auth session cookie, against a real database.

const ORIGIN = "http://switchboard.test";
let t: TestDatabase;
let platform: Awaited<ReturnType<typeof callerAs>>;
let domainId: string;

/** The session cookie next-auth issues at sign-in (a fresh user's session version is 0). */
async function sessionCookie(userId: string): Promise<string> {
  const jwt = await encode({ token: { sub: userId, sessionVersion: 0 }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${jwt}`;
}

function trpc(
  method: "GET" | "POST",
  path: string,
  cookie: string,
  headers: Record<string, string> = {},
  input?: unknown,
) {
  const query =
    method === "GET" && input !== undefined ? `?input=${encodeURIComponent(JSON.stringify({ json: input }))}` : "";
  const url = `${ORIGIN}/api/trpc/${path}${query}`;
  const request = new NextRequest(url, {
    method,
    headers: { cookie, "content-type": "application/json", ...headers },
    body: method === "POST" ? JSON.stringify({ json: input }) : undefined,
  });
  return method === "POST" ? POST(request) : GET(request);
}

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url; // the route uses the app's db()
  const platformId = await createUser(t.db, "ops@itsp.example", { role: "PLATFORM_ADMIN" });
  platform = await callerAs(t.db, platformId);
  domainId = (
    await platform.domains.create({
      name: "csrf.example.com",
      displayName: "CSRF",
      maxExtensions: 10,
      maxConcurrentCalls: 5,
      allowTenantRoutes: false,
    })
  ).id;
});

afterAll(async () => {
  await t?.drop();
});

describe("cross-site requests to tRPC", () => {
  it("refuses a cookie-carrying mutation from a foreign Origin or a cross-site fetch, and creates nothing", async () => {
    const adminId = await createUser(t.db, "admin@csrf.example.com", { role: "TENANT_ADMIN", domainId });
    const cookie = await sessionCookie(adminId);
    const create = (number: string, headers: Record<string, string>) =>
      trpc("POST", "extensions.create", cookie, headers, { domainId, number, displayName: number });

    expect((await create("1001", { origin: "http://evil.example" })).status).toBe(403);
    expect((await create("1002", { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await create("1003", { origin: "null" })).status).toBe(403);
    expect(await t.db.extension.count({ where: { domainId } })).toBe(0);

    expect((await create("1004", { origin: ORIGIN, "sec-fetch-site": "same-origin" })).status).toBe(200);
    // No browser headers at all: not a page, so no ambient cookie to abuse (scripts, curl).
    expect((await create("1005", {})).status).toBe(200);
    expect(await t.db.extension.count({ where: { domainId } })).toBe(2);
  });

  it("still answers queries (GET) from anywhere; they change nothing", async () => {
    const adminId = await createUser(t.db, "reader@csrf.example.com", { role: "TENANT_ADMIN", domainId });
    const res = await trpc("GET", "domains.mine", await sessionCookie(adminId), { origin: "http://evil.example" });
    expect(res.status).toBe(200);
  });
});

describe("open sessions end with a password reset or a disable", () => {
  it("refuses the old session cookie on the next request after a platform admin resets the password", async () => {
    const userId = await createUser(t.db, "reset@csrf.example.com", { role: "TENANT_ADMIN", domainId });
    const cookie = await sessionCookie(userId);
    expect((await trpc("GET", "domains.mine", cookie)).status).toBe(200);

    await platform.users.platform.resetPassword({ id: userId, password: "A-new-password-2026" });
    expect((await trpc("GET", "domains.mine", cookie)).status).toBe(401);
  });

  it("keeps a disabled-then-enabled user's old sessions ended", async () => {
    const userId = await createUser(t.db, "disabled@csrf.example.com", { role: "TENANT_ADMIN", domainId });
    const cookie = await sessionCookie(userId);
    expect((await trpc("GET", "domains.mine", cookie)).status).toBe(200);
    await platform.users.platform.setDisabled({ id: userId, disabled: true });
    expect((await trpc("GET", "domains.mine", cookie)).status).toBe(401);
    await platform.users.platform.setDisabled({ id: userId, disabled: false });
    expect((await trpc("GET", "domains.mine", cookie)).status).toBe(401);
  });

  it("takes a removed role away on the next request", async () => {
    const userId = await createUser(t.db, "demoted@csrf.example.com", { role: "PLATFORM_ADMIN" });
    const cookie = await sessionCookie(userId);
    expect((await trpc("GET", "users.platform.list", cookie, {}, {})).status).toBe(200);
    await platform.users.platform.setMemberships({
      id: userId,
      memberships: [{ role: "TENANT_ADMIN", domainId, extensionId: "" }],
    });
    expect((await trpc("GET", "users.platform.list", cookie, {}, {})).status).toBe(403);
  });
});
