import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { totpCodeAt } from "@/server/twoFactor/totp";
import { launchBrowser, screenshot, signIn, signOut } from "../support/browser";
import { startOidcProvider, type TestOidcProvider } from "../support/oidcProvider";
import { demoLogin, freePort, startTestApp, type TestApp } from "../support/testApp";

let app: TestApp;
let idp: TestOidcProvider;
let browser: Browser;
/** The Globex admin's recovery codes, from their enrolment in the first test. */
let globexRecoveryCodes: string[] = [];

beforeAll(async () => {
  const planned = await startOidcProvider(await freePort());
  app = await startTestApp({
    OIDC_ISSUER: planned.issuer,
    OIDC_CLIENT_ID: planned.clientId,
    OIDC_CLIENT_SECRET: planned.clientSecret,
    OIDC_NAME: "Test IdP",
  });
  const endUser = demoLogin(app, /End user .*Globex/);
  const itsp = demoLogin(app, /ITSP/);
  const globexAdmin = demoLogin(app, /Tenant admin, Globex/);
  idp = await planned.serve(`${app.url}/api/auth/callback/oidc`, {
    "globex-user": { email: endUser.email.toUpperCase(), email_verified: true, name: "Globex user" },
    unverified: { email: itsp.email, email_verified: false, name: "Claims to be the ITSP admin" },
    "globex-admin": { email: globexAdmin.email, email_verified: true, name: "Globex admin" },
    stranger: { email: "new-admin@evil.example", email_verified: true, name: "Nobody we know" },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await idp?.stop();
  await app?.stop();
});

async function passwordStep(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${app.url}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function secondStep(page: Page, label: string, value: string, button = "Verify"): Promise<void> {
  await page.getByLabel(label).fill(value);
  await page.getByRole("button", { name: button }).click();
}

/** Reads the secret the way a phone would: from the otpauth:// URI in the QR code, checked against the typed key. */
async function secretFromEnrolment(page: Page): Promise<string> {
  const qr = page.getByAltText("QR code for your authenticator app");
  await qr.waitFor();
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const uri = new URL((await page.getByTestId("otpauth-uri").textContent()) ?? "");
  expect(uri.protocol).toBe("otpauth:");
  const secret = uri.searchParams.get("secret") ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(await page.getByTestId("totp-secret").textContent()).toBe(secret);
  return secret;
}

describe("two-factor sign-in in the browser", () => {
  it("a tenant admin enrols with the QR code, then signs in with a code; replayed and used codes are refused", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const globex = demoLogin(app, /Tenant admin, Globex/);
    await signIn(page, app.url, globex.email, globex.password);
    await page.getByRole("link", { name: "Two-factor" }).click();
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const secret = await secretFromEnrolment(page);
    const recoveryCodes = await page.getByTestId("recovery-codes").locator("li").allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    globexRecoveryCodes = recoveryCodes;
    await screenshot(page, "two-factor-enrolment");
    const enrolCode = totpCodeAt(secret, Date.now());
    await page.getByLabel("Code from your app").fill(enrolCode);
    await page.getByRole("button", { name: "Turn on" }).click();
    await page.getByTestId("two-factor-status").getByText("10 recovery codes left").waitFor();
    await signOut(page);

    // The password alone no longer signs in: the code step follows, and the enrolment's code is spent.
    await passwordStep(page, globex.email, globex.password);
    await secondStep(page, "Authentication code", enrolCode);
    await page.getByRole("alert").getByText("That code is not right").waitFor();
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await screenshot(page, "two-factor-code-step");
    await secondStep(page, "Authentication code", totpCodeAt(secret, Date.now() + 30_000));
    await page.waitForURL(/\/t\/[^/]+\/extensions$/);
    await signOut(page);

    // A recovery code signs in once.
    for (const outcome of ["signed in", "refused"] as const) {
      await passwordStep(page, globex.email, globex.password);
      await page.getByRole("button", { name: "Use a recovery code" }).click();
      await secondStep(page, "Recovery code", recoveryCodes[0]!);
      if (outcome === "refused") {
        await page.getByRole("alert").getByText("That code is not right").waitFor();
        continue;
      }
      await page.waitForURL(/\/t\/[^/]+\/extensions$/);
      await signOut(page);
    }
    await page.close();
  });

  it("a tenant that requires two-factor sends its admin to enrolment right after the password", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const acme = demoLogin(app, /Tenant admin, Acme/);
    await signIn(page, app.url, acme.email, acme.password);
    await page.waitForURL(/\/t\/[^/]+\/extensions$/);
    await page.goto(page.url().replace(/\/extensions$/, "/users"));
    // The box follows the saved policy: it turns on once the server has it, so click and wait for that.
    const requireBox = page.getByLabel("Require two-factor sign-in for this tenant's admins");
    await expect.poll(() => requireBox.isEnabled()).toBe(true);
    await requireBox.click();
    await page.getByText("This tenant's admins must use two-factor sign-in").waitFor();
    await signOut(page);

    await passwordStep(page, acme.email, acme.password);
    await page.getByText("Your account must use two-factor sign-in").waitFor();
    const secret = await secretFromEnrolment(page);
    await screenshot(page, "two-factor-required-enrolment");
    await secondStep(page, "Authentication code", totpCodeAt(secret, Date.now()), "Turn on and sign in");
    await page.waitForURL(/\/t\/[^/]+\/extensions$/);
    await page.getByRole("link", { name: "Two-factor" }).click();
    await page.getByText("Required for your account by your administrators.").waitFor();
    await expect(page.getByRole("heading", { name: "Turn off two-factor sign-in" }).count()).resolves.toBe(0);
    await page.close();
  });
});

describe("single sign-on against a real OpenID provider", () => {
  async function ssoAs(login: string): Promise<Page> {
    // A fresh context per person: the provider remembers who signed in through its own cookie.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/sign-in`);
    await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
    await page.waitForURL((u) => u.origin === idp.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("anything");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((u) => u.origin === app.url);
    return page;
  }

  it("shows its button only where it is configured", async () => {
    const plain = await startTestApp();
    try {
      const page = await browser.newPage();
      await page.goto(`${plain.url}/sign-in`);
      await page.getByRole("button", { name: "Sign in", exact: true }).waitFor();
      await expect(page.getByRole("button", { name: /Sign in with/ }).count()).resolves.toBe(0);
      await page.goto(`${app.url}/sign-in`);
      await page.getByRole("button", { name: "Sign in with Test IdP" }).waitFor();
      await page.close();
    } finally {
      await plain.stop();
    }
  });

  it("signs an existing user in by their verified email", async () => {
    const endUser = demoLogin(app, /End user .*Globex/);
    const page = await ssoAs("globex-user");
    await page.waitForURL(/\/t\/[^/]+\/me$/);
    await expect(page.getByTestId("signed-in-as").textContent()).resolves.toBe(endUser.email);
    await screenshot(page, "sso-signed-in");
    await page.context().close();
  });

  it("still asks a user with two-factor for their second factor after the provider", async () => {
    expect(globexRecoveryCodes).toHaveLength(10);
    const page = await ssoAs("globex-admin");
    // No session yet; the challenge came in the fragment, which is never sent to a server.
    const landed = new URL(page.url());
    expect([landed.pathname, landed.search, landed.hash.startsWith("#step=TwoFactor")]).toEqual(["/sign-in", "", true]);
    await page.getByRole("button", { name: "Use a recovery code" }).click();
    await secondStep(page, "Recovery code", globexRecoveryCodes[1]!);
    await page.waitForURL(/\/t\/[^/]+\/extensions$/);
    await page.context().close();
  });

  it("refuses an unverified email and an email no account has, and creates nobody", async () => {
    const users = await app.database.db.user.count();
    const unverified = await ssoAs("unverified");
    await unverified.getByRole("alert").getByText("did not confirm your email address").waitFor();
    expect(new URL(unverified.url()).pathname).toBe("/sign-in");
    await unverified.context().close();

    const stranger = await ssoAs("stranger");
    await stranger.getByRole("alert").getByText("No active Switchboard account").waitFor();
    await screenshot(stranger, "sso-refused");
    await stranger.context().close();
    expect(await app.database.db.user.count()).toBe(users);
  });
});
