import { afterEach, describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "@/server/http/sameOrigin";

const request = (method: string, headers: Record<string, string> = {}) => ({
  method,
  url: "http://portal.example:3000/api/trpc/extensions.create",
  headers: new Headers(headers),
});

afterEach(() => {
  delete process.env.NEXTAUTH_URL;
});

describe("cross-site request guard", () => {
  it("lets safe methods through from anywhere", () => {
    expect(isCrossSiteRequest(request("GET", { origin: "http://evil.example" }))).toBe(false);
  });

  it("refuses a foreign or opaque Origin and a cross-site or same-site Sec-Fetch-Site", () => {
    expect(isCrossSiteRequest(request("POST", { origin: "http://evil.example" }))).toBe(true);
    expect(isCrossSiteRequest(request("POST", { origin: "null" }))).toBe(true);
    expect(isCrossSiteRequest(request("POST", { origin: "http://portal.example:3001" }))).toBe(true);
    expect(isCrossSiteRequest(request("POST", { "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteRequest(request("POST", { "sec-fetch-site": "same-site" }))).toBe(true);
  });

  it("accepts our own origin (the request's host, or NEXTAUTH_URL behind a proxy) and non-browser clients", () => {
    expect(isCrossSiteRequest(request("POST", { origin: "http://portal.example:3000" }))).toBe(false);
    expect(isCrossSiteRequest(request("POST", { "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossSiteRequest(request("POST"))).toBe(false);
    process.env.NEXTAUTH_URL = "https://switchboard.example.com";
    expect(isCrossSiteRequest(request("POST", { origin: "https://switchboard.example.com" }))).toBe(false);
  });
});
