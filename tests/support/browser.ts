import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

export const SCREENSHOT_DIR = "test-results/screenshots";

/** Debian's chromium, headless, with the flags this sandboxed, offline machine needs. */
export async function launchBrowser(): Promise<Browser> {
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
  await page.getByRole("button", { name: "Sign in" }).click();
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
