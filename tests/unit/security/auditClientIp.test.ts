import { describe, expect, it } from "vitest";
import { clientIp } from "@/server/api/httpContext";

describe("the client address written to audit rows", () => {
  it("keeps a well-formed IPv4 or IPv6 address from the proxy", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.7, 10.0.0.1" }))).toBe("198.51.100.7");
    expect(clientIp(new Headers({ "x-real-ip": "2001:db8::1" }))).toBe("2001:db8::1");
  });

  it("drops a forged header that is not an address, so free text never reaches the audit log", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "admin was here <script>" }))).toBeNull();
    expect(clientIp(new Headers({ "x-real-ip": "x".repeat(10_000) }))).toBeNull();
    expect(clientIp(new Headers())).toBeNull();
  });
});
