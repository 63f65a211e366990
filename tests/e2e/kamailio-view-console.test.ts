import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, screenshot, signIn } from "../support/browser";
import { demoLogin, startTestApp, type TestApp } from "../support/testApp";

// The operator's side of issue 10's "Detect": node addresses are checked in the form, what
// each SIP proxy sees of a node is on the nodes page, and "only my nodes" is a tenant setting.

let app: TestApp;
let browser: Browser;
let page: Page;

const db = () => app.database.db;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const itsp = demoLogin(app, /ITSP/);
  await signIn(page, app.url, itsp.email, itsp.password);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("Kamailio's view and node addresses in the console", () => {
  it("refuses 999.999.999.999 and a name that does not resolve next to the field, creating nothing", async () => {
    await page.goto(`${app.url}/admin/nodes`);
    await page.getByRole("button", { name: "New node" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Hostname (as FreeSWITCH reports it)").fill("fs-bad");
    await dialog.getByLabel("SIP address").fill("999.999.999.999");
    await dialog.getByLabel("Event socket host").fill("127.0.0.1");
    await dialog.getByLabel("Event socket password").fill("ClueCon");
    await dialog.getByRole("button", { name: "Add node" }).click();
    await dialog.getByText("Enter an IPv4 or IPv6 address or a host name").waitFor();

    // Well-formed but unknown to DNS: only the server can tell; its answer lands on the field too.
    await dialog.getByLabel("SIP address").fill("fs-bad.no-such-host.invalid");
    await dialog.getByRole("button", { name: "Add node" }).click();
    await dialog.getByText("fs-bad.no-such-host.invalid does not resolve").waitFor();
    await screenshot(page, "node-address-refused");
    expect(await db().telephonyNode.count({ where: { hostname: "fs-bad" } })).toBe(0);
  });

  it("shows what each proxy sees of a node: 'demo proxy sees fs-node-01 inactive since …'", async () => {
    const node = await db().telephonyNode.findUniqueOrThrow({ where: { hostname: "fs-node-01" } });
    const proxy = await db().sipProxy.findFirstOrThrow();
    // As the worker's read-back stores it (no Kamailio runs here to report it for real).
    const since = new Date(Date.now() - 60_000);
    await db().proxyDestinationState.create({
      data: {
        proxyId: proxy.id,
        nodeId: node.id,
        setId: 1,
        flags: "IP",
        state: "INACTIVE",
        since,
        checkedAt: new Date(),
      },
    });
    await page.goto(`${app.url}/admin/nodes`);
    const time = await page.evaluate(
      (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }),
      since.toISOString(),
    );
    await page.getByText(`${proxy.name} sees fs-node-01 inactive since ${time}`).waitFor();
    await screenshot(page, "node-kamailio-view");
  });

  it("lets the platform admin keep a tenant on its own nodes", async () => {
    const acme = await db().domain.findUniqueOrThrow({ where: { name: "acme.demo.switchboard" } });
    expect(acme.fallbackToAnyNode).toBe(true);
    await page.goto(`${app.url}/admin/tenants/${acme.id}`);
    const section = page.getByRole("region", { name: "Telephony nodes" });
    const box = section.getByRole("checkbox", { name: /Fail over to any node/ });
    expect(await box.isChecked()).toBe(true);
    await box.click();
    await page.getByText("acme.demo.switchboard stays on its own nodes").waitFor();
    await expect
      .poll(async () => (await db().domain.findUniqueOrThrow({ where: { id: acme.id } })).fallbackToAnyNode)
      .toBe(false);
    const revision = await db().clusterRevision.findFirstOrThrow({
      orderBy: { id: "desc" },
      select: { reason: true, outbox: { select: { topic: true } } },
    });
    expect(revision).toMatchObject({
      reason: "domain acme.demo.switchboard fallback to any node off",
      outbox: [{ topic: "kamailio.sync" }],
    });
    await page.reload();
    expect(await section.getByRole("checkbox", { name: /Fail over to any node/ }).isChecked()).toBe(false);
  });
});
