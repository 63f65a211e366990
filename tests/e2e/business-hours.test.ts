import { describe, expect, it } from "vitest";
import { browserSession, screenshot, signIn } from "../support/browser";
import { demoLogin } from "../support/testApp";

const session = browserSession();

describe("business hours in the browser", () => {
  it("a tenant admin sets business hours, then the simulator takes the after-hours branch at 18:00", async () => {
    const domain = await session.app.database.db.domain.findUniqueOrThrow({ where: { name: "acme.demo.switchboard" } });
    const desk = await session.app.database.db.extension.findFirstOrThrow({
      where: { domainId: domain.id },
      orderBy: { number: "asc" },
    });
    const page = await session.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const admin = demoLogin(session.app, /Tenant admin, Acme/);
    await signIn(page, session.app.url, admin.email, admin.password);

    await page.goto(`${session.app.url}/t/${domain.id}/business-hours`);
    await page.getByLabel("Time zone").fill("Mars/Olympus");
    await page.getByRole("button", { name: "Save time zone" }).click();
    await page.getByText("Not a known time zone (IANA name, e.g. Europe/Berlin)").waitFor();
    await page.getByLabel("Time zone").fill("America/New_York");
    await page.getByRole("button", { name: "Save time zone" }).click();
    await expect
      .poll(async () => (await session.app.database.db.domain.findUniqueOrThrow({ where: { id: domain.id } })).timeZone)
      .toBe("America/New_York");

    await page.getByRole("button", { name: "New business hours" }).click();
    await page.getByLabel("Number", { exact: true }).fill("8000");
    await page.getByLabel("Name").fill("Front desk hours");
    await page.getByLabel("Until").fill("18:60");
    await page.getByLabel("While open: number").fill(desk.number);
    await page.getByLabel("While closed", { exact: true }).selectOption("HANGUP");
    await page.getByRole("button", { name: "Create business hours" }).click();
    await page.getByText("HH:MM, 00:00 to 24:00").waitFor();
    await page.getByLabel("Until").fill("18:00");
    await page.getByRole("button", { name: "Create business hours" }).click();
    await page.getByRole("button", { name: "Edit business hours 8000" }).waitFor();
    await screenshot(page, "tenant-business-hours");
    const saved = await session.app.database.db.timeCondition.findFirstOrThrow({
      where: { domainId: domain.id, number: "8000" },
    });
    expect(saved).toMatchObject({ openType: "EXTENSION", openTarget: desk.number, closedType: "HANGUP" });
    expect(saved.weeklyHours).toEqual([{ days: [1, 2, 3, 4, 5], start: "09:00", end: "18:00" }]);

    await page.goto(`${session.app.url}/t/${domain.id}/simulator`);
    await page.getByLabel("Calling extension").fill(desk.number);
    await page.getByLabel("Dialled number").fill("8000");
    const at = page.getByLabel("At (the domain's local time)");
    await at.fill("2026-12-01T17:59");
    await page.getByRole("button", { name: "Simulate" }).click();
    await page.getByText(/Business hours 8000 "Front desk hours": open \(Tue 2026-12-01 17:59:00/).waitFor();
    await page.getByText(`Extension ${desk.number}`, { exact: true }).waitFor();

    await at.fill("2026-12-01T18:00");
    await page.getByRole("button", { name: "Simulate" }).click();
    await page
      .getByText(
        'Business hours 8000 "Front desk hours": closed (Tue 2026-12-01 18:00:00 America/New_York: outside business hours)',
      )
      .waitFor();
    await expect.poll(() => page.getByTestId("matched-rule").count()).toBe(1);
    await screenshot(page, "tenant-simulator-after-hours");
    await page.close();
  });
});
