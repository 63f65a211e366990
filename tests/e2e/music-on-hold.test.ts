import { describe, expect, it } from "vitest";
import { toneFile } from "../support/audio";
import { browserSession, screenshot, signIn } from "../support/browser";
import { demoLogin } from "../support/testApp";

const session = browserSession();

describe("music on hold in the browser", () => {
  it("a tenant admin uploads a file (a fake one is refused inline), plays the uploads on hold, deletes it", async () => {
    const domain = await session.app.database.db.domain.findUniqueOrThrow({ where: { name: "acme.demo.switchboard" } });
    const page = await session.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const admin = demoLogin(session.app, /Tenant admin, Acme/);
    await signIn(page, session.app.url, admin.email, admin.password);

    await page.goto(`${session.app.url}/t/${domain.id}/music-on-hold`);
    await page.getByText("No files yet.").waitFor();
    const fileInput = page.getByLabel("Audio file");
    await fileInput.setInputFiles({ name: "song.mp3", mimeType: "audio/mpeg", buffer: Buffer.from("just text\n") });
    await page.getByRole("button", { name: "Upload" }).click();
    await page.getByText("Not a WAV, MP3, Ogg or FLAC file").waitFor();
    await screenshot(page, "tenant-music-on-hold-error");

    await page.getByLabel("Name").fill("Lobby jingle");
    await fileInput.setInputFiles({ name: "jingle.mp3", mimeType: "audio/mpeg", buffer: toneFile("mp3", 2) });
    await page.getByRole("button", { name: "Upload" }).click();
    const row = page.getByRole("row", { name: /Lobby jingle/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("0:02");
    expect(await page.getByText("Not a WAV, MP3, Ogg or FLAC file").count()).toBe(0);

    await page.getByLabel("Callers on hold hear").selectOption("uploaded");
    await page.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(
        async () => (await session.app.database.db.domain.findUniqueOrThrow({ where: { id: domain.id } })).holdMusic,
      )
      .toBe("uploaded");
    await screenshot(page, "tenant-music-on-hold");

    const file = await session.app.database.db.mohFile.findFirstOrThrow({ where: { domainId: domain.id } });
    expect(file).toMatchObject({ name: "Lobby jingle" });
    expect(
      await session.app.database.db.auditLog.count({ where: { action: "music-on-hold.upload", entityId: file.id } }),
    ).toBe(1);

    await page.getByRole("button", { name: "Delete Lobby jingle" }).click();
    await page.getByRole("button", { name: "Delete file" }).click();
    await page.getByText("No files yet.").waitFor();
    await page.getByText("No files uploaded yet: calls get the node's default until you upload one.").waitFor();
    expect(await session.app.database.db.mohFile.count({ where: { domainId: domain.id } })).toBe(0);
    await page.close();
  });
});
