import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { setDomainNodes } from "@/server/cluster/domainAssignments";
import { launchBrowser, screenshot, signIn } from "../support/browser";
import { demoLogin, startTestApp, type TestApp } from "../support/testApp";

// The operator's side of issue 10's "Act": the app's own worker fails a tenant over when every
// proxy reports its node inactive, the dashboard and the tenant page say so, and "Restore
// assignments" puts it back once the node is up again.

let app: TestApp;
let browser: Browser;
let page: Page;

const db = () => app.database.db;
const system = { userId: null, tokenId: null, label: "e2e", ip: null };

async function kamailioSees(nodeId: string, state: "ACTIVE" | "INACTIVE") {
  // As the worker's read-back stores it (no Kamailio runs here to report it for real).
  const proxy = await db().sipProxy.findFirstOrThrow();
  const now = new Date();
  const flags = state === "ACTIVE" ? "AP" : "IP";
  await db().proxyDestinationState.upsert({
    where: { proxyId_nodeId_setId: { proxyId: proxy.id, nodeId, setId: 1 } },
    create: { proxyId: proxy.id, nodeId, setId: 1, flags, state, since: now, checkedAt: now },
    update: { flags, state, since: now, checkedAt: now },
  });
}

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

describe("failover in the console", () => {
  it("shows a failed-over tenant on the dashboard and its page, and restores it with one click", async () => {
    const acme = await db().domain.findUniqueOrThrow({ where: { name: "acme.demo.switchboard" } });
    const [n1, n2] = await db().telephonyNode.findMany({ orderBy: { hostname: "asc" } });
    await setDomainNodes({ db: db(), actor: system }, { domainId: acme.id, nodes: [{ nodeId: n1!.id }] });
    await kamailioSees(n2!.id, "ACTIVE");
    await kamailioSees(n1!.id, "INACTIVE");

    await page.goto(`${app.url}/admin`);
    const banner = page.getByRole("alert", { name: "Failover" });
    await banner.getByText(/acme\.demo\.switchboard moved from fs-node-01 to fs-node-02/).waitFor({ timeout: 20_000 });
    await screenshot(page, "failover-dashboard-banner");
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "domain.failover", domainId: acme.id } });
    expect(audit.actorLabel).toBe("system:failover");

    // While fs-node-01 still looks dead, restoring is refused with the reason.
    await banner.getByRole("button", { name: "Restore assignments" }).click();
    await page.getByText(/Every original node is still down/).waitFor();

    await page.goto(`${app.url}/admin/tenants/${acme.id}`);
    await page
      .getByRole("alert", { name: "Failover" })
      .getByText(/moved from fs-node-01/)
      .waitFor();
    await kamailioSees(n1!.id, "ACTIVE");
    // The engine must first see the node up again (it passes every 500 ms).
    for (let i = 0; i < 100; i++) {
      const s = await db().failoverNodeStatus.findUnique({ where: { nodeId: n1!.id } });
      if (s && !s.down) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.getByRole("alert", { name: "Failover" }).getByRole("button", { name: "Restore assignments" }).click();
    await page.getByText("Assignment restored to fs-node-01").waitFor();
    await page.getByRole("alert", { name: "Failover" }).waitFor({ state: "detached" });
    const assigned = await db().domainAssignment.findMany({ where: { domainId: acme.id }, select: { nodeId: true } });
    expect(assigned).toEqual([{ nodeId: n1!.id }]);
    await screenshot(page, "failover-restored");
  });

  it("shows load against capacity per node and makes a node a spare", async () => {
    await page.goto(`${app.url}/admin/nodes`);
    const panel = page.getByRole("region", { name: "Load and failover" });
    await panel.getByRole("meter", { name: "fs-node-02 load" }).waitFor();
    const spare = panel.getByRole("row", { name: /fs-node-02/ }).getByRole("checkbox", { name: "Spare" });
    // The box shows the stored state: it turns checked once the server said so.
    await spare.click();
    await page.getByText("fs-node-02 is a spare now").waitFor();
    expect(await spare.isChecked()).toBe(true);
    expect((await db().telephonyNode.findUniqueOrThrow({ where: { hostname: "fs-node-02" } })).spare).toBe(true);
    await screenshot(page, "failover-node-load");
  });

  it("saves the platform's failover settings", async () => {
    await page.goto(`${app.url}/admin/nodes`);
    const form = page.getByRole("region", { name: "Failover settings" });
    await form.getByLabel("Hysteresis (seconds)").fill("120");
    await form.getByLabel("Restore automatically after (minutes up)").fill("10");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByText("Failover settings saved").waitFor();
    expect(await db().failoverSettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      detectionRule: "EITHER",
      hysteresisMs: 120_000,
      autoRestoreAfterMin: 10,
    });
  });
});
