import { describe, expect, it } from "vitest";
import { matchingTimeStep, newTotpSecret, otpauthUri, timeStepAt, totpCodeAt } from "@/server/twoFactor/totp";

const NOW = Date.UTC(2026, 11, 2, 14, 0, 10);

describe("TOTP codes", () => {
  it("a new secret is 160 bits of base32, and the otpauth URI carries it with the account", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(otpauthUri(secret, "ops@itsp.example"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(decodeURIComponent(uri.pathname)).toContain("ops@itsp.example");
    expect(uri.searchParams.get("issuer")).toBe("Switchboard");
  });

  it("accepts the current code and one step either side, and names the step it belongs to", () => {
    const secret = newTotpSecret();
    const step = timeStepAt(NOW);
    expect(matchingTimeStep(secret, totpCodeAt(secret, NOW), NOW)).toBe(step);
    expect(matchingTimeStep(secret, totpCodeAt(secret, NOW - 30_000), NOW)).toBe(step - 1);
    expect(matchingTimeStep(secret, totpCodeAt(secret, NOW + 30_000), NOW)).toBe(step + 1);
  });

  it("refuses codes two steps away, other secrets' codes and malformed input", () => {
    const secret = newTotpSecret();
    expect(matchingTimeStep(secret, totpCodeAt(secret, NOW - 60_000), NOW)).toBeNull();
    expect(matchingTimeStep(secret, totpCodeAt(secret, NOW + 60_000), NOW)).toBeNull();
    expect(matchingTimeStep(secret, totpCodeAt(newTotpSecret(), NOW), NOW)).toBeNull();
    expect(matchingTimeStep(secret, "", NOW)).toBeNull();
  });
});
