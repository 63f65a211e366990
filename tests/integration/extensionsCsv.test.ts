import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sipA1Hash } from "@/server/security/sipCredentials";
import { open } from "@/server/security/secretBox";
import { createTestDatabase, type TestDatabase } from "../support/database";
import type { callerAs } from "../support/callers";
import { createTwoTenants } from "../support/twoTenants";

let t: TestDatabase;
let adminA: Awaited<ReturnType<typeof callerAs>>;
let adminB: Awaited<ReturnType<typeof callerAs>>;
let domainA: string;
let domainB: string;

beforeAll(async () => {
  t = await createTestDatabase();
  ({ domainA, domainB, adminA, adminB } = await createTwoTenants(t.db, {
    a: { maxExtensions: 6 },
    b: { maxExtensions: 20_000 },
    adminB: true,
  }));
  await adminA.extensions.create({ domainId: domainA, number: "1001", displayName: "Existing" });
  await t.db.ringGroup.create({ data: { domainId: domainA, number: "600", name: "Sales" } });
});

afterAll(async () => {
  await t?.drop();
});

const FILE = [
  "number,displayName,voicemailEnabled,voicemailEmail,externalCallerIdNumber,sipPassword",
  "2001,Alice,true,alice@a.example.com,+15551230001,Str0ngPassword99",
  "",
  '2002,"Bob, ""the builder""\nSecond line",no,,,',
  "2003,Carol,maybe,,,",
  "2001,Alice again,,,,",
  "1001,Clash with extension,,,,",
  "600,Clash with ring group,,,,",
  "9,Too short,,,,",
  "2004,Dan,1,,,weak",
  "2005,Eve,,,,",
  "2006,Frank,,,,",
  "2007,Grace,,,,",
  "2008,Over the limit,,,,",
].join("\r\n");

describe("extension CSV preview (dry run)", () => {
  it("lists every invalid row with its line and reason, and writes nothing", async () => {
    const before = await t.db.extension.count();
    const preview = await adminA.extensions.previewCsv({ domainId: domainA, csv: FILE });
    expect(preview.fileError).toBeNull();
    expect(preview.total).toBe(12);
    expect(preview.problems).toEqual([
      { line: 6, number: "2003", reason: "voicemailEnabled: true or false" },
      { line: 7, number: "2001", reason: "Duplicate of line 2" },
      { line: 8, number: "1001", reason: "Already used by an extension" },
      { line: 9, number: "600", reason: "Already used by a ring group" },
      { line: 10, number: "9", reason: "number: 2 to 10 digits" },
      { line: 11, number: "2004", reason: "sipPassword: At least 12 characters" },
      { line: 15, number: "2008", reason: "Over the domain's limit of 6 extensions" },
    ]);
    // Blank line 3 and the quoted two-line cell (lines 4-5) keep later line numbers true to the file.
    expect(preview.valid.map((r) => [r.line, r.extension.number])).toEqual([
      [2, "2001"],
      [4, "2002"],
      [12, "2005"],
      [13, "2006"],
      [14, "2007"],
    ]);
    expect(preview.valid[1]!.extension).toMatchObject({
      displayName: 'Bob, "the builder"\nSecond line',
      voicemailEnabled: false,
    });
    expect(await t.db.extension.count()).toBe(before);
    expect(await t.db.auditLog.count({ where: { action: "extension.import" } })).toBe(0);
  });

  it("rejects a file whose header is wrong", async () => {
    const unknown = await adminA.extensions.previewCsv({
      domainId: domainA,
      csv: "number,displayName,password\n2001,A,x",
    });
    expect(unknown).toMatchObject({ fileError: "Unknown column: password", valid: [] });
    const missing = await adminA.extensions.previewCsv({ domainId: domainA, csv: "number\n2001" });
    expect(missing.fileError).toBe("Missing column: displayName");
    expect((await adminA.extensions.previewCsv({ domainId: domainA, csv: "" })).fileError).toBe("The file is empty");
  });
});

