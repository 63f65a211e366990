import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { browserSession, screenshot, signIn, signOut } from "../support/browser";
import { demoLogin } from "../support/testApp";

const session = browserSession();

// Three good rows, then an existing number and a malformed one.
const CSV = [
  "number,displayName,voicemailEnabled,externalCallerIdNumber",
  "1101,Support One,true,+15551230101",
  "1102,Support Two,false,",
  "1001,Already exists,,",
  "1103,Support Three,,",
  "12a,Bad number,,",
].join("\n");

async function acmeDomainId(): Promise<string> {
  return (await session.app.database.db.domain.findUniqueOrThrow({ where: { name: "acme.demo.switchboard" } })).id;
}

async function extensionCount(domainId: string): Promise<number> {
  return session.app.database.db.extension.count({ where: { domainId } });
}

async function chooseDestination(page: Page, label: string, type: string, target: string) {
  await page.getByLabel(label, { exact: true }).selectOption({ label: type });
  await page.getByLabel(`${label}: number`).fill(target);
}

describe("tenant self-service in the browser", () => {
  it("admin imports extensions, builds a ring group, routes a number to it and simulates the call", async () => {
    const domainId = await acmeDomainId();
    const base = `${session.app.url}/t/${domainId}`;
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const admin = demoLogin(session.app, /Tenant admin, Acme/);
    await signIn(page, session.app.url, admin.email, admin.password);

    // Create one extension by hand.
    await page.goto(`${base}/extensions`);
    await page.getByRole("button", { name: "New extension" }).click();
    await page.getByLabel("Number").fill("1006");
    await page.getByLabel("Display name").fill("Hand made");
    await page.getByRole("button", { name: "Create extension" }).click();
    await page.getByTestId("sip-password").waitFor();
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("link", { name: "Edit extension 1006" }).waitFor();
    await screenshot(page, "tenant-extensions");

    // CSV: the dry run lists both bad rows and writes nothing.
    const before = await extensionCount(domainId);
    await page.getByRole("button", { name: "Import CSV" }).click();
    await page
      .getByLabel("CSV file")
      .setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await page.getByTestId("csv-preview").waitFor();
    const problems = page.getByTestId("csv-problem");
    await expect(problems.count()).resolves.toBe(2);
    await expect(problems.nth(0).textContent()).resolves.toContain("Already used by an extension");
    await expect(problems.nth(1).textContent()).resolves.toContain("number: 2 to 10 digits");
    await expect(problems.nth(0).locator("td").first().textContent()).resolves.toBe("4");
    await screenshot(page, "tenant-csv-preview");
    expect(await extensionCount(domainId)).toBe(before);

    await page.getByRole("button", { name: "Import 3 extensions" }).click();
    await page.getByTestId("csv-outcome").waitFor();
    await page.getByRole("button", { name: "Download generated passwords" }).waitFor();
    await screenshot(page, "tenant-csv-done");
    expect(await extensionCount(domainId)).toBe(before + 3);
    await page.getByRole("button", { name: "Done" }).click();

    // The edit page shows every setting.
    await page.getByLabel("Search extensions").fill("1101");
    await page.getByRole("link", { name: "Edit extension 1101" }).click();
    await page.getByLabel("External number").waitFor();
    await expect(page.getByLabel("External number").inputValue()).resolves.toBe("+15551230101");
    await screenshot(page, "tenant-extension-edit");

    // Ring group 650: 1101 then 1102, falling back to 1001's voicemail.
    await page.goto(`${base}/ring-groups`);
    await page.getByRole("button", { name: "New ring group" }).click();
    await page.getByLabel("Number", { exact: true }).fill("650");
    await page.getByLabel("Name").fill("Support");
    await page.getByLabel("Strategy").selectOption("SEQUENTIAL");
    for (const number of ["1101", "1102"]) {
      await page.getByLabel("Find an extension to add").fill(number);
      await page.getByRole("button", { name: `Add ${number}` }).click();
    }
    await chooseDestination(page, "If nobody answers", "Voicemail box", "1001");
    await screenshot(page, "tenant-ring-group-dialog");
    await page.getByRole("button", { name: "Create ring group" }).click();
    await page.getByRole("button", { name: "Edit ring group 650" }).waitFor();
    await screenshot(page, "tenant-ring-groups");
    const group = await session.app.database.db.ringGroup.findFirstOrThrow({
      where: { domainId, number: "650" },
      include: { members: { orderBy: { position: "asc" }, include: { extension: true } } },
    });
    expect(group.members.map((m) => m.extension.number)).toEqual(["1101", "1102"]);

    // An IVR menu whose key 1 reaches the group.
    await page.goto(`${base}/ivr-menus`);
    await page.getByRole("button", { name: "New IVR menu" }).click();
    await page.getByLabel("Number", { exact: true }).fill("700");
    await page.getByLabel("Name").fill("Main menu");
    await page.getByLabel("Greeting").fill("say:Welcome to Acme. For support press 1.");
    await chooseDestination(page, "Goes to", "Ring group", "650");
    await page.getByRole("button", { name: "Create IVR menu" }).click();
    await page.getByRole("button", { name: "Edit IVR menu 700" }).waitFor();
    await screenshot(page, "tenant-ivr-menus");

    // Route the first demo number to the group (numbers.setDestination through the numbers page).
    const did = await session.app.database.db.phoneNumber.findFirstOrThrow({
      where: { domainId },
      orderBy: { e164: "asc" },
    });
    await page.goto(`${base}/numbers`);
    await page.getByRole("button", { name: `Set destination of ${did.e164}` }).click();
    await page.getByLabel("Destination", { exact: true }).selectOption({ label: "Ring group" });
    await page.getByLabel("Number in this domain").fill("650");
    await page.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(
        async () => (await session.app.database.db.phoneNumber.findUniqueOrThrow({ where: { id: did.id } })).destTarget,
      )
      .toBe("650");

    // The simulator follows the DID to the ring group and shows the XML.
    await page.goto(`${base}/simulator`);
    await page.getByLabel("Call from").selectOption("outside");
    await page.getByLabel("Number called (one of yours)").fill(did.e164);
    await page.getByRole("button", { name: "Simulate" }).click();
    const rules = page.getByTestId("matched-rule");
    await rules.nth(1).waitFor();
    await expect(rules.nth(1).textContent()).resolves.toContain('Ring group 650 "Support" (in turn): 1101, 1102');
    await expect(page.getByTestId("simulation-xml").nth(1).textContent()).resolves.toContain(
      "user/1101@acme.demo.switchboard",
    );
    await screenshot(page, "tenant-simulator");
    await page.close();
  });

  it("an end user changes call forwarding and cannot reach admin or other tenants' pages", async () => {
    const domainId = await acmeDomainId();
    const globex = await session.app.database.db.domain.findUniqueOrThrow({
      where: { name: "globex.demo.switchboard" },
    });
    const page = await session.browser.newPage({ viewport: { width: 390, height: 844 } });
    const user = demoLogin(session.app, /End user 1001, Acme/);
    await signIn(page, session.app.url, user.email, user.password);
    await page.goto(`${session.app.url}/t/${domainId}/me`);
    await page.getByRole("heading", { name: "My phone" }).waitFor();
    await page.getByRole("checkbox", { name: /^Forward all calls/ }).check();
    await page.getByLabel("Forward all calls: to").fill("+15557654321");
    await page.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(async () => session.app.database.db.extension.findFirstOrThrow({ where: { domainId, number: "1001" } }))
      .toMatchObject({ forwardAlwaysEnabled: true, forwardAlwaysTarget: "+15557654321" });
    await screenshot(page, "tenant-me-phone");

    // Only "My phone" in the navigation; admin pages and other tenants' pages refuse.
    await page.getByRole("button", { name: "Menu" }).click();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents()).resolves.toEqual([
      "My phone",
    ]);
    for (const path of [
      `/t/${domainId}/extensions`,
      `/t/${domainId}/ring-groups`,
      `/t/${domainId}/simulator`,
      `/t/${globex.id}/me`,
    ]) {
      await page.goto(`${session.app.url}${path}`);
      await page.getByRole("heading", { name: "Not found" }).waitFor();
    }
    await page.goto(`${session.app.url}/admin/tenants`);
    await page.getByRole("heading", { name: "Not allowed" }).waitFor();
    await expect(page.getByText("globex.demo.switchboard").count()).resolves.toBe(0);
    await screenshot(page, "tenant-me-admin-refused");
    await signOut(page);
    await page.close();
  });
});
