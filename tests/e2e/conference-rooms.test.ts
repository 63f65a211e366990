import { describe, expect, it } from "vitest";
import { browserSession, screenshot, signIn } from "../support/browser";
import { demoLogin } from "../support/testApp";

const session = browserSession();

describe("conference rooms in the browser", () => {
  it("a tenant admin creates a room; mistakes show next to their fields", async () => {
    const domain = await session.app.database.db.domain.findUniqueOrThrow({ where: { name: "acme.demo.switchboard" } });
    const taken = await session.app.database.db.extension.findFirstOrThrow({ where: { domainId: domain.id } });
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const admin = demoLogin(session.app, /Tenant admin, Acme/);
    await signIn(page, session.app.url, admin.email, admin.password);

    await page.goto(`${session.app.url}/t/${domain.id}/conference-rooms`);
    await page.getByRole("button", { name: "New conference room" }).click();
    await page.getByLabel("Number", { exact: true }).fill(taken.number);
    await page.getByLabel("Name").fill("Weekly team call");
    await page.getByLabel("PIN", { exact: true }).fill("12");
    await page.getByLabel("Max members").fill("1");
    await page.getByRole("button", { name: "Create conference room" }).click();
    // Checked in the browser first: the PIN's shape and the size.
    await page.getByText("4 to 12 digits, or empty for none").waitFor();
    await page.getByText("0 for no limit, or 2 to 500").waitFor();

    await page.getByLabel("PIN", { exact: true }).fill("4711");
    await page.getByLabel("Moderator PIN").fill("9876");
    await page.getByLabel("Max members").fill("10");
    await page.getByLabel("Record conferences").check();
    await page.getByRole("button", { name: "Create conference room" }).click();
    // Then by the server: the number belongs to an extension.
    await page.getByText(`${taken.number} is already used by an extension`).waitFor();
    await screenshot(page, "tenant-conference-room-error");

    await page.getByLabel("Number", { exact: true }).fill("3000");
    await page.getByRole("button", { name: "Create conference room" }).click();
    await page.getByRole("button", { name: "Edit conference room 3000" }).waitFor();
    await screenshot(page, "tenant-conference-rooms");

    const room = await session.app.database.db.conferenceRoom.findFirstOrThrow({
      where: { domainId: domain.id, number: "3000" },
    });
    expect(room).toMatchObject({ name: "Weekly team call", maxMembers: 10, record: true });
    expect(room.pinEnc).toMatch(/^v1:/);
    expect(
      await session.app.database.db.auditLog.count({ where: { action: "conference-room.create", entityId: room.id } }),
    ).toBe(1);
    await page.close();
  });

  it("the platform admin turns conference rooms off for a tenant on its limits form", async () => {
    const globex = await session.app.database.db.domain.findUniqueOrThrow({
      where: { name: "globex.demo.switchboard" },
    });
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const ops = demoLogin(session.app, /ITSP administrator/);
    await signIn(page, session.app.url, ops.email, ops.password);
    await page.goto(`${session.app.url}/admin/tenants/${globex.id}`);
    await page.getByLabel("Max conference rooms").fill("0");
    await page.getByRole("button", { name: "Save limits" }).click();
    await expect
      .poll(
        async () =>
          (await session.app.database.db.domain.findUniqueOrThrow({ where: { id: globex.id } })).maxConferenceRooms,
      )
      .toBe(0);
    await screenshot(page, "platform-conference-room-limit");
    await page.close();
  });
});
