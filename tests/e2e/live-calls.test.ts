import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createNode } from "@/server/cluster/nodes";
import { launchBrowser, screenshot, signIn, signOut } from "../support/browser";
import { eventBytes, frames, startFakeEventSocket, type FakeEventSocket } from "../support/fakeEventSocket";
import { demoLogin, startTestApp, type TestApp } from "../support/testApp";
import { readCapturedPost } from "../unit/callRecords/cdrFixtures";
import { readOpsFixture } from "../unit/liveState/opsFixtures";

// A node (the fake event socket speaking the captured bytes) has call 07 up; the tenant admin
// sees it live, hangs it up, and finds it in the call history once the node posts its CDRs.

const A_LEG = "8da8cf52-bace-4780-b1a6-87be1d8cce73";
const B_LEG = "c3450d76-b713-43d0-85d7-6a22c68422e5";

let app: TestApp;
let browser: Browser;
let page: Page;
let fake: FakeEventSocket;
let domainId: string;
let nodeAuth: string;

/** What the node sends after `uuid_kill <a-leg>`: the captured hangups of both legs. */
function hangupBytes(): Buffer {
  const b = frames(eventBytes(readOpsFixture("events", "event_plain_stream.trimmed.esl"))).find(
    (f) => f.includes("Event-Name: CHANNEL_HANGUP_COMPLETE") && f.includes(`\nUnique-ID: ${B_LEG}`),
  );
  if (!b) throw new Error("no b-leg hangup in the capture");
  return Buffer.concat([readOpsFixture("events", "uuid_kill_triggered_hangup_complete.a-leg.plain.esl"), b]);
}

beforeAll(async () => {
  app = await startTestApp({ LIVE_STATE_REFRESH_MS: "300" });
  const db = app.database.db;
  // The demo tenant takes the captured domain's name, so the node's events are its calls.
  const acme = await db.domain.update({ where: { name: "acme.demo.switchboard" }, data: { name: "cap.example.com" } });
  domainId = acme.id;
  fake = await startFakeEventSocket(
    "ClueCon",
    {
      "sofia xmlstatus profile internal reg": readOpsFixture("esl", "api_02_sofia_xmlstatus_profile_internal_reg.esl"),
      "show channels as json": readOpsFixture("esl", "api_03_show_channels_as_json.esl"),
    },
    (command, node) => {
      if (command !== `uuid_kill ${A_LEG}`) return undefined;
      setTimeout(() => node.emit(hangupBytes()), 100);
      return readOpsFixture("esl", "api_12_uuid_kill.esl");
    },
  );
  const { xmlCurlSecret } = await createNode(
    { db, actor: { userId: null, tokenId: null, label: "e2e", ip: null } },
    { hostname: "vm", sipAddress: "127.0.0.1", eslHost: "127.0.0.1", eslPort: fake.port, eslPassword: "ClueCon" },
  );
  nodeAuth = `Basic ${Buffer.from(`vm:${xmlCurlSecret}`).toString("base64")}`;
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await fake?.close();
  await app?.stop();
});

describe("live calls in the browser", () => {
  it("shows the tenant's registered phones from the node", async () => {
    const admin = demoLogin(app, /Tenant admin, Acme/);
    await signIn(page, app.url, admin.email, admin.password);
    await page.getByRole("link", { name: "Registered phones" }).click();
    await page.getByRole("heading", { level: 1, name: "Registered phones" }).waitFor();
    await page.getByRole("row", { name: /1001 .*sipp-capture.*sip:1001@127\.0\.0\.1:5493/ }).waitFor();
    await page.getByRole("row", { name: /1002 .*sipp-capture.*sip:1002@127\.0\.0\.1:5494/ }).waitFor();
  });

  it("shows a call live, hangs it up over ESL, and the call leaves the page without a reload", async () => {
    await page.getByRole("link", { name: "Live calls" }).click();
    const row = page.getByRole("row", { name: /1001.*1002.*answered.*vm/i });
    await row.waitFor();
    await screenshot(page, "live-calls");
    // The duration ticks.
    const first = await row.getByRole("cell").nth(3).innerText();
    await expect.poll(() => row.getByRole("cell").nth(3).innerText(), { timeout: 3000 }).not.toBe(first);

    await page.getByRole("button", { name: "Hang up 1001 → 1002" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Hang up call" }).click();
    await page.getByText("Call hung up").waitFor();
    expect(fake.commands).toContain(`api uuid_kill ${A_LEG}`);
    await page.getByText("No calls right now.").waitFor({ timeout: 2000 });
    // The node's own hangup events removed both legs.
    await expect.poll(() => app.database.db.liveChannel.count(), { timeout: 2000 }).toBe(0);
    const audit = await app.database.db.auditLog.findFirstOrThrow({ where: { action: "call.hangup" } });
    expect(audit).toMatchObject({ domainId, entityId: A_LEG, actorLabel: demoLogin(app, /Tenant admin, Acme/).email });
  });

  it("finds the hung-up call in the call history once the node posts its CDRs", async () => {
    for (const name of ["07-uuid_kill-1001-1002.b-leg.json_cdr.http", "07-uuid_kill-1001-1002.a-leg.json_cdr.http"]) {
      const post = readCapturedPost(name);
      const res = await fetch(`${app.url}/freeswitch/cdr${post.target.slice(post.target.indexOf("?"))}`, {
        method: "POST",
        headers: { "Content-Type": post.headers["content-type"]!, Authorization: nodeAuth },
        body: new Uint8Array(post.body),
      });
      expect(res.status, name).toBe(200);
    }
    await page.getByRole("link", { name: "Call history" }).click();
    await page.getByRole("heading", { level: 1, name: "Call history" }).waitFor();
    await page
      .getByRole("row", { name: /1001.*1002/ })
      .first()
      .waitFor();
  });

  it("shows node health from heartbeats on the Nodes page: up with its load, never connected", async () => {
    fake.emit(
      frames(eventBytes(readOpsFixture("events", "event_plain_stream.trimmed.esl"))).find((f) =>
        f.includes("Event-Name: HEARTBEAT"),
      )!,
    );
    const itsp = demoLogin(app, /ITSP/);
    // Signing out navigates: wait for it, or the sign-in navigation below is aborted.
    await signOut(page);
    await signIn(page, app.url, itsp.email, itsp.password);
    await page.goto(`${app.url}/admin/nodes`);
    await page
      .getByRole("row", { name: /vm .*up.*heartbeat \d+ s ago.*up 0:39 · 2 sessions · CPU 26% idle/ })
      .waitFor();
    // The seeded demo nodes have no event socket here.
    await page.getByRole("row", { name: /fs-node-01 .*never connected/ }).waitFor();
    await screenshot(page, "nodes-health");
  });
});
