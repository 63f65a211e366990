import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createExtension } from "@/server/extensions/service";
import { launchBrowser, screenshot, signIn } from "../support/browser";
import { demoLogin, startTestApp, type TestApp } from "../support/testApp";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhookReceiver";

// A tenant admin registers a webhook in the console, copies its secret once, and watches the
// app's own worker deliver a signed event to a real receiver in the delivery log.

let app: TestApp;
let browser: Browser;
let page: Page;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: "true" });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await receiver?.close();
});

describe("webhooks in the console", () => {
  it("a tenant admin adds an endpoint, gets the secret once, and sees the signed delivery in the log", async () => {
    const db = app.database.db;
    const tenant = await db.domain.findUniqueOrThrow({ where: { name: "acme.demo.switchboard" } });
    const admin = demoLogin(app, /Tenant admin, Acme/);
    await signIn(page, app.url, admin.email, admin.password);
    await page.goto(`${app.url}/t/${tenant.id}/webhooks`);
    await page.getByRole("button", { name: "New webhook" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("URL").fill(receiver.url);
    await dialog.getByLabel("Description").fill("CRM sync");
    // Platform-only events are not offered to a tenant.
    expect(await dialog.getByLabel("node.down").count()).toBe(0);
    await dialog.getByLabel("extension.created").check();
    await dialog.getByRole("button", { name: "Create webhook" }).click();
    const secret = (await dialog.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    receiver.setSecret(secret);
    await dialog.getByRole("button", { name: "Done" }).click();
    await page.getByText("CRM sync").waitFor();

    await createExtension(
      {
        db,
        actor: { userId: null, tokenId: null, label: "e2e", ip: null },
        domain: { id: tenant.id, name: tenant.name },
        role: "TENANT_ADMIN",
        extensionId: null,
      },
      { number: "1999", displayName: "Webhook test" },
    );
    await page.getByRole("button", { name: "Delivery log" }).click();
    const log = page.getByLabel("Delivery log");
    await log.getByText("delivered").waitFor({ timeout: 30_000 });
    await log.getByText("extension.created").waitFor();
    expect([...receiver.processed.values()].map((e) => [e.type, e.domainId])).toEqual([
      ["extension.created", tenant.id],
    ]);
    expect(receiver.arrivals.every((a) => a.signed)).toBe(true);
    await screenshot(page, "webhooks-tenant-delivery-log");
  });
});
