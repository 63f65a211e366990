import { describe, expect, it } from "vitest";
import { domainNameSchema } from "@/server/domains/schemas";
import { createExtensionSchema } from "@/server/extensions/schemas";
import { navigationFor } from "@/components/layout/navigation";

describe("domain names", () => {
  it.each(["acme.example.com", "Acme.Example.COM", "a-b.c1.io", "x.y"])("accepts %s", (name) => {
    expect(domainNameSchema.safeParse(name).success).toBe(true);
  });
  it.each(["localhost", "acme..example.com", "-acme.example.com", "acme.example.com.", "ac me.com", "acme.123", ""])(
    "rejects %s",
    (name) => {
      expect(domainNameSchema.safeParse(name).success).toBe(false);
    },
  );
  it("lower-cases", () => {
    expect(domainNameSchema.parse(" Acme.Example.COM ")).toBe("acme.example.com");
  });
});

describe("extension input", () => {
  it("requires a target when a forward is switched on", () => {
    const r = createExtensionSchema.safeParse({ number: "1001", displayName: "A", forwardAlwaysEnabled: true });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["forwardAlwaysTarget"]);
  });
  it("rejects numbers that are not 2–10 digits", () => {
    expect(createExtensionSchema.safeParse({ number: "1", displayName: "A" }).success).toBe(false);
    expect(createExtensionSchema.safeParse({ number: "10a1", displayName: "A" }).success).toBe(false);
    expect(createExtensionSchema.safeParse({ number: "12345678901", displayName: "A" }).success).toBe(false);
  });
});

describe("navigation by role", () => {
  it("shows end users only their phone", () => {
    const nav = navigationFor(
      [{ role: "TENANT_USER", domainId: "d1", domainName: "a.example", extensionId: "e1" }],
      null,
    );
    expect(nav.flatMap((s) => s.items.map((i) => i.href))).toEqual(["/t/d1/me"]);
  });
  it("shows tenant admins their domain's pages and no platform pages", () => {
    const hrefs = navigationFor(
      [{ role: "TENANT_ADMIN", domainId: "d1", domainName: "a.example", extensionId: null }],
      null,
    ).flatMap((s) => s.items.map((i) => i.href));
    expect(hrefs).toContain("/t/d1/extensions");
    expect(hrefs.some((h) => h.startsWith("/admin"))).toBe(false);
  });
});
