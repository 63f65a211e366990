import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { browserSession, createTenantInConsole, screenshot, signIn, signOut } from "../support/browser";
import { demoLogin } from "../support/testApp";

const session = browserSession();

async function visit(page: Page, path: string, heading: string, shot: string) {
  await page.goto(`${session.app.url}${path}`);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  // Let list queries settle so the screenshot shows data, not loading rows.
  await page.waitForLoadState("networkidle");
  await screenshot(page, shot);
}

describe("ITSP console in the browser", () => {
  it("creates a tenant with its first admin, assigns it a number, and the audit log shows both", async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const itsp = demoLogin(session.app, /ITSP/);
    await signIn(page, session.app.url, itsp.email, itsp.password);

    await createTenantInConsole(page, session.app.url, {
      domain: "initech.voice.example.com",
      displayName: "Initech",
      adminEmail: "Bill@Initech.example",
      adminName: "Bill",
      adminPassword: "initech-admin-pass",
    });
    await page.getByRole("link", { name: "initech.voice.example.com" }).click();
    await page.getByRole("heading", { level: 1, name: "Initech" }).waitFor();
    await page.getByText("bill@initech.example").waitFor();
    await page.waitForLoadState("networkidle");
    await screenshot(page, "console-tenant-detail");

    await page.goto(`${session.app.url}/admin/numbers`);
    await page.getByLabel("Assignment").selectOption("unassigned");
    await page.getByRole("cell", { name: "+15551239999", exact: true }).waitFor();
    await page.getByLabel("Select +15551239999").check();
    await page.getByRole("button", { name: "Assign to tenant" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Tenant").selectOption({ label: "Initech (initech.voice.example.com)" });
    await dialog.getByRole("button", { name: "Assign" }).click();
    await page.getByText("1 number(s) assigned").waitFor();
    await page.getByLabel("Assignment").selectOption("assigned");
    await page.getByRole("row", { name: /\+15551239999.*Initech/ }).waitFor();

    await page.goto(`${session.app.url}/admin/audit`);
    await page.getByLabel("Tenant").selectOption({ label: "Initech" });
    await page.getByRole("cell", { name: "number.assign", exact: true }).waitFor();
    const actions = await page.locator("tbody tr td:nth-child(3)").allTextContents();
    // A new tenant is placed on the least-loaded node group in the same transaction.
    expect(actions).toEqual(["number.assign", "user.create", "domain.assign-nodes", "domain.create"]);
    await page
      .getByRole("row", { name: /number\.assign/ })
      .getByRole("button", { name: "Changes" })
      .click();
    await page.getByRole("cell", { name: "+15551239999", exact: true }).waitFor();
    await screenshot(page, "console-audit-diff");
    await signOut(page);

    // The new tenant admin sees the number in their own workspace and can point it at an extension.
    await signIn(page, session.app.url, "bill@initech.example", "initech-admin-pass");
    await page.waitForURL(/\/t\/[^/]+\/extensions$/);
    const domainId = /\/t\/([^/]+)\//.exec(page.url())?.[1];
    expect(domainId).toBeTruthy();
    await visit(page, `/t/${domainId}/numbers`, "Phone numbers", "console-tenant-numbers");
    await page.getByRole("cell", { name: "+15551239999", exact: true }).waitFor();
    await page.getByRole("button", { name: "Set destination of +15551239999" }).click();
    await page.getByRole("dialog").getByLabel("Destination").selectOption("EXTERNAL");
    await page.getByRole("dialog").getByLabel("Outside number (E.164)").fill("12345");
    await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
    await page.getByText("E.164 number, e.g. +15551234567").waitFor();
    await page.getByRole("dialog").getByLabel("Outside number (E.164)").fill("+442071234567");
    await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
    await page.getByRole("cell", { name: "Outside number +442071234567", exact: true }).waitFor();
    await visit(page, `/t/${domainId}/users`, "Users", "console-tenant-users");
    await visit(page, `/t/${domainId}/routes`, "Outbound routes", "console-tenant-routes");
    await page.goto(`${session.app.url}/admin/trunks`);
    await page.getByRole("heading", { name: "Not allowed" }).waitFor();
    await page.close();
  });

  it("renders every admin page, at desktop and phone width", async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const itsp = demoLogin(session.app, /ITSP/);
    await signIn(page, session.app.url, itsp.email, itsp.password);
    await visit(page, "/admin", "Dashboard", "console-dashboard");
    await page.getByText("fs-node-01").waitFor();
    await page.getByText("kamailio-1").waitFor();
    await visit(page, "/admin/tenants", "Tenants", "console-tenants");
    await visit(page, "/admin/nodes", "Telephony nodes", "console-nodes");
    await visit(page, "/admin/proxies", "SIP proxies", "console-proxies");
    await visit(page, "/admin/trunks", "Trunks", "console-trunks");
    await page.getByRole("cell", { name: "demo-carrier", exact: true }).waitFor();
    await visit(page, "/admin/numbers", "Phone numbers", "console-numbers");
    await visit(page, "/admin/routes", "Outbound routes", "console-routes");
    await page.getByRole("cell", { name: "_1NXXNXXXXXX", exact: true }).waitFor();
    await page.getByRole("button", { name: "Edit" }).first().click();
    await page.getByRole("dialog").getByLabel("Pattern").fill("_1X.X");
    await page.getByRole("dialog").getByRole("button", { name: "Save route" }).click();
    await page.getByText("only allowed at the end").waitFor();
    await screenshot(page, "console-route-dialog-error");
    await page.keyboard.press("Escape");
    await visit(page, "/admin/users", "Users & roles", "console-users");
    await visit(page, "/admin/audit", "Audit log", "console-audit");

    await page.setViewportSize({ width: 390, height: 844 });
    await visit(page, "/admin", "Dashboard", "console-dashboard-phone");
    await visit(page, "/admin/numbers", "Phone numbers", "console-numbers-phone");
    await page.close();
  });
});
