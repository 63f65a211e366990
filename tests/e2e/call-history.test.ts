import { readFileSync } from "node:fs";
import Papa from "papaparse";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot, signIn, signOut } from "../support/browser";
import { insertCalls } from "../support/callRecords";
import { demoLogin, startTestApp, type TestApp } from "../support/testApp";

let app: TestApp;
let browser: Browser;
let acmeId: string;

const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
  const db = app.database.db;
  acmeId = (await db.domain.findUniqueOrThrow({ where: { name: "acme.demo.switchboard" } })).id;
  const globexId = (await db.domain.findUniqueOrThrow({ where: { name: "globex.demo.switchboard" } })).id;
  const node = await db.telephonyNode.findFirstOrThrow({ orderBy: { hostname: "asc" } });
  await insertCalls(db, [
    {
      domainId: acmeId,
      startedAt: ago(10),
      callerNumber: "1001",
      callerName: "Alice Archer",
      destinationNumber: "1002",
      extension: "1001",
      nodeId: node.id,
      billSec: 42,
      bLegs: [{ extension: "1002" }],
    },
    {
      domainId: acmeId,
      startedAt: ago(20),
      callerNumber: "1003",
      callerName: "Carol",
      destinationNumber: "1002",
      extension: "1003",
      nodeId: node.id,
      disposition: "BUSY",
      hangupCause: "USER_BUSY",
      bLegs: [{ extension: "1002" }],
    },
    {
      domainId: acmeId,
      startedAt: ago(30),
      callerNumber: "1004",
      callerName: "Dave",
      destinationNumber: "12125551234",
      extension: "1004",
      direction: "OUTBOUND",
      nodeId: node.id,
      billSec: 125,
    },
    { domainId: globexId, startedAt: ago(15), callerNumber: "2001", destinationNumber: "19998887777" },
    { domainId: null, startedAt: ago(25), callerNumber: "4155550000", destinationNumber: "1001" },
  ]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function rowCount(page: Page): Promise<number> {
  return page.getByRole("button", { name: /^Details of the call/ }).count();
}

describe("call history in the browser", () => {
  it("tenant admin filters the calls, opens one and exports the filtered list", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const admin = demoLogin(app, /Tenant admin, Acme/);
    await signIn(page, app.url, admin.email, admin.password);
    await page.getByRole("link", { name: "Call history" }).click();
    await page.waitForURL(`${app.url}/t/${acmeId}/calls`);
    await page.getByRole("button", { name: "Details of the call from 1001 to 1002" }).waitFor();
    // Acme's three calls; Globex's and the unattributed one are not shown.
    expect(await rowCount(page)).toBe(3);
    await screenshot(page, "call-history-tenant");

    await page.getByLabel("Result").selectOption({ label: "Busy" });
    await page.getByRole("button", { name: "Details of the call from 1001 to 1002" }).waitFor({ state: "detached" });
    expect(await rowCount(page)).toBe(1);

    await page.getByRole("button", { name: "Details of the call from 1003 to 1002" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("The callee was busy").first().waitFor();
    await expect(dialog.getByRole("region", { name: "Caller leg" }).count()).resolves.toBe(1);
    await expect(dialog.getByRole("region", { name: "Callee leg" }).count()).resolves.toBe(1);
    await expect(dialog.textContent()).resolves.toContain("USER_BUSY");
    await screenshot(page, "call-history-detail");
    await page.keyboard.press("Escape");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8");
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.caller_number, r.destination_number, r.hangup_reason])).toEqual([
      ["1003", "1002", "The callee was busy"],
    ]);

    await page.getByRole("button", { name: "Clear filters" }).click();
    await page.getByLabel("Number or name").fill("1212");
    await page.getByRole("button", { name: "Details of the call from 1003 to 1002" }).waitFor({ state: "detached" });
    expect(await rowCount(page)).toBe(1);

    await page.getByRole("link", { name: "Dashboard" }).click();
    await page.getByText("Answer-seizure ratio").waitFor();
    // Two of the three calls were answered; talk time (42 s + 125 s) / 2.
    await page.getByText("66.7%").waitFor();
    await page.getByText("1:24").waitFor();
    await page.locator(".recharts-surface").first().waitFor();
    await screenshot(page, "call-dashboard-tenant");
    await signOut(page);
    await page.close();
  });

  it("an end user sees only their own calls on My phone", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const user = demoLogin(app, /End user 1001, Acme/);
    await signIn(page, app.url, user.email, user.password);
    await page.waitForURL(`${app.url}/t/${acmeId}/me`);
    await page.getByRole("heading", { name: "My calls" }).waitFor();
    await page.getByRole("button", { name: "Details of the call from 1001 to 1002" }).waitFor();
    expect(await rowCount(page)).toBe(1);
    await signOut(page);
    await page.close();
  });

  it("the platform admin sees every tenant's calls and those of no tenant", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const ops = demoLogin(app, /ITSP administrator/);
    await signIn(page, app.url, ops.email, ops.password);
    await page.getByText("Calls per hour").waitFor();
    await page.goto(`${app.url}/admin/calls`);
    await page.getByRole("button", { name: "Details of the call from 2001 to 19998887777" }).waitFor();
    expect(await rowCount(page)).toBe(5);
    await page.getByLabel("Tenant").selectOption({ label: "No tenant (unknown domain)" });
    await page
      .getByRole("button", { name: "Details of the call from 2001 to 19998887777" })
      .waitFor({ state: "detached" });
    expect(await rowCount(page)).toBe(1);
    await page.getByRole("button", { name: "Details of the call from 4155550000 to 1001" }).waitFor();
    await screenshot(page, "call-history-platform");
    await signOut(page);
    await page.close();
  });
});
