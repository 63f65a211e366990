import { describe, expect, it } from "vitest";
import { browserSession, createTenantInConsole, screenshot, signIn, signOut } from "../support/browser";
import { demoLogin } from "../support/testApp";

const session = browserSession();

describe("foundation flow in the browser", () => {
  it("ITSP admin creates a tenant with its admin; that admin creates an extension; another tenant cannot read it", async () => {
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const itsp = demoLogin(session.app, /ITSP/);
    await signIn(page, session.app.url, itsp.email, itsp.password);
    await createTenantInConsole(page, session.app.url, {
      domain: "newco.voice.example.com",
      displayName: "NewCo",
      adminEmail: "boss@newco.example",
      adminName: "Boss",
      adminPassword: "newco-admin-pass",
    });
    await page.getByRole("link", { name: "newco.voice.example.com" }).waitFor();
    await screenshot(page, "foundation-tenants");
    await signOut(page);

    await signIn(page, session.app.url, "boss@newco.example", "newco-admin-pass");
    await page.waitForURL(/\/t\/[^/]+\/extensions$/);
    const extensionsUrl = page.url();
    await page.getByRole("button", { name: "New extension" }).click();
    await page.getByLabel("Number").fill("3001");
    await page.getByLabel("Display name").fill("Front desk");
    await page.getByRole("button", { name: "Create extension" }).click();
    const password = await page.getByTestId("sip-password").textContent();
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("cell", { name: "3001" }).waitFor();
    await screenshot(page, "foundation-extensions");
    await signOut(page);

    // Another tenant's admin: neither the page nor a direct tRPC call reveals the extension.
    const other = demoLogin(session.app, /Tenant admin, Globex/);
    await signIn(page, session.app.url, other.email, other.password);
    await page.goto(extensionsUrl);
    await page.getByRole("heading", { name: "Not found" }).waitFor();
    await expect(page.getByText("Front desk").count()).resolves.toBe(0);
    const domainId = new URL(extensionsUrl).pathname.split("/")[2]!;
    const input = encodeURIComponent(JSON.stringify({ "0": { json: { domainId } } }));
    const response = await page.request.get(`${session.app.url}/api/trpc/extensions.list?batch=1&input=${input}`);
    expect(response.status()).toBe(404);
    expect(await response.text()).not.toContain("Front desk");
    await page.close();
  });
});
