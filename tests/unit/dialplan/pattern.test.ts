import { describe, expect, it } from "vitest";
import { compilePattern, exactExpression, matchesPattern, routePatternSchema } from "@/server/dialplan/pattern";

describe("compilePattern", () => {
  it.each([
    ["_1NXXNXXXXXX", "12125551234", true],
    ["_1NXXNXXXXXX", "11125551234", false],
    ["_1NXXNXXXXXX", "121255512345", false],
    ["_00X.", "0049301234", true],
    ["_00X.", "004", false],
    ["_+X.", "+4930123", true],
    ["_+X.", "4930123", false],
    ["_[1-5]XX", "499", true],
    ["_[1-5]XX", "699", false],
    ["_[135-7]X", "61", true],
    ["_[135-7]X", "41", false],
    ["_9!", "9", true],
    ["_9!", "9123", true],
    ["_ZXX", "099", false],
    ["_nxx", "299", true],
    ["1234", "1234", true],
    ["1234", "12345", false],
    ["*97", "*97", true],
    ["+4930123", "+4930123", true],
  ])("%s vs %s → %s", (pattern, dialed, result) => {
    expect(compilePattern(pattern).test(dialed)).toBe(result);
    expect(matchesPattern(pattern, dialed)).toBe(result);
  });

  it("is anchored: a pattern never matches inside a longer number", () => {
    expect(matchesPattern("_2XX", "12345")).toBe(false);
    expect(matchesPattern("123", "01234")).toBe(false);
  });

  it.each([
    ["", /empty/],
    ["_", /nothing after _/],
    ["_X.X", /only allowed at the end/],
    ["_[1-", /\[ without \]/],
    ["_[]X", /empty \[\] class/],
    ["_[5-1]", /backwards/],
    ["_[a-z]", /only digits/],
    ["_1(2|3)", /"\(" is not allowed/],
    ["_1+", /\+ is only allowed first/],
    ["_!", /at least one character/],
    ["12a4", /exact number/],
    ["^123$", /exact number/],
    ["_".padEnd(70, "X"), /longer than 64/],
  ])("rejects %j", (pattern, message) => {
    expect(() => compilePattern(pattern)).toThrow(message);
  });

  it("stays linear on hostile input (no catastrophic backtracking)", () => {
    const regex = compilePattern("_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX.");
    const started = performance.now();
    for (let i = 0; i < 1000; i++) regex.test(`${"1".repeat(5000)}a`);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("treats an invalid stored pattern as matching nothing", () => {
    expect(matchesPattern("_X(.*)", "123")).toBe(false);
  });
});

describe("routePatternSchema", () => {
  it("accepts valid patterns and explains invalid ones", () => {
    expect(routePatternSchema.parse(" _00X. ")).toBe("_00X.");
    const bad = routePatternSchema.safeParse("_X.X");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/only allowed at the end/);
  });
});

describe("exactExpression", () => {
  it("escapes every regex metacharacter", () => {
    const expression = exactExpression("*97+1.2");
    expect(expression).toBe("^\\*97\\+1\\.2$");
    expect(new RegExp(expression).test("*97+1.2")).toBe(true);
    expect(new RegExp(expression).test("*97+1x2")).toBe(false);
  });
});