describe("extension CSV import", () => {
  it("writes a batch with an audit row each, one cluster change, and returns only generated secrets", async () => {
    const preview = await adminA.extensions.previewCsv({ domainId: domainA, csv: FILE });
    const revisionsBefore = await t.db.clusterRevision.count();
    const result = await adminA.extensions.importCsv({ domainId: domainA, rows: preview.valid });
    expect(result.created).toBe(5);
    expect(result.skipped).toEqual([]);
    expect(result.generated.map((g) => g.number)).toEqual(["2001", "2002", "2005", "2006", "2007"]);
    // 2001 chose its SIP password: only its generated voicemail PIN comes back.
    expect(result.generated[0]).toMatchObject({ number: "2001", sipPassword: null });
    expect(result.generated[1]).toMatchObject({ voicemailPin: null }); // voicemail off for 2002

    const alice = await t.db.extension.findFirstOrThrow({ where: { domainId: domainA, number: "2001" } });
    expect(alice.sipA1Hash).toBe(sipA1Hash("2001", "a.example.com", "Str0ngPassword99"));
    expect(alice).toMatchObject({ voicemailEmail: "alice@a.example.com", externalCallerIdNumber: "+15551230001" });
    expect(open(alice.voicemailPinEnc!)).toBe(result.generated[0]!.voicemailPin);
    const eve = await t.db.extension.findFirstOrThrow({ where: { domainId: domainA, number: "2005" } });
    expect(eve.sipA1Hash).toBe(sipA1Hash("2005", "a.example.com", result.generated[2]!.sipPassword!));

    expect(await t.db.auditLog.count({ where: { action: "extension.import", domainId: domainA } })).toBe(5);
    expect(await t.db.clusterRevision.count()).toBe(revisionsBefore + 1);
    const outbox = await t.db.outboxEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(outbox).toMatchObject({
      topic: "freeswitch.flush-user",
      payload: { domain: "a.example.com", users: ["2001", "2002", "2005", "2006", "2007"] },
    });
  });

  it("skips rows whose number was taken since the preview, and enforces the limit", async () => {
    await t.db.domain.update({ where: { id: domainA }, data: { maxExtensions: 7 } });
    const preview = await adminA.extensions.previewCsv({
      domainId: domainA,
      csv: "number,displayName\n3001,A\n3002,B",
    });
    expect(preview.valid).toHaveLength(1); // 6 of 7 exist: room for one
    await adminA.extensions.create({ domainId: domainA, number: "3001", displayName: "Raced" });
    const result = await adminA.extensions.importCsv({ domainId: domainA, rows: preview.valid });
    expect(result).toMatchObject({
      created: 0,
      skipped: [{ line: 2, number: "3001", reason: "Already used by an extension" }],
    });
    const stale = [{ line: 3, extension: { number: "3002", displayName: "B" } }];
    await expect(adminA.extensions.importCsv({ domainId: domainA, rows: stale })).rejects.toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
    });
    expect(await t.db.extension.count({ where: { domainId: domainA } })).toBe(7);
  });

  it("re-validates rows sent back and is scoped to the caller's domain", async () => {
    const bad = [{ line: 2, extension: { number: "x", displayName: "" } }];
    await expect(adminA.extensions.importCsv({ domainId: domainA, rows: bad })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      adminB.extensions.previewCsv({ domainId: domainA, csv: "number,displayName\n1,a" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adminB.extensions.exportCsv({ domainId: domainA })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("extension CSV export", () => {
  it("exports without secrets, escapes formulas, and imports again elsewhere", async () => {
    await adminA.extensions.update({
      domainId: domainA,
      id: (await t.db.extension.findFirstOrThrow({ where: { number: "2006" } })).id,
      displayName: "=HYPERLINK(1)",
    });
    const { csv, filename } = await adminA.extensions.exportCsv({ domainId: domainA });
    expect(filename).toBe("extensions-a.example.com.csv");
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true });
    expect(parsed.meta.fields).not.toContain("sipPassword");
    expect(parsed.meta.fields).not.toContain("voicemailPin");
    expect(parsed.data.map((r) => r.number)).toEqual(["1001", "2001", "2002", "2005", "2006", "2007", "3001"]);
    expect(parsed.data.find((r) => r.number === "2006")!.displayName).toBe("'=HYPERLINK(1)");
    expect(parsed.data.find((r) => r.number === "2001")).toMatchObject({
      externalCallerIdNumber: "+15551230001",
      voicemailEnabled: "true",
      tollAllow: "local;domestic",
    });

    const again = await adminB.extensions.previewCsv({ domainId: domainB, csv });
    expect(again.problems).toEqual([]);
    expect(again.valid).toHaveLength(7);
  });

  it("pages through a large domain: 10,000 rows import in batches of 500 and export back", async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `${40000 + i},Bulk ${i}`);
    const preview = await adminB.extensions.previewCsv({
      domainId: domainB,
      csv: ["number,displayName", ...rows].join("\n"),
    });
    expect(preview.valid).toHaveLength(10_000);
    for (let i = 0; i < preview.valid.length; i += 500) {
      const result = await adminB.extensions.importCsv({ domainId: domainB, rows: preview.valid.slice(i, i + 500) });
      expect(result.created).toBe(500);
    }
    expect(await t.db.extension.count({ where: { domainId: domainB } })).toBe(10_000);
    const { csv } = await adminB.extensions.exportCsv({ domainId: domainB });
    expect(csv.trim().split("\n")).toHaveLength(10_001);
  }, 180_000);
});
