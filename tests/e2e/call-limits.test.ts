import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, screenshot, signIn, signOut } from "../support/browser";
import { demoLogin, startTestApp, type TestApp } from "../support/testApp";

// Abuse limits in the console: the platform admin sets them on the tenant page, the
// tenant's admin sees them read-only, and a "tripped repeatedly" notice on both dashboards.

let app: TestApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const db = () => app.database.db;
const acme = () => db().domain.findUniqueOrThrow({ where: { name: "acme.demo.switchboard" } });

describe("abuse limits in the console", () => {
  it("the platform admin sets a tenant's limits and blocks it; both are audited", async () => {
    const itsp = demoLogin(app, /ITSP/);
    await signIn(page, app.url, itsp.email, itsp.password);
    const tenant = await acme();
    await page.goto(`${app.url}/admin/tenants/${tenant.id}`);
    const section = page.getByRole("region", { name: "Abuse limits" });
    await section.getByLabel("Outbound calls per second").waitFor();
    await section.getByLabel("Outbound calls per second").fill("4");
    await section.getByLabel("Concurrent outbound calls").fill("12");
    await section.getByLabel("Always allowed prefixes").fill("+44, 0033x");
    await section.getByRole("button", { name: "Save abuse limits" }).click();
    // A bad prefix is refused next to its field, and nothing is saved.
    await section.getByText("Prefixes are digits, optionally starting with +", { exact: false }).waitFor();
    expect(await db().tenantCallLimits.findUnique({ where: { domainId: tenant.id } })).toBeNull();

    await section.getByLabel("Always allowed prefixes").fill("+44, +33");
    await section.getByLabel("Tenant outbound minutes per day").fill("600");
    await section.getByRole("button", { name: "Save abuse limits" }).click();
    await page.getByText("Abuse limits saved").waitFor();
    expect(await db().tenantCallLimits.findUniqueOrThrow({ where: { domainId: tenant.id } })).toMatchObject({
      outboundCallsPerSecond: 4,
      maxOutboundCalls: 12,
      allowedPrefixes: ["+44", "+33"],
      tenantDailyMinutes: 600,
      extensionDailyMinutes: null,
      allowInternational: false,
    });

    await section.getByLabel("Reason for a block").fill("fraud suspected");
    await section.getByRole("button", { name: "Block outbound calls" }).click();
    await page.getByText("Outbound calls blocked", { exact: true }).waitFor();
    await section.getByRole("button", { name: "Unblock" }).waitFor();
    await screenshot(page, "call-limits-tenant-page");
    expect(
      (await db().auditLog.findMany({ where: { domainId: tenant.id, action: { startsWith: "call-limits." } } }))
        .map((a) => [a.action, a.actorLabel])
        .sort(),
    ).toEqual([
      ["call-limits.block", itsp.email],
      ["call-limits.update", itsp.email],
    ]);
    // The toasts sit over the header's Sign out button until they go.
    await page.locator("[data-sonner-toast]").first().waitFor({ state: "detached", timeout: 15_000 });
    await signOut(page);
  });

  it("the tenant's admin sees them read-only, and the notice on its dashboard", async () => {
    const tenant = await acme();
    await db().callLimitNotice.create({
      data: { domainId: tenant.id, trips: 14, windowMinutes: 5, kinds: ["CPS"], autoBlocked: true },
    });
    const admin = demoLogin(app, /Tenant admin, Acme/);
    await signIn(page, app.url, admin.email, admin.password);
    await page.goto(`${app.url}/t/${tenant.id}/call-limits`);
    await page.getByRole("heading", { level: 1, name: "Call limits" }).waitFor();
    await page.getByText("Outbound calls are blocked", { exact: false }).waitFor();
    await page.getByText("4 / s").waitFor();
    await page.getByText("+44, +33").waitFor();
    // Nothing to edit here.
    expect(await page.getByRole("button", { name: /Save|Block|Unblock/ }).count()).toBe(0);
    expect(await page.getByRole("region", { name: "Limits" }).locator("input, select, textarea").count()).toBe(0);

    await page.goto(`${app.url}/t/${tenant.id}/dashboard`);
    const notice = page.getByRole("alert", { name: "Abuse limits" });
    await notice.getByText("14 refused calls in 5 minutes", { exact: false }).waitFor();
    await notice.getByText("Outbound calls were blocked automatically.").waitFor();
    await screenshot(page, "call-limits-tenant-dashboard");
    await signOut(page);
  });
});
