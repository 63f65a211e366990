import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { DomainAttributor } from "@/server/callRecords/attributeDomain";
import { CallRecordWriter, defaultWriterOptions } from "@/server/callRecords/callRecordWriter";
import { createCdrHandler } from "@/server/callRecords/httpHandler";
import type { Db } from "@/server/db/client";
import { defaultXmlCurlSettings, XmlCurlService } from "@/server/freeswitch/xmlCurlService";
import { hashPassword } from "@/server/security/password";
import { seal } from "@/server/security/secretBox";
import { sipA1Hash } from "@/server/security/sipCredentials";
import type { CapturedPost } from "../../unit/callRecords/cdrFixtures";

/** The node of the captures: hostname `vm`, CDR credentials cdruser:CapCdrPass (as in every cdr/*.http). */
export const CAPTURE_NODE = { hostname: "vm", user: "cdruser", secret: "CapCdrPass" };
export const OTHER_NODE = { hostname: "fs-other", user: "fs-other", secret: "other-secret" };
export const CAPTURE_DOMAIN = "cap.example.com";
export const CAPTURE_DID = "+15557770001";

export function basicAuth(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`).toString("base64")}`;
}

/** What the captures talk about: cap.example.com with 1001–1003, its DID, the node `vm` (and one more node). */
export async function seedCaptureWorld(db: Db) {
  const node = await db.telephonyNode.create({
    data: {
      hostname: CAPTURE_NODE.hostname,
      sipAddress: "127.0.0.1",
      eslHost: "127.0.0.1",
      eslPasswordEnc: seal("ClueCon"),
      xmlCurlUser: CAPTURE_NODE.user,
      xmlCurlSecretHash: await hashPassword(CAPTURE_NODE.secret),
      allowedSources: ["127.0.0.0/8", "::1/128"],
    },
  });
  const otherNode = await db.telephonyNode.create({
    data: {
      hostname: OTHER_NODE.hostname,
      sipAddress: "127.0.0.2",
      eslHost: "127.0.0.2",
      eslPasswordEnc: seal("ClueCon"),
      xmlCurlUser: OTHER_NODE.user,
      xmlCurlSecretHash: await hashPassword(OTHER_NODE.secret),
    },
  });
  const domain = await db.domain.create({ data: { name: CAPTURE_DOMAIN, displayName: "Capture" } });
  for (const number of ["1001", "1002", "1003"])
    await db.extension.create({
      data: {
        domainId: domain.id,
        number,
        displayName: `Cap ${number}`,
        sipA1Hash: sipA1Hash(number, CAPTURE_DOMAIN, `Cap${number}Pass`),
      },
    });
  await db.phoneNumber.create({
    data: { e164: CAPTURE_DID, domainId: domain.id, destType: "EXTENSION", destTarget: "1002" },
  });
  return { nodeId: node.id, otherNodeId: otherNode.id, domainId: domain.id };
}

export type Reply = { status: number; body: string; headers: Headers };

/** The real CDR handler on a loopback port, over its own pg pool (as in production). */
export async function serveCdr(db: Db, databaseUrl: string, logs: string[] = []) {
  const service = new XmlCurlService(db, db, defaultXmlCurlSettings, (m) => logs.push(m));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const writer = new CallRecordWriter(pool, defaultWriterOptions);
  const handler = createCdrHandler({ auth: service.auth, attributor: new DomainAttributor(pool), writer }, (m) =>
    logs.push(m),
  );
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/freeswitch/cdr`;
  return {
    url,
    writer,
    post: (body: string | Buffer, headers: Record<string, string>, query = "") =>
      postTo(`${url}${query}`, body, headers),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

export async function postTo(url: string, body: string | Buffer, headers: Record<string, string>): Promise<Reply> {
  const res = await fetch(url, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

/** A capture's own headers (its Basic credentials included) and its query string, for replaying it as sent. */
export function replayOf(post: CapturedPost): { headers: Record<string, string>; query: string } {
  const { authorization = "", "content-type": contentType = "", "user-agent": userAgent = "" } = post.headers;
  const q = post.target.indexOf("?");
  return {
    headers: { Authorization: authorization, "Content-Type": contentType, "User-Agent": userAgent },
    query: q === -1 ? "" : post.target.slice(q),
  };
}

/** Fresh uuids for the given ones: one call replayed as a new call, its legs still linked. */
export function freshUuids(uuids: readonly string[]): Map<string, string> {
  return new Map(uuids.map((u) => [u, randomUUID()]));
}

export function renameUuids(body: string, renames: ReadonlyMap<string, string>): string {
  let out = body;
  for (const [from, to] of renames) out = out.replaceAll(from, to);
  return out;
}
