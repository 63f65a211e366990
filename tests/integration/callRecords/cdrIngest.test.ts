import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { capturedPostNames, readCapturedPost, readSpoolFile, spoolFileNames } from "../../unit/callRecords/cdrFixtures";
import { EXPECTED_LEGS } from "../../unit/callRecords/expectedLegs";
import {
  basicAuth,
  CAPTURE_DOMAIN,
  CAPTURE_NODE,
  freshUuids,
  OTHER_NODE,
  renameUuids,
  replayOf,
  seedCaptureWorld,
  serveCdr,
} from "./cdrTestbed";

type Row = {
  call_uuid: string;
  leg: string;
  domain_id: string | null;
  node_id: string | null;
  a_leg_uuid: string;
  direction: string;
  disposition: string;
  hangup_cause: string;
  caller_number: string;
  destination_number: string;
  extension: string | null;
  bill_sec: number;
  variables: Record<string, string>;
};

let t: TestDatabase;
let sql: pg.Pool;
let seeded: Awaited<ReturnType<typeof seedCaptureWorld>>;
let endpoint: Awaited<ReturnType<typeof serveCdr>>;
const logs: string[] = [];

const rows = async (where = "TRUE", params: unknown[] = []) =>
  (await sql.query<Row>(`SELECT * FROM call_record WHERE ${where} ORDER BY call_uuid, leg`, params)).rows;

const JSON_HEADERS = {
  Authorization: basicAuth(CAPTURE_NODE.user, CAPTURE_NODE.secret),
  "Content-Type": "application/x-www-form-urlencoded",
  "User-Agent": "freeswitch-json/1.0",
};

/** A capture's body as text, e.g. to post it again under new uuids. */
const captured = (name: string) => readCapturedPost(name).body.toString("utf8");

beforeAll(async () => {
  t = await createTestDatabase();
  sql = new pg.Pool({ connectionString: t.url, max: 2 });
  seeded = await seedCaptureWorld(t.db);
  endpoint = await serveCdr(t.db, t.url, logs);
});

afterAll(async () => {
  await endpoint?.close();
  await sql?.end();
  await t?.drop();
});

describe("POST /freeswitch/cdr with every captured post and spool file", () => {
  // b-legs first, as FreeSWITCH usually posts them: the gateway b-leg must still end on its tenant.
  const names = capturedPostNames().sort((x, y) => (x.includes(".b-leg.") ? 0 : 1) - (y.includes(".b-leg.") ? 0 : 1));

  it("answers 200 to each capture, replayed byte for byte with its own headers", async () => {
    for (const name of names) {
      const post = readCapturedPost(name);
      const { headers, query } = replayOf(post);
      const reply = await endpoint.post(post.body, headers, query);
      expect({ name, status: reply.status, body: reply.body }).toEqual({ name, status: 200, body: "stored\n" });
    }
    for (const name of spoolFileNames()) {
      const content = readSpoolFile(name);
      const reply = await endpoint.post(name.endsWith(".cdr.xml") ? `cdr=${content}` : content, JSON_HEADERS);
      expect({ name, status: reply.status }).toEqual({ name, status: 200 });
    }
  });

  it("stores each leg exactly once (json and xml posts of one leg, spool copies and all)", async () => {
    const stored = await rows();
    expect(stored).toHaveLength(Object.keys(EXPECTED_LEGS).length);
    for (const [key, expected] of Object.entries(EXPECTED_LEGS)) {
      const row = stored.find((r) => r.call_uuid === expected.callUuid);
      expect({ key, row }).toMatchObject({
        key,
        row: {
          leg: key.endsWith(".b") ? "b" : "a",
          a_leg_uuid: expected.aLegUuid,
          direction: expected.direction,
          disposition: expected.disposition,
          hangup_cause: expected.hangupCause,
          caller_number: expected.callerNumber,
          destination_number: expected.destinationNumber,
          extension: expected.extension,
          bill_sec: expected.billSec,
        },
      });
    }
  });

  it("puts every leg on cap.example.com and the node vm, the gateway b-leg included", async () => {
    const stored = await rows();
    expect(stored.every((r) => r.domain_id === seeded.domainId && r.node_id === seeded.nodeId)).toBe(true);
    const gatewayLeg = stored.find((r) => r.call_uuid === EXPECTED_LEGS["04.b"]?.callUuid);
    expect(gatewayLeg?.variables.sip_gateway_name).toBe("carrier");
  });

  it("stores a duplicate post once and still answers 200 (FreeSWITCH must not retry it)", async () => {
    const before = (await rows()).length;
    for (const name of names.slice(0, 4)) {
      const post = readCapturedPost(name);
      const { headers, query } = replayOf(post);
      expect((await endpoint.post(post.body, headers, query)).status).toBe(200);
    }
    expect(await rows()).toHaveLength(before);
  });
});

