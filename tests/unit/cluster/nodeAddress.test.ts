import { describe, expect, it } from "vitest";
import { createNodeSchema, updateNodeSchema } from "@/server/cluster/schemas";
import { isHostName, isIpv4, isIpv6 } from "@/server/cluster/nodeAddress";

const node = { hostname: "fs1", eslPassword: "ClueCon" };

function fieldErrors(input: Record<string, unknown>) {
  const r = createNodeSchema.safeParse({ ...node, ...input });
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("node addresses", () => {
  it("accepts IPv4, IPv6 and host names", () => {
    for (const host of ["10.0.0.5", "255.255.255.255", "0.0.0.0", "2001:db8::5", "::1", "fs1", "fs-1.example.net"]) {
      expect(fieldErrors({ sipAddress: host, eslHost: host }), host).toEqual({});
    }
  });

  it("refuses 999.999.999.999 and other non-addresses, naming the field", () => {
    for (const host of [
      "999.999.999.999",
      "10.0.0.256",
      "10.0.0",
      "1.2.3.4.5",
      "fs_1",
      "-fs.example",
      "fs..example",
      "a b",
      "[::1]",
      "2001:db8:::5",
      "host.123",
    ]) {
      const errors = fieldErrors({ sipAddress: host, eslHost: "10.0.0.5" });
      expect(Object.keys(errors), host).toEqual(["sipAddress"]);
      expect(errors.sipAddress).toMatch(/IPv4 or IPv6 address or a host name/);
    }
    expect(Object.keys(fieldErrors({ sipAddress: "10.0.0.5", eslHost: "999.999.999.999" }))).toEqual(["eslHost"]);
    expect(updateNodeSchema.safeParse({ id: "n1", sipAddress: "999.999.999.999" }).success).toBe(false);
  });

  it("keeps ports within 1–65535", () => {
    expect(fieldErrors({ sipAddress: "10.0.0.5", eslHost: "10.0.0.5", sipPort: 65535, eslPort: 1 })).toEqual({});
    expect(fieldErrors({ sipAddress: "10.0.0.5", eslHost: "10.0.0.5", sipPort: 0 })).toEqual({
      sipPort: "Ports are 1–65535",
    });
    expect(fieldErrors({ sipAddress: "10.0.0.5", eslHost: "10.0.0.5", eslPort: 65536 })).toEqual({
      eslPort: "Ports are 1–65535",
    });
    expect(Object.keys(fieldErrors({ sipAddress: "10.0.0.5", eslHost: "10.0.0.5", sipPort: 50.5 }))).toEqual([
      "sipPort",
    ]);
  });

  it("tells the kinds apart", () => {
    expect([isIpv4("192.0.2.1"), isIpv6("192.0.2.1"), isHostName("192.0.2.1")]).toEqual([true, false, false]);
    expect([isIpv4("fe80::1"), isIpv6("fe80::1"), isHostName("fe80::1")]).toEqual([false, true, false]);
    expect(isHostName(`${"a".repeat(63)}.example`)).toBe(true);
    expect(isHostName(`${"a".repeat(64)}.example`)).toBe(false);
    expect(isHostName(`${"a.".repeat(127)}ab`)).toBe(false);
  });
});
