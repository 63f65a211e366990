import { describe, expect, it } from "vitest";
import { CdrParseError } from "@/server/callRecords/cdrParseError";
import { extractCdrRecord } from "@/server/callRecords/extractCdrRecord";
import { parseCdrBody } from "@/server/callRecords/parseCdrBody";
import { parseXmlCdr } from "@/server/callRecords/parseXmlCdr";
import { capturedPostNames, fixtureLeg, readCapturedPost, readSpoolFile, spoolFileNames } from "./cdrFixtures";
import { EXPECTED_LEGS } from "./expectedLegs";

const recordOf = (body: string) => extractCdrRecord(parseCdrBody(body));

describe("captured mod_json_cdr / mod_xml_cdr posts", () => {
  it("covers every scenario and leg of the captures", () => {
    const keys = new Set(capturedPostNames().map((n) => `${fixtureLeg(n).scenario}.${fixtureLeg(n).leg}`));
    expect([...keys].sort()).toEqual(Object.keys(EXPECTED_LEGS).sort());
  });

  it.each(capturedPostNames())("%s reads as the leg it is", (name) => {
    const post = readCapturedPost(name);
    const { scenario, leg, format } = fixtureLeg(name);
    const expected = EXPECTED_LEGS[`${scenario}.${leg}`];
    const raw = parseCdrBody(post.body.toString("utf8"));
    expect(raw.format).toBe(format);
    expect(raw.switchname).toBe("vm");
    const r = extractCdrRecord(raw);
    expect(r).toMatchObject({
      callUuid: expected?.callUuid,
      leg,
      aLegUuid: expected?.aLegUuid,
      direction: expected?.direction,
      disposition: expected?.disposition,
      hangupCause: expected?.hangupCause,
      callerNumber: expected?.callerNumber,
      destinationNumber: expected?.destinationNumber,
      extension: expected?.extension,
      billSec: expected?.billSec,
      domainHints: expected?.hints,
      inboundDialed: expected?.inboundDialed,
    });
    // xml_cdr's query string names the a-leg a_<uuid> (prefix-a-leg); json_cdr's never does.
    expect(post.target).toContain(r.callUuid);
    expect(r.endedAt.getTime()).toBeGreaterThanOrEqual(r.startedAt.getTime());
    expect(r.answeredAt === null).toBe(r.disposition !== "ANSWERED");
    // Values decoded once more (presence_id came as 1001%40cap.example.com).
    if (r.variables.presence_id) expect(r.variables.presence_id).toMatch(/^\d+@cap\.example\.com$/);
    expect(Object.values(r.variables).every((v) => v.length <= 256)).toBe(true);
  });

  it.each(capturedPostNames().filter((n) => n.includes(".json_cdr")))(
    "%s and its xml_cdr twin describe the same leg at the same instant",
    (jsonName) => {
      const xmlName = capturedPostNames().find((n) => n === jsonName.replace(".json_cdr", ".xml_cdr"));
      if (!xmlName) return expect(jsonName).toMatch(/^09-/); // call 09's xml_cdr copy is only in the spool
      const { variables: jv, ...json } = recordOf(readCapturedPost(jsonName).body.toString());
      const { variables: xv, ...xml } = recordOf(readCapturedPost(xmlName).body.toString());
      expect(json).toEqual({ ...xml, switchname: json.switchname });
      expect(jv.hangup_cause_q850).toBe(xv.hangup_cause_q850);
    },
  );
});

describe("the other encodings the modules can be set to", () => {
  const json = readCapturedPost("01-answered-1001-1002.a-leg.json_cdr.http").body.toString("utf8");
  const xml = decodeURIComponent(
    readCapturedPost("01-answered-1001-1002.a-leg.xml_cdr.http").body.toString("utf8").slice(4).replace(/\+/g, " "),
  );
  const { variables: _v, ...expected } = recordOf(json);

  it.each([
    ["json_cdr encode=true (cdr=<urlencoded JSON>)", `cdr=${encodeURIComponent(json)}`],
    ["json_cdr encode=base64", `cdr=${Buffer.from(json).toString("base64")}`],
    ["xml_cdr encode=base64", `cdr=${Buffer.from(xml).toString("base64")}`],
    ["xml_cdr encode=false (raw XML)", xml],
  ])("%s reads as the same leg", (_what, body) => {
    const { variables: _ignored, ...record } = recordOf(body);
    expect(record).toEqual(expected);
  });
});

describe("spooled err-log-dir files", () => {
  it.each(spoolFileNames())("%s reads as the a-leg it spooled", (name) => {
    const content = readSpoolFile(name);
    // The pick-up tool posts xml_cdr spool files as cdr=<content>; json ones as they are.
    const body = name.endsWith(".cdr.xml") ? `cdr=${content}` : content;
    const r = recordOf(body);
    const expected = EXPECTED_LEGS[`${fixtureLeg(name).scenario}.a`];
    expect(name).toContain(`a_${r.callUuid}`);
    expect(r).toMatchObject({ callUuid: expected?.callUuid, leg: "a", hangupCause: expected?.hangupCause });
    // A spooled xml file posted without the field name still reads.
    if (name.endsWith(".cdr.xml")) expect(recordOf(content).callUuid).toBe(r.callUuid);
  });
});

describe("bodies that are not CDRs", () => {
  it.each([
    ["an empty body", "", /expected JSON, XML/],
    ["a form without cdr", "hostname=vm&section=directory", /expected JSON, XML/],
    ["broken JSON", '{"variables":', /not valid JSON/],
    ["JSON without variables", '{"core-uuid":"x"}', /no variables object/],
    ["broken XML", "cdr=%3Ccdr%3E%3Cvariables%3E", /not well-formed XML/],
    ["XML that is no CDR", "<document><section/></document>", /no <cdr><variables>/],
    ["a CDR without a uuid", '{"variables":{"start_uepoch":"1796165029804114"}}', /no channel uuid/],
    ["a CDR without a start", '{"variables":{"uuid":"87eb558d-98d8-49f2-a616-640392d6fd61"}}', /no start time/],
    ["an invalid uuid", '{"variables":{"uuid":"x y","start_uepoch":"1"}}', /channel uuid/],
  ])("%s is rejected with a clear message", (_what, body, message) => {
    expect(() => recordOf(body)).toThrowError(CdrParseError);
    expect(() => recordOf(body)).toThrowError(message);
  });

  it("keeps a value that does not URL-decode as it came", () => {
    const r = recordOf('{"variables":{"uuid":"u-1","start_uepoch":"1000000","sip_user_agent":"100%"}}');
    expect(r.variables.sip_user_agent).toBe("100%");
  });

  it("cuts a hostile caller name instead of refusing the call's record", () => {
    const name = "A".repeat(5000);
    const r = recordOf(
      JSON.stringify({
        variables: { uuid: "u-3", start_uepoch: "1000000" },
        callflow: [{ caller_profile: { caller_id_name: name } }],
      }),
    );
    expect(r.callerName).toBe(name.slice(0, 128));
  });

  it("reads the original callflow when a call was transferred (newest first)", () => {
    const xml =
      '<cdr switchname="vm"><variables><uuid>u-2</uuid><start_uepoch>1000000</start_uepoch></variables>' +
      "<callflow><caller_profile><destination_number>1002</destination_number></caller_profile></callflow>" +
      "<callflow><caller_profile><destination_number>600</destination_number></caller_profile></callflow></cdr>";
    expect(extractCdrRecord(parseXmlCdr(xml)).destinationNumber).toBe("600");
  });
});
