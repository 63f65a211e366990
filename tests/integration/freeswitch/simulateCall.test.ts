import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateCall } from "@/server/simulator/service";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { seedSwitchboard, TENANT } from "./seed";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedSwitchboard(t.db);
});
afterAll(async () => {
  await t?.drop();
});

describe("simulateCall", () => {
  it("explains each kind of destination and returns the XML FreeSWITCH would get", async () => {
    const cases: [string, Record<string, unknown>][] = [
      ["1002", { type: "extension", number: "1002" }],
      ["600", { type: "ring-group", strategy: "SEQUENTIAL", members: ["1002", "1001"] }],
      ["5000", { type: "ivr", number: "5000" }],
      ["*97", { type: "voicemail", box: "1001" }],
      ["*991002", { type: "voicemail", box: "1002" }],
      [
        "030555",
        { type: "outbound-route", route: "national", dialedOut: "+4930555", gateways: ["carrier-a", "carrier-b"] },
      ],
      ["0044555", { type: "denied" }],
      ["777", { type: "not-found" }],
    ];
    for (const [dialed, rule] of cases) {
      const result = await simulateCall(t.db, TENANT, "1001", dialed);
      expect(result.rule, dialed).toMatchObject(rule);
      expect(XMLValidator.validate(result.xml)).toBe(true);
    }
  });

  it("describes a feature code's change without making it", async () => {
    const result = await simulateCall(t.db, TENANT, "1001", "*78");
    expect(result.toggle).toEqual({ extension: "1001", change: { field: "dnd", enabled: true } });
    expect((await t.db.extension.findFirstOrThrow({ where: { number: "1001", domain: { name: TENANT } } })).dnd).toBe(
      false,
    );
  });

  it("answers not found for unknown domains and undialable input", async () => {
    expect((await simulateCall(t.db, "nowhere.example", "1001", "1002")).rule.type).toBe("not-found");
    expect((await simulateCall(t.db, TENANT, "1001", "1002,user/9")).rule.type).toBe("not-found");
  });
});
