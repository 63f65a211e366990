import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRestHandler } from "@/server/api/rest/handler";
import { createDomainApiToken } from "@/server/apiTokens/service";
import { listenForConfigChanges, type ConfigListener } from "@/server/freeswitch/configListener";
import { defaultXmlCurlSettings, XmlCurlService } from "@/server/freeswitch/xmlCurlService";
import { createMohHandler } from "@/server/musicOnHold/httpHandler";
import { MAX_MOH_FILES, MAX_MOH_UPLOAD_BYTES } from "@/server/musicOnHold/schemas";
import { setHoldMusic, uploadMohFile } from "@/server/musicOnHold/service";
import { handleMohUpload } from "@/server/musicOnHold/uploadRoute";
import type { TenantContext } from "@/server/tenancy/context";
import { toneFile } from "../support/audio";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { eventually } from "../support/eventually";
import { createTwoTenants } from "../support/twoTenants";
import { readSharedFixture } from "../unit/freeswitch/sharedFixtures";
import { serveXmlCurl } from "./freeswitch/httpClient";
import { basicAuth, NODE, OTHER_NODE, seedSwitchboard, TENANT } from "./freeswitch/seed";

let t: TestDatabase;
const withAdminB = (db: TestDatabase["db"]) => createTwoTenants(db, { adminB: true });
let fx: Awaited<ReturnType<typeof withAdminB>>;
let tokens: { a: string; b: string };
let service: XmlCurlService;
let listener: ConfigListener;
let mohServer: Server;
let mohUrl: string;
const logs: string[] = [];
const mp3 = toneFile("mp3", 3);

async function tenantContext(domainId: string): Promise<TenantContext> {
  const domain = await t.db.domain.findUniqueOrThrow({ where: { id: domainId }, select: { id: true, name: true } });
  return {
    db: t.db,
    actor: { userId: null, tokenId: null, label: "test", ip: null },
    domain,
    role: "TENANT_ADMIN",
    extensionId: null,
  };
}

type Upload = { file?: Blob; fileName?: string; name?: string; headers?: Record<string, string>; raw?: BodyInit };

