import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { verifyPassword } from "@/server/security/password";
import { launchBrowser, screenshot, signIn, signOut } from "../support/browser";
import { demoLogin, startTestApp, type TestApp } from "../support/testApp";

const HOSTNAME = "fs-node-07";
const ACL_REQUEST = readFileSync(
  join(process.cwd(), "..", "shared", "fixtures", "freeswitch", "configuration-acl.conf.body"),
  "utf8",
).trim();

let app: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let nodeId: string;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const db = () => app.database.db;

/** A row of the nodes table (the load panel below it lists the same host names). */
const nodesTableRow = (name: RegExp) => page.getByRole("table").first().getByRole("row", { name });

async function node() {
  return db().telephonyNode.findUniqueOrThrow({ where: { hostname: HOSTNAME } });
}

/** The newest revision, its outbox topics, and the newest audit row, as the last action left them. */
async function lastChange() {
  const revision = await db().clusterRevision.findFirstOrThrow({
    orderBy: { id: "desc" },
    select: { id: true, reason: true, outbox: { select: { topic: true } } },
  });
  const audit = await db().auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
  return { revision, audit };
}

/** Posts a request the way mod_xml_curl would with the given gateway-url and gateway-credentials. */
async function xmlCurl(url: string, credentials: string) {
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Authorization: `Basic ${Buffer.from(credentials).toString("base64")}`,
    },
    body: ACL_REQUEST.replace("hostname=fs-node-01", `hostname=${HOSTNAME}`),
  });
  return { status: res.status, body: await res.text() };
}

async function setState(label: "draining" | "maintenance" | "active") {
  const select = page.getByLabel(`State of ${HOSTNAME}`);
  await select.selectOption(label.toUpperCase());
  await page.getByText(`${HOSTNAME} is now ${label}`).waitFor();
  // The select shows the server's state: it changes once the list has been refetched.
  await expect.poll(() => select.inputValue()).toBe(label.toUpperCase());
}

