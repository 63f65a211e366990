import { describe, expect, it } from "vitest";
import { browserSession, screenshot, signIn } from "../support/browser";
import { demoLogin } from "../support/testApp";

const session = browserSession();

describe("call queues in the browser", () => {
  it("a tenant admin creates a queue with agents at two levels; the end user logs in on My phone", async () => {
    const db = session.app.database.db;
    const domain = await db.domain.findUniqueOrThrow({ where: { name: "acme.demo.switchboard" } });
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const admin = demoLogin(session.app, /Tenant admin, Acme/);
    await signIn(page, session.app.url, admin.email, admin.password);

    await page.goto(`${session.app.url}/t/${domain.id}/call-queues`);
    await page.getByRole("button", { name: "New call queue" }).click();
    await page.getByLabel("Number", { exact: true }).fill("1001");
    await page.getByLabel("Name").fill("Support");
    await page.getByLabel("Strategy").selectOption("RING_ALL");
    await page.getByLabel("Seconds per level").fill("2");
    await page.getByRole("button", { name: "Create call queue" }).click();
    // Checked in the browser first.
    await page.getByText("At least 5 seconds").waitFor();
    await page.getByLabel("Seconds per level").fill("20");
    for (const number of ["1001", "1002"]) {
      await page.getByLabel("Find an extension to add").fill(number);
      await page.getByRole("button", { name: `Add ${number}` }).click();
    }
    await page.getByLabel("Level of 1002").selectOption("2");
    await page.getByLabel("After the longest wait", { exact: true }).selectOption("HANGUP");
    await page.getByRole("button", { name: "Create call queue" }).click();
    // Then by the server: the number belongs to an extension.
    await page.getByText("1001 is already used by an extension").waitFor();
    await screenshot(page, "tenant-call-queue-error");

    await page.getByLabel("Number", { exact: true }).fill("800");
    await page.getByRole("button", { name: "Create call queue" }).click();
    await page.getByRole("button", { name: "Edit call queue 800" }).waitFor();
    await page.getByRole("cell", { name: "0 of 2" }).waitFor();
    await screenshot(page, "tenant-call-queues");

    const queue = await db.callQueue.findFirstOrThrow({
      where: { domainId: domain.id, number: "800" },
      include: { agents: { include: { extension: { select: { number: true } } }, orderBy: { level: "asc" } } },
    });
    expect(queue).toMatchObject({ name: "Support", strategy: "RING_ALL", tierWaitSeconds: 20, fallbackType: "HANGUP" });
    expect(queue.agents.map((a) => [a.extension.number, a.level])).toEqual([
      ["1001", 1],
      ["1002", 2],
    ]);
    await page.close();

    // Extension 1001's own user logs in to the queue from My phone.
    const user = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const endUser = demoLogin(session.app, /End user 1001, Acme/);
    await signIn(user, session.app.url, endUser.email, endUser.password);
    await user.goto(`${session.app.url}/t/${domain.id}/me`);
    await user.getByText("You answer Support (800).", { exact: false }).waitFor();
    await user.getByRole("button", { name: "Log in" }).click();
    await user.getByRole("button", { name: "Take a break" }).waitFor();
    await screenshot(user, "end-user-call-queue-login");
    await expect
      .poll(
        async () =>
          (await db.extension.findFirstOrThrow({ where: { domainId: domain.id, number: "1001" } })).agentStatus,
      )
      .toBe("AVAILABLE");
    expect(await db.outboxEvent.count({ where: { topic: "freeswitch.agent-status" } })).toBe(1);
    await user.close();

    // The admin sees it on the agent board and logs 1002 in too.
    const board = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(board, session.app.url, admin.email, admin.password);
    await board.goto(`${session.app.url}/t/${domain.id}/call-queues`);
    await board.getByRole("cell", { name: "1 of 2" }).waitFor();
    await board.getByLabel("Status of 1002").selectOption("AVAILABLE");
    await board.getByText("1002 is now available").waitFor();
    await board.getByRole("cell", { name: "2 of 2" }).waitFor();
    await board.close();
  });
});