describe("tenant attribution", () => {
  it("gives a gateway b-leg posted after its a-leg the a-leg's tenant", async () => {
    const a = EXPECTED_LEGS["04.a"]?.callUuid as string;
    const b = EXPECTED_LEGS["04.b"]?.callUuid as string;
    const renames = freshUuids([a, b]);
    const aName = "04-outbound-gateway-1001-12125551234.a-leg.json_cdr.http";
    expect((await endpoint.post(renameUuids(captured(aName), renames), JSON_HEADERS)).status).toBe(200);
    const bName = "04-outbound-gateway-1001-12125551234.b-leg.xml_cdr.http";
    expect((await endpoint.post(renameUuids(captured(bName), renames), JSON_HEADERS)).status).toBe(200);
    const [row] = await rows("call_uuid = $1", [renames.get(b)]);
    expect(row).toMatchObject({ leg: "b", a_leg_uuid: renames.get(a), domain_id: seeded.domainId });
  });

  it("finds an inbound call's tenant by the dialled DID when the call names no domain", async () => {
    const a = EXPECTED_LEGS["05.a"]?.callUuid as string;
    const renames = freshUuids([a]);
    const doc = JSON.parse(renameUuids(captured("05-inbound-did-15557770001-to-1002.a-leg.json_cdr.http"), renames));
    delete doc.variables.domain_name;
    delete doc.variables.dialed_domain;
    expect((await endpoint.post(JSON.stringify(doc), JSON_HEADERS)).status).toBe(200);
    const [row] = await rows("call_uuid = $1", [renames.get(a)]);
    expect(row).toMatchObject({ direction: "INBOUND", domain_id: seeded.domainId, destination_number: "15557770001" });
  });

  it("does not believe the From host of a public caller", async () => {
    const a = EXPECTED_LEGS["05.a"]?.callUuid as string;
    const renames = freshUuids([a]);
    const doc = JSON.parse(renameUuids(captured("05-inbound-did-15557770001-to-1002.a-leg.json_cdr.http"), renames));
    delete doc.variables.domain_name;
    delete doc.variables.dialed_domain;
    doc.variables.sip_from_host = CAPTURE_DOMAIN;
    doc.variables.presence_id = `1001%40${CAPTURE_DOMAIN}`;
    doc.callflow[0].caller_profile.destination_number = "15550000000"; // nobody's DID
    expect((await endpoint.post(JSON.stringify(doc), JSON_HEADERS)).status).toBe(200);
    const [row] = await rows("call_uuid = $1", [renames.get(a)]);
    expect(row).toMatchObject({ direction: "INBOUND", domain_id: null });
  });

  it("gives an a-leg stored without a tenant the tenant its b-leg names, when the b-leg arrives", async () => {
    const a = EXPECTED_LEGS["05.a"]?.callUuid as string;
    const b = EXPECTED_LEGS["05.b"]?.callUuid as string;
    const renames = freshUuids([a, b]);
    const doc = JSON.parse(renameUuids(captured("05-inbound-did-15557770001-to-1002.a-leg.json_cdr.http"), renames));
    delete doc.variables.domain_name;
    delete doc.variables.dialed_domain;
    doc.callflow[0].caller_profile.destination_number = "15550000001"; // nobody's DID
    expect((await endpoint.post(JSON.stringify(doc), JSON_HEADERS)).status).toBe(200);
    expect((await rows("call_uuid = $1", [renames.get(a)]))[0]?.domain_id).toBeNull();
    const bLeg = renameUuids(captured("05-inbound-did-15557770001-to-1002.b-leg.json_cdr.http"), renames);
    expect((await endpoint.post(bLeg, JSON_HEADERS)).status).toBe(200);
    const legs = await rows("a_leg_uuid = $1", [renames.get(a)]);
    expect(Object.fromEntries(legs.map((r) => [r.leg, r.domain_id]))).toEqual({
      a: seeded.domainId,
      b: seeded.domainId,
    });
  });

  it("keeps a record of an unknown domain for the platform (domain null), never drops it", async () => {
    const a = EXPECTED_LEGS["01.a"]?.callUuid as string;
    const renames = freshUuids([a]);
    const body = renameUuids(captured("01-answered-1001-1002.a-leg.xml_cdr.http"), renames).replaceAll(
      "cap.example.com",
      "nobody.example.net",
    );
    expect((await endpoint.post(body, JSON_HEADERS)).status).toBe(200);
    const [row] = await rows("call_uuid = $1", [renames.get(a)]);
    expect(row).toMatchObject({ domain_id: null, node_id: seeded.nodeId, hangup_cause: "NORMAL_CLEARING" });
    expect(row?.variables.domain_name).toBe("nobody.example.net");
  });
});

describe("what the endpoint refuses", () => {
  const body = () => captured("03-unregistered-1001-1003.a-leg.json_cdr.http");

  it("answers 401 without credentials or with a wrong secret, and stores nothing", async () => {
    const a = EXPECTED_LEGS["03.a"]?.callUuid as string;
    const renames = freshUuids([a]);
    const renamed = renameUuids(body(), renames);
    const noAuth = await endpoint.post(renamed, { "Content-Type": "application/x-www-form-urlencoded" });
    expect(noAuth.status).toBe(401);
    expect(noAuth.headers.get("www-authenticate")).toMatch(/^Basic /);
    const wrong = await endpoint.post(renamed, {
      ...JSON_HEADERS,
      Authorization: basicAuth(CAPTURE_NODE.user, "nope"),
    });
    expect(wrong.status).toBe(401);
    expect(await rows("call_uuid = $1", [renames.get(a)])).toHaveLength(0);
  });

  it("answers 403 when a node posts a CDR another host wrote", async () => {
    const reply = await endpoint.post(body(), {
      ...JSON_HEADERS,
      Authorization: basicAuth(OTHER_NODE.user, OTHER_NODE.secret),
    });
    expect(reply.status).toBe(403);
    expect(reply.body).toMatch(/written by vm, not by node fs-other/);
  });

  it.each([
    ["a form of another kind", "hostname=vm&section=directory", /expected JSON, XML or a cdr= form field/],
    ["truncated JSON", body().slice(0, 500), /not valid JSON/],
    ["an XML document that is no CDR", "cdr=%3Cdocument%2F%3E", /no <cdr><variables>/],
  ])("answers 400 with a clear message to %s", async (_what, payload, message) => {
    const reply = await endpoint.post(payload, JSON_HEADERS);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatch(message);
  });
});