describe("cluster screens in the browser", () => {
  it("creates a node and shows its xml_curl credentials once, as a working xml_curl.conf.xml", async () => {
    const itsp = demoLogin(app, /ITSP/);
    await signIn(page, app.url, itsp.email, itsp.password);
    await page.goto(`${app.url}/admin/nodes`);
    await page.getByRole("heading", { level: 1, name: "Telephony nodes" }).waitFor();
    await nodesTableRow(/fs-node-01/).waitFor();
    await page.getByRole("button", { name: "New node" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Hostname (as FreeSWITCH reports it)").fill(HOSTNAME);
    await dialog.getByLabel("SIP address").fill("127.0.0.1");
    await dialog.getByLabel("SIP port", { exact: true }).fill("5090");
    // A closed port: pushes to this node fail fast instead of hanging on an unroutable address.
    await dialog.getByLabel("Event socket host").fill("127.0.0.1");
    await dialog.getByLabel("Event socket port").fill("1");
    await dialog.getByLabel("Event socket password").fill("esl-pass-07");
    await dialog.getByRole("button", { name: "Add node" }).click();

    await dialog.getByRole("heading", { name: "Configure mod_xml_curl on the node" }).waitFor();
    const secret = (await dialog.getByTestId("xml-curl-secret").textContent())?.trim() ?? "";
    const conf = (await dialog.getByLabel("xml_curl.conf.xml").textContent()) ?? "";
    await screenshot(page, "cluster-node-created-xml-curl");

    const row = await node();
    expect(row).toMatchObject({ sipAddress: "127.0.0.1", sipPort: 5090, eslPort: 1, adminState: "ACTIVE" });
    expect(await verifyPassword(row.xmlCurlSecretHash, secret)).toBe(true);
    expect(row.eslPasswordEnc).not.toContain("esl-pass-07");
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "node.create", entityId: row.id } });
    expect(audit.actorLabel).toBe(itsp.email);

    // The snippet names this app's endpoint and the node's credentials, in both bindings.
    const urls = [...conf.matchAll(/name="gateway-url" value="([^"]+)"/g)].map((m) => m[1]);
    const credentials = [...conf.matchAll(/name="gateway-credentials" value="([^"]+)"/g)].map((m) => m[1]);
    expect(urls).toEqual([`${app.url}/freeswitch/xml`, `${app.url}/freeswitch/xml`]);
    expect(credentials).toEqual([`${row.xmlCurlUser}:${secret}`, `${row.xmlCurlUser}:${secret}`]);
    expect(conf).toContain('bindings="directory|dialplan"');
    expect(conf).toContain('bindings="configuration"');

    // What FreeSWITCH would do with the pasted file: the endpoint accepts it, and only it.
    const answer = await xmlCurl(urls[0]!, credentials[0]!);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<configuration name="acl.conf"');
    expect((await xmlCurl(urls[0]!, `${row.xmlCurlUser}:wrong-secret`)).status).toBe(401);

    await dialog.getByRole("button", { name: "Copy xml_curl.conf.xml" }).click();
    await page.getByText("xml_curl.conf.xml copied").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(conf);

    await dialog.getByRole("button", { name: "Done" }).click();
    await dialog.waitFor({ state: "detached" });
    await nodesTableRow(new RegExp(HOSTNAME)).waitFor();
    // Shown once: after the dialog closes the secret is nowhere on the page, and a reload does not bring it back.
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await nodesTableRow(new RegExp(HOSTNAME)).waitFor();
    expect(await page.content()).not.toContain(secret);
    nodeId = row.id;
  });

  it("drains the node (its calls stay visible), puts it in maintenance and activates it", async () => {
    // Three calls up, as the node's event socket would report them.
    await db().telephonyNode.update({ where: { id: nodeId }, data: { activeCalls: 3 } });
    const nodeRow = nodesTableRow(new RegExp(HOSTNAME));
    const before = (await lastChange()).revision.id;

    await setState("draining");
    await expect.poll(async () => (await node()).adminState).toBe("DRAINING");
    expect(await nodeRow.getByRole("option", { selected: true }).textContent()).toBe("draining");
    await nodeRow.getByText("3 / 500").waitFor();
    let change = await lastChange();
    expect(change.revision.id).toBeGreaterThan(before);
    expect(change.revision).toMatchObject({
      reason: `node ${HOSTNAME} → DRAINING`,
      outbox: [{ topic: "kamailio.sync" }],
    });
    expect(change.audit).toMatchObject({
      action: "node.draining",
      entityId: nodeId,
      after: { adminState: "DRAINING" },
    });
    await screenshot(page, "cluster-node-draining");

    await setState("maintenance");
    expect((await node()).adminState).toBe("MAINTENANCE");
    change = await lastChange();
    expect(change.revision.reason).toBe(`node ${HOSTNAME} → MAINTENANCE`);
    expect(change.audit).toMatchObject({ action: "node.maintenance", before: { adminState: "DRAINING" } });

    await setState("active");
    expect((await node()).adminState).toBe("ACTIVE");
    change = await lastChange();
    expect(change.revision.reason).toBe(`node ${HOSTNAME} → ACTIVE`);
    expect(change.audit).toMatchObject({ action: "node.active", before: { adminState: "MAINTENANCE" } });
  });

  it("pins a demo tenant to the new node on the tenant page", async () => {
    const acme = await db().domain.findUniqueOrThrow({ where: { name: "acme.demo.switchboard" } });
    await page.goto(`${app.url}/admin/tenants`);
    await page.getByRole("link", { name: "acme.demo.switchboard" }).click();
    await page.getByRole("heading", { level: 1, name: "Acme Corp" }).waitFor();
    const section = page.getByRole("region", { name: "Telephony nodes" });
    await section.getByText("Served by every active node (general pool).").waitFor();
    await section.getByRole("checkbox", { name: new RegExp(HOSTNAME) }).check();
    await section.getByText("Pinned to 1 node(s).").waitFor();
    await section.getByLabel("Weight").fill("40");
    await section.getByRole("button", { name: "Save assignment" }).click();
    await page.getByText("Node assignment saved").waitFor();
    await page.waitForLoadState("networkidle");
    await screenshot(page, "cluster-tenant-assignment");

    const assigned = await db().domainAssignment.findMany({
      where: { domainId: acme.id },
      select: { nodeId: true, priority: true, weight: true },
    });
    expect(assigned).toEqual([{ nodeId, priority: 0, weight: 40 }]);
    const { revision, audit } = await lastChange();
    expect(revision).toMatchObject({
      reason: "domain acme.demo.switchboard assigned to 1 node(s)",
      outbox: [{ topic: "kamailio.sync" }],
    });
    expect(audit).toMatchObject({ action: "domain.assign-nodes", domainId: acme.id });

    // The saved assignment is what the page shows after a reload.
    await page.reload();
    await section.getByText("Pinned to 1 node(s).").waitFor();
    expect(await section.getByRole("checkbox", { name: new RegExp(HOSTNAME) }).isChecked()).toBe(true);
    expect(await section.getByRole("checkbox", { name: /fs-node-01/ }).isChecked()).toBe(false);
  });

  it("shows the demo proxy's sync status as the database has it", async () => {
    // No Kamailio listens at the demo proxy's RPC URL, so the push worker records an error.
    await expect
      .poll(async () => (await db().sipProxy.findUniqueOrThrow({ where: { name: "kamailio-1" } })).lastError, {
        timeout: 60_000,
        interval: 1000,
      })
      .toBeTruthy();
    const proxy = await db().sipProxy.findUniqueOrThrow({ where: { name: "kamailio-1" } });
    const [desired] = await db().$queryRaw<{ rev: bigint }[]>`
      SELECT max("revisionId") AS rev FROM "OutboxEvent" WHERE topic = 'kamailio.sync'`;

    await page.goto(`${app.url}/admin/proxies`);
    await page.getByRole("heading", { level: 1, name: "SIP proxies" }).waitFor();
    await page.getByText(`Desired revision ${desired!.rev.toString()};`).waitFor();
    const row = page.getByRole("row", { name: /kamailio-1/ });
    await row.getByText("http://127.0.0.1:5071/RPC").waitFor();
    // Never once applied: a placeholder address, not a proxy that fell behind.
    await row.getByText("never connected").waitFor();
    await row.getByText(`rev ${proxy.appliedRevision.toString()}`).waitFor();
    expect(await row.getByTitle(proxy.lastError!).isVisible()).toBe(true);
    // The failed attempt is the last push shown.
    expect(proxy.lastSyncAt).not.toBeNull();
    expect(await row.getByText("never", { exact: true }).count()).toBe(0);
    await page.waitForLoadState("networkidle");
    await screenshot(page, "cluster-proxies-sync");
    await signOut(page);
  });

  it("shows a tenant admin their own domain's audit rows only", async () => {
    const acme = await db().domain.findUniqueOrThrow({ where: { name: "acme.demo.switchboard" } });
    const globex = await db().domain.findUniqueOrThrow({ where: { name: "globex.demo.switchboard" } });
    const admin = demoLogin(app, /Tenant admin, Acme/);
    await signIn(page, app.url, admin.email, admin.password);
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.waitForURL(`${app.url}/t/${acme.id}/audit`);
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    await page.getByRole("cell", { name: "domain.assign-nodes", exact: true }).waitFor();

    const expected = await db().auditLog.findMany({
      where: { domainId: acme.id },
      orderBy: { id: "desc" },
      select: { action: true },
    });
    const shown = await page.locator("tbody tr td:nth-child(3)").allTextContents();
    expect(shown).toEqual(expected.map((r) => r.action));
    // Platform-wide rows (node.*) and the other tenant's rows are not shown.
    expect(await db().auditLog.count({ where: { OR: [{ domainId: null }, { domainId: globex.id }] } })).toBeGreaterThan(
      0,
    );
    expect(shown.some((a) => a.startsWith("node."))).toBe(false);

    await page
      .getByRole("row", { name: /domain\.assign-nodes/ })
      .getByRole("button", { name: "Changes" })
      .click();
    await page.getByRole("cell", { name: "nodes (changed)", exact: true }).waitFor();
    await page.getByRole("cell", { name: `[{"nodeId":"${nodeId}","weight":40,"priority":0}]`, exact: true }).waitFor();
    await page.getByText(`Entity id ${acme.id}`).waitFor();
    await screenshot(page, "tenant-audit-diff");

    await page.getByLabel("Action").fill("extension.");
    await page.getByText("Nothing matches these filters.").waitFor();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByRole("cell", { name: "domain.assign-nodes", exact: true }).waitFor();
    await page.getByLabel("To", { exact: true }).fill("2020-01-01");
    await page.getByText("Nothing matches these filters.").waitFor();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByRole("cell", { name: "domain.assign-nodes", exact: true }).waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, "tenant-audit-phone");
    // At phone width the table scrolls inside its card; the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Another tenant's audit log is not reachable by URL.
    await page.goto(`${app.url}/t/${globex.id}/audit`);
    await page.getByRole("heading", { level: 1, name: "Not found" }).waitFor();
    expect(await page.locator("tbody tr").count()).toBe(0);
  });
});
