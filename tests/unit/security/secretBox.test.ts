import { describe, expect, it } from "vitest";
import { open, seal } from "@/server/security/secretBox";

describe("secretBox", () => {
  it("round-trips and never repeats a ciphertext", () => {
    const a = seal("ClueCon");
    const b = seal("ClueCon");
    expect(a).not.toBe(b);
    expect(a).not.toContain("ClueCon");
    expect(open(a)).toBe("ClueCon");
    expect(open(seal("ünïcødé & <xml>"))).toBe("ünïcødé & <xml>");
  });

  it("refuses a tampered ciphertext", () => {
    const sealed = seal("secret");
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1]! ^= 1;
    expect(() => open(`v1:${raw.toString("base64")}`)).toThrow();
  });

  it("refuses an unknown format", () => {
    expect(() => open("plain")).toThrow(/format/);
  });
});
