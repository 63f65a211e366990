import { mkdirSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { startTestApp, type TestApp } from "./testApp";

export const SCREENSHOT_DIR = "test-results/screenshots";

// Content Security Policy violations seen by any page of any browser launched below. Every e2e
// test fails on one: the policy the app runs under (proxy.ts) must not break any page we visit.
const cspViolations: string[] = [];
const CSP_MESSAGE = /Content Security Policy|CSP violation/i;

afterEach(() => {
  if (cspViolations.length === 0) return;
  const seen = cspViolations.splice(0).join("\n");
  throw new Error(`Content Security Policy violations:\n${seen}`);
});

async function watchForCspViolations(context: BrowserContext): Promise<void> {
  // Init scripts run outside the page's CSP, so the event reaches the console even for blocked scripts.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}`),
    );
  });
  context.on("console", (message) => {
    if (CSP_MESSAGE.test(message.text())) cspViolations.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
  });
}

/** Debian's chromium, headless, with the flags this sandboxed, offline machine needs; watched for CSP violations. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await launchChromium();
  const newContext = browser.newContext.bind(browser);
  // browser.newPage() goes through newContext() too, so every page is watched.
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchForCspViolations(context);
    return context;
  };
  return browser;
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  // Exact: with single sign-on configured there is also "Sign in with …".
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((u) => u.pathname.startsWith("/sign-in"));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

/** Fills and submits the console's "New tenant" dialog, with the tenant's first admin. */
export async function createTenantInConsole(
  page: Page,
  baseUrl: string,
  tenant: { domain: string; displayName: string; adminEmail: string; adminName: string; adminPassword: string },
): Promise<void> {
  await page.goto(`${baseUrl}/admin/tenants`);
  await page.getByRole("button", { name: "New tenant" }).click();
  await page.getByLabel("SIP domain").fill(tenant.domain);
  await page.getByLabel("Display name").fill(tenant.displayName);
  await page.getByLabel("Admin email").fill(tenant.adminEmail);
  await page.getByLabel("Admin name").fill(tenant.adminName);
  await page.getByLabel("Temporary password").fill(tenant.adminPassword);
  await page.getByRole("button", { name: "Create tenant" }).click();
}

/**
 * One e2e file's app and browser: started before its first test, stopped after its last.
 * Read `session.app` / `session.browser` inside tests (they are set by then).
 */
export function browserSession(): { app: TestApp; browser: Browser } {
  const session = {} as { app: TestApp; browser: Browser };
  beforeAll(async () => {
    session.app = await startTestApp();
    session.browser = await launchBrowser();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.app?.stop();
  });
  return session;
}
