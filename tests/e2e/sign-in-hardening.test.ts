import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { resetUserPassword, setMemberships } from "@/server/users/service";
import type { PlatformContext } from "@/server/tenancy/context";
import { launchBrowser, screenshot, signIn } from "../support/browser";
import { demoLogin, startTestApp, type TestApp } from "../support/testApp";

// Two real app processes (`npm start`'s path) on one database: A over http, B as if served at an
// https public URL. The brute-force limit, security headers and session revocation as a client sees them.

let a: TestApp;
let b: TestApp;
let browser: Browser;

/** One sign-in through next-auth's HTTP endpoints, as the sign-in page does it: "ok" or the error code. */
async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: baseUrl },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  const { url } = (await res.json()) as { url: string };
  return new URL(url).searchParams.get("error") ?? "ok";
}

beforeAll(async () => {
  a = await startTestApp();
  b = await startTestApp({ NEXTAUTH_URL: "https://switchboard.example" }, a);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await b?.stop();
  await a?.stop();
});

describe("sign-in brute-force limit across two app processes", () => {
  it("counts failures on both processes together and refuses the right password while locked", async () => {
    const tenant = demoLogin(a, /Tenant admin/);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await signInOverHttp(i % 2 ? b.url : a.url, tenant.email, `wrong-${i}`));
    expect(results.slice(0, 4)).toEqual(Array(4).fill("CredentialsSignin"));
    expect(results[4]).toMatch(/^TooManyAttempts:\d+$/);
    expect(await signInOverHttp(a.url, tenant.email, tenant.password)).toMatch(/^TooManyAttempts:/);
    expect(await signInOverHttp(b.url, tenant.email, tenant.password)).toMatch(/^TooManyAttempts:/);

    const lockouts = await a.database.db.auditLog.count({ where: { action: "auth.lockout" } });
    expect(lockouts).toBe(1);
  });

  it("tells the person on the sign-in page how long to wait", async () => {
    const tenant = demoLogin(a, /Tenant admin/);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${a.url}/sign-in`);
    await page.getByLabel("Email").fill(tenant.email);
    await page.getByLabel("Password").fill(tenant.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: /Too many attempts, try again in \d+ s\./ })
      .waitFor();
    await screenshot(page, "sign-in-too-many-attempts");
    await page.close();
  });
});

describe("security headers", () => {
  it("sends a nonce CSP, frame and sniffing protection on every page; HSTS only when served over https", async () => {
    for (const path of ["/sign-in", "/admin", "/api/v1/openapi.json"]) {
      const res = await fetch(`${a.url}${path}`, { redirect: "manual" });
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    const page = await (await fetch(`${a.url}/sign-in`)).text();
    const nonces = [...page.matchAll(/<script[^>]* nonce="([^"]+)"/g)].map((m) => m[1]);
    expect(nonces.length).toBeGreaterThan(0);

    const https = await fetch(`${b.url}/sign-in`);
    expect(https.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    const csrf = await fetch(`${b.url}/api/auth/csrf`);
    const cookies = csrf.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) expect(c).toMatch(/; Secure/i);
    expect((await fetch(`${a.url}/api/auth/csrf`)).headers.getSetCookie().join()).not.toMatch(/; Secure/i);
  });
});

describe("the caller comes from the database on every page", () => {
  const system: () => PlatformContext = () => ({
    db: a.database.db,
    actor: { userId: null, tokenId: null, label: "test", ip: null },
  });

  it("a demoted platform admin loses /admin on the next page load; a password reset signs them out", async () => {
    const itsp = demoLogin(a, /ITSP/);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, a.url, itsp.email, itsp.password);
    await page.goto(`${a.url}/admin`);
    await page.getByRole("region", { name: "Telephony nodes" }).waitFor();

    const user = await a.database.db.user.findUniqueOrThrow({ where: { email: itsp.email } });
    const domain = await a.database.db.domain.findFirstOrThrow();
    await setMemberships(system(), user.id, [{ role: "TENANT_ADMIN", domainId: domain.id, extensionId: null }]);
    await page.goto(`${a.url}/admin`);
    await page.getByRole("heading", { name: "Not allowed" }).waitFor();
    expect(await page.getByRole("region", { name: "Telephony nodes" }).count()).toBe(0);

    await setMemberships(system(), user.id, [{ role: "PLATFORM_ADMIN", domainId: null, extensionId: null }]);
    await page.goto(`${a.url}/admin`);
    await page.getByRole("region", { name: "Telephony nodes" }).waitFor();

    await resetUserPassword(system(), user.id, "A-brand-new-password-1");
    await page.goto(`${a.url}/admin`);
    await page.waitForURL((u) => u.pathname.startsWith("/sign-in"));
    await page.close();
  });
});