async function upload(domainId: string, { file, fileName = "jingle.mp3", name, headers, raw }: Upload) {
  let body: BodyInit | undefined = raw;
  if (!raw) {
    const form = new FormData();
    if (file) form.append("file", file, fileName);
    if (name !== undefined) form.append("name", name);
    body = form;
  }
  const url = `http://switchboard.test/api/v1/domains/${domainId}/music-on-hold/files`;
  const res = await handleMohUpload(new NextRequest(url, { method: "POST", body, headers }), domainId, t.db);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A copy in a plain ArrayBuffer, as Blob wants it. */
const blob = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const rest = (token: string, method: string, path: string, body?: unknown) =>
  createRestHandler({ db: () => t.db, rateLimit: { perSecond: 1000, burst: 1000 } })(
    new Request(`http://switchboard.test/api/v1${path}`, {
      method,
      headers: { ...bearer(token), "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );

const fetchFile = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${mohUrl}${path}`, { headers: { authorization: basicAuth(NODE.user, NODE.secret), ...headers } });

beforeAll(async () => {
  t = await createTestDatabase();
  // The tenants first: with no nodes yet they are placed on none, so every node serves them.
  fx = await withAdminB(t.db);
  await seedSwitchboard(t.db);
  tokens = {
    a: (await createDomainApiToken(await tenantContext(fx.domainA), { name: "a" })).token,
    b: (await createDomainApiToken(await tenantContext(fx.domainB), { name: "b" })).token,
  };
  service = new XmlCurlService(t.db, t.db, defaultXmlCurlSettings, (m) => logs.push(m));
  listener = listenForConfigChanges(t.url, service.cache, (m) => logs.push(m));
  mohServer = createServer(
    createMohHandler({ auth: service.auth, gate: (node, domain) => service.gate(node, domain), db: t.db }, (m) =>
      logs.push(m),
    ),
  );
  await new Promise<void>((resolve) => mohServer.listen(0, "127.0.0.1", resolve));
  mohUrl = `http://127.0.0.1:${(mohServer.address() as AddressInfo).port}`;
  await eventually(async () => expect(listener.connected()).toBe(true));
});

afterAll(async () => {
  await listener?.close();
  await new Promise((resolve) => mohServer?.close(resolve));
  await t?.drop();
});

describe("uploading hold music", () => {
  let fileId: string;

  it("stores a real MP3 as 8 kHz mono 16-bit WAV with its duration, audited", async () => {
    const res = await upload(fx.domainA, { file: blob(mp3), headers: bearer(tokens.a) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "jingle" });
    fileId = res.body.id as string;
    const row = await t.db.mohFile.findUniqueOrThrow({ where: { id: fileId } });
    const wav = Buffer.from(row.data);
    expect(wav.toString("latin1", 0, 4)).toBe("RIFF");
    expect(wav.toString("latin1", 8, 12)).toBe("WAVE");
    const fmt = wav.indexOf("fmt ", 12, "latin1");
    expect(wav.readUInt16LE(fmt + 8)).toBe(1); // PCM
    expect(wav.readUInt16LE(fmt + 10)).toBe(1); // mono
    expect(wav.readUInt32LE(fmt + 12)).toBe(8000);
    expect(wav.readUInt16LE(fmt + 22)).toBe(16);
    const data = wav.indexOf("data", 12, "latin1");
    expect(wav.readUInt32LE(data + 4)).toBe(wav.length - data - 8);
    expect(row.durationMs).toBe(Math.floor(((wav.length - data - 8) * 1000) / 16000));
    expect(row.durationMs).toBeGreaterThanOrEqual(3000);
    expect(row.durationMs).toBeLessThan(3100);
    expect(row.sizeBytes).toBe(wav.length);
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "music-on-hold.upload", entityId: fileId } });
    expect(audit.after).toMatchObject({ name: "jingle", durationMs: row.durationMs, sha256: row.sha256 });
  });

  it("works from the portal session too, with the name given in the form", async () => {
    const cookie = `next-auth.session-token=${await encode({ token: { sub: fx.adminAId }, secret: process.env.NEXTAUTH_SECRET! })}`;
    const wav = blob(toneFile("wav"));
    const res = await upload(fx.domainA, { file: wav, fileName: "x.wav", name: "Lobby", headers: { cookie } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Lobby", durationMs: 1000 });
    // A page of another site cannot use that session.
    const crossSite = await upload(fx.domainA, {
      file: wav,
      headers: { cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
  });

  it("refuses a text file renamed .mp3, bytes that only look like audio, and oversize uploads", async () => {
    const text = await upload(fx.domainA, {
      file: new Blob(["this is not music, only a text file\n"]),
      fileName: "song.mp3",
      headers: bearer(tokens.a),
    });
    expect(text).toEqual({
      status: 415,
      body: expect.objectContaining({ error: "Not a WAV, MP3, Ogg or FLAC file" }),
    });
    const fake = await upload(fx.domainA, {
      file: blob(Buffer.concat([Buffer.from("ID3"), Buffer.alloc(4000, 0x41)])),
      headers: bearer(tokens.a),
    });
    expect(fake).toEqual({ status: 422, body: expect.objectContaining({ error: "Not playable audio" }) });
    const huge = Buffer.concat([mp3, Buffer.alloc(MAX_MOH_UPLOAD_BYTES)]);
    const oversize = await upload(fx.domainA, { file: blob(huge), headers: bearer(tokens.a) });
    expect(oversize.status).toBe(413);
    expect(oversize.body.error).toMatch(/at most 20 MB/);
    const noFile = await upload(fx.domainA, { name: "x", headers: bearer(tokens.a) });
    expect(noFile.status).toBe(400);
    expect(await t.db.mohFile.count({ where: { domainId: fx.domainA } })).toBe(2);
  });

  it("caps the files per tenant", async () => {
    const ctx = await tenantContext(fx.domainB);
    const wav = toneFile("wav", 0.2);
    for (let i = 0; i < MAX_MOH_FILES; i++) await uploadMohFile(ctx, { name: `b${i}`, audio: wav });
    const over = await upload(fx.domainB, { file: blob(wav), fileName: "x.wav", headers: bearer(tokens.b) });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: "limit_exceeded", error: "A tenant may keep at most 20 hold music files" });
  });

  it("keeps tenants apart: B can neither list, delete nor upload into A", async () => {
    const listA = await rest(tokens.a, "GET", `/domains/${fx.domainA}/music-on-hold`);
    expect(listA.status).toBe(200);
    const body = (await listA.json()) as { files: { id: string }[]; choice: unknown };
    expect(body.choice).toBeNull();
    expect(body.files.map((f) => f.id)).toContain(fileId);
    expect((await rest(tokens.b, "GET", `/domains/${fx.domainA}/music-on-hold`)).status).toBe(404);
    expect((await rest(tokens.b, "DELETE", `/domains/${fx.domainB}/music-on-hold/files/${fileId}`)).status).toBe(404);
    await expect(fx.adminB.musicOnHold.get({ domainId: fx.domainA })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(fx.adminB.musicOnHold.deleteFile({ domainId: fx.domainB, id: fileId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const intoA = await upload(fx.domainA, { file: blob(mp3), headers: bearer(tokens.b) });
    expect(intoA.status).toBe(404);
    expect(await t.db.mohFile.count({ where: { id: fileId } })).toBe(1);
  });

  it("sets the choice and deletes a file over REST, audited", async () => {
    const put = await rest(tokens.a, "PUT", `/domains/${fx.domainA}/music-on-hold`, { choice: "moh/16000" });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ choice: "moh/16000" });
    expect((await rest(tokens.a, "PUT", `/domains/${fx.domainA}/music-on-hold`, { choice: "http://x" })).status).toBe(
      422,
    );
    const extra = await uploadMohFile(await tenantContext(fx.domainA), { name: "gone", audio: toneFile("wav", 0.2) });
    expect((await rest(tokens.a, "DELETE", `/domains/${fx.domainA}/music-on-hold/files/${extra.id}`)).status).toBe(204);
    expect(await t.db.mohFile.count({ where: { id: extra.id } })).toBe(0);
    const actions = (await t.db.auditLog.findMany({ where: { domainId: fx.domainA }, select: { action: true } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["music-on-hold.set", "music-on-hold.delete"]));
  });
});

describe("nodes fetching files", () => {
  let fileA: { id: string; sha256: string; data: Uint8Array };
  let pathA: string;

  beforeAll(async () => {
    fileA = await t.db.mohFile.findFirstOrThrow({ where: { domainId: fx.domainA }, orderBy: { createdAt: "asc" } });
    pathA = `/freeswitch/moh/a.example.com/${fileA.id}.wav`;
  });

  it("answers the WAV with its sha256 as ETag, immutable; 304 on If-None-Match", async () => {
    const res = await fetchFile(pathA);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/wav");
    expect(res.headers.get("etag")).toBe(`"${fileA.sha256}"`);
    expect(res.headers.get("cache-control")).toBe("max-age=31536000, immutable");
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(fileA.data))).toBe(true);
    const again = await fetchFile(pathA, { "if-none-match": `"${fileA.sha256}"` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await fetchFile(pathA, { "if-none-match": '"other"' })).status).toBe(200);
  });

  it("401 without credentials or with wrong ones, 405 for other methods", async () => {
    const bare = await fetch(`${mohUrl}${pathA}`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get("www-authenticate")).toBe('Basic realm="switchboard-moh"');
    expect((await fetchFile(pathA, { authorization: basicAuth(NODE.user, "wrong") })).status).toBe(401);
    const post = await fetch(`${mohUrl}${pathA}`, {
      method: "POST",
      headers: { authorization: basicAuth(NODE.user, NODE.secret) },
    });
    expect(post.status).toBe(405);
  });

  it("404 for a node not serving the domain, another tenant's file, unknown ids and bad paths", async () => {
    // a.example.com now only on fs-node-02: fs-node-01 no longer serves it.
    const other = await t.db.telephonyNode.findUniqueOrThrow({ where: { hostname: OTHER_NODE.hostname } });
    await t.db.domainAssignment.create({ data: { domainId: fx.domainA, nodeId: other.id } });
    service.cache.invalidate({ domain: "a.example.com" });
    expect((await fetchFile(pathA)).status).toBe(404);
    await t.db.domainAssignment.deleteMany({ where: { domainId: fx.domainA } });
    service.cache.invalidate({ domain: "a.example.com" });
    expect((await fetchFile(pathA)).status).toBe(200);

    expect((await fetchFile(`/freeswitch/moh/b.example.com/${fileA.id}.wav`)).status).toBe(404);
    expect((await fetchFile(`/freeswitch/moh/a.example.com/nope.wav`)).status).toBe(404);
    for (const bad of ["/freeswitch/moh/", "/freeswitch/moh/a.example.com/../x.wav", "/freeswitch/moh/A%00/x.wav"])
      expect((await fetchFile(bad)).status).toBe(404);
    expect(logs.filter((m) => m.includes("503"))).toEqual([]);
  });
});

describe("the dialplan answer", () => {
  const call = async (destination: string) => {
    const endpoint = await serveXmlCurl(service, logs);
    try {
      const reply = await endpoint.post(
        `Caller-Destination-Number=${destination}&Hunt-Destination-Number=${destination}&` +
          readSharedFixture("dialplan-sip-invite.body"),
        basicAuth(NODE.user, NODE.secret),
      );
      expect(reply.status).toBe(200);
      return reply.body;
    } finally {
      await endpoint.close();
    }
  };

  it("exports hold_music once the tenant chose it, from the node's own sb_moh_base", async () => {
    const before = await call("1002");
    expect(before).toContain('application="bridge"');
    expect(before).not.toContain("hold_music");

    const tenant1 = await t.db.domain.findUniqueOrThrow({ where: { name: TENANT }, select: { id: true } });
    const ctx = await tenantContext(tenant1.id);
    const first = await uploadMohFile(ctx, { name: "one", audio: mp3 });
    const second = await uploadMohFile(ctx, { name: "two", audio: toneFile("ogg") });
    await setHoldMusic(ctx, { choice: "uploaded" });
    const url = (id: string) => `http_cache://\${sb_moh_base}/${TENANT}/${id}.wav`;
    await eventually(async () =>
      expect(await call("1002")).toContain(
        `<action application="export" data="hold_music=file_string://${url(first.id)}!${url(second.id)}"/>`,
      ),
    );
    // Ring groups and outbound calls carry it too; no credentials ever appear.
    expect(await call("600")).toContain(`hold_music=file_string://${url(first.id)}`);
    const outbound = await call("030123");
    expect(outbound).toContain("hold_music=");
    expect(outbound).not.toContain(NODE.secret);

    await setHoldMusic(ctx, { choice: "moh" });
    await eventually(async () =>
      expect(await call("1002")).toContain('<action application="export" data="hold_music=local_stream://moh"/>'),
    );
  });
});
