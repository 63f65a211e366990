import { describe, expect, it } from "vitest";
import { securityHeaders, servedOverHttps } from "@/server/http/securityHeaders";

describe("security headers", () => {
  it("allows only this response's nonce for scripts, forbids framing, and adds HSTS only over https", () => {
    const http = securityHeaders("abc123", { dev: false, https: false });
    expect(http["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(http["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(http["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(http["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
    expect(http["Strict-Transport-Security"]).toBeUndefined();
    expect(http).toMatchObject({ "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff" });

    const https = securityHeaders("abc123", { dev: false, https: true });
    expect(https["Strict-Transport-Security"]).toMatch(/^max-age=31536000/);
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });

  it("takes https from the public URL, never from a client-sent header", () => {
    expect(servedOverHttps({ NEXTAUTH_URL: "https://sb.example.com" })).toBe(true);
    expect(servedOverHttps({ NEXTAUTH_URL: "http://localhost:3000" })).toBe(false);
    expect(servedOverHttps({})).toBe(false);
  });
});
