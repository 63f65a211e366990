import { describe, expect, it } from "vitest";
import { browserSession, screenshot, signIn } from "../support/browser";
import { demoLogin } from "../support/testApp";

const session = browserSession();

describe("call pickup and parking in the browser", () => {
  it("admin builds a pickup group and sets up parking, with inline errors", async () => {
    const domain = await session.app.database.db.domain.findUniqueOrThrow({ where: { name: "acme.demo.switchboard" } });
    const base = `${session.app.url}/t/${domain.id}`;
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const admin = demoLogin(session.app, /Tenant admin, Acme/);
    await signIn(page, session.app.url, admin.email, admin.password);

    await page.goto(`${base}/pickup-groups`);
    await page.getByRole("button", { name: "New pickup group" }).click();
    await page.getByLabel("Name").fill("Front desk");
    for (const number of ["1001", "1002"]) {
      await page.getByLabel("Find an extension to add").fill(number);
      await page.getByRole("button", { name: `Add ${number}` }).click();
    }
    await screenshot(page, "tenant-pickup-group-dialog");
    await page.getByRole("button", { name: "Create pickup group" }).click();
    await page.getByRole("button", { name: "Edit pickup group Front desk" }).waitFor();
    await screenshot(page, "tenant-pickup-groups");
    const group = await session.app.database.db.pickupGroup.findFirstOrThrow({
      where: { domainId: domain.id, name: "Front desk" },
      include: { members: { include: { extension: true } } },
    });
    expect(group.members.map((m) => m.extension.number).sort()).toEqual(["1001", "1002"]);

    await page.goto(`${base}/parking`);
    await page.getByLabel("First slot").waitFor();
    await page.getByRole("checkbox", { name: /^Parking on/ }).check();
    await page.getByLabel("First slot").fill("7010");
    await page.getByLabel("Last slot").fill("7001");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Must not be below the first slot").waitFor();
    // The server's refusal lands on its field too: 1001 is an extension.
    await page.getByLabel("First slot").fill("1000");
    await page.getByLabel("Last slot").fill("1010");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("1001 is already used in this domain").waitFor();
    await page.getByLabel("First slot").fill("7001");
    await page.getByLabel("Last slot").fill("7020");
    await page.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(async () => session.app.database.db.parkingLot.findUnique({ where: { domainId: domain.id } }))
      .toMatchObject({ enabled: true, firstSlot: 7001, lastSlot: 7020 });
    await screenshot(page, "tenant-parking");
    await page.close();
  });
});
