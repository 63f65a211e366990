import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashRecoveryCode, newRecoveryCodes, RECOVERY_CODE_COUNT } from "@/server/twoFactor/recoveryCodes";

describe("recovery codes", () => {
  it("are ten distinct 80-bit codes in four groups, with their sha256 hashes", () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(hashes[0]).toBe(createHash("sha256").update(codes[0]!.replaceAll("-", "")).digest("hex"));
    expect(hashes.join()).not.toContain(codes[0]!.slice(0, 4));
  });

  it("hash the same whatever the case, spaces or dashes typed", () => {
    const [code] = newRecoveryCodes().codes;
    const typed = ` ${code!.toLowerCase().replaceAll("-", " ")} `;
    expect(hashRecoveryCode(typed)).toBe(hashRecoveryCode(code!));
    expect(hashRecoveryCode(code!.replaceAll("-", ""))).toBe(hashRecoveryCode(code!));
  });
});
