import { describe, expect, it } from "vitest";
import { oidcConfig } from "@/server/auth/oidc";
import { twoFactorRequiredFor } from "@/server/twoFactor/policy";

describe("require-two-factor policies", () => {
  const off = { requireForPlatformAdmins: false };
  const on = { requireForPlatformAdmins: true };

  it("cover platform admins only when the platform switch is on", () => {
    const admin = [{ role: "PLATFORM_ADMIN" as const, domainRequiresTwoFactorForAdmins: false }];
    expect(twoFactorRequiredFor(admin, off)).toBe(false);
    expect(twoFactorRequiredFor(admin, on)).toBe(true);
  });

  it("cover a tenant's admins when that tenant requires it, never its plain users", () => {
    expect(twoFactorRequiredFor([{ role: "TENANT_ADMIN", domainRequiresTwoFactorForAdmins: true }], off)).toBe(true);
    expect(twoFactorRequiredFor([{ role: "TENANT_ADMIN", domainRequiresTwoFactorForAdmins: false }], on)).toBe(false);
    expect(twoFactorRequiredFor([{ role: "TENANT_USER", domainRequiresTwoFactorForAdmins: true }], on)).toBe(false);
  });
});

describe("single sign-on configuration", () => {
  it("is off without OIDC_ISSUER and complete with it", () => {
    expect(oidcConfig({})).toBeNull();
    expect(
      oidcConfig({ OIDC_ISSUER: "https://idp.example/", OIDC_CLIENT_ID: "sb", OIDC_CLIENT_SECRET: "s3cret" }),
    ).toEqual({ issuer: "https://idp.example", clientId: "sb", clientSecret: "s3cret", name: "single sign-on" });
  });

  it("refuses an issuer without client credentials", () => {
    expect(() => oidcConfig({ OIDC_ISSUER: "https://idp.example" })).toThrow(/OIDC_CLIENT_ID/);
  });
});
