import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddressOf, settleForwardedFor, trustedProxies } from "@/server/http/forwardedFor";

const loopbackOnly = trustedProxies();

describe("the client address behind trusted proxies", () => {
  it("believes nothing a client sends when it connects directly", () => {
    expect(clientAddressOf("203.0.113.9", "10.9.9.9", loopbackOnly)).toBe("203.0.113.9");
    expect(clientAddressOf("::ffff:203.0.113.9", undefined, loopbackOnly)).toBe("203.0.113.9");
  });

  it("takes the address a proxy on the same host reports, and the peer when it reports none", () => {
    expect(clientAddressOf("127.0.0.1", "198.51.100.4", loopbackOnly)).toBe("198.51.100.4");
    expect(clientAddressOf("::1", undefined, loopbackOnly)).toBe("::1");
  });

  it("skips trusted hops from the right, so a forged left-most entry changes nothing", () => {
    const chain = trustedProxies("127.0.0.1/32, 10.0.0.0/8");
    expect(clientAddressOf("127.0.0.1", "6.6.6.6, 198.51.100.4, 10.0.0.2", chain)).toBe("198.51.100.4");
    expect(clientAddressOf("127.0.0.1", "not-an-ip, 10.0.0.2", chain)).toBe("10.0.0.2");
  });

  it("rewrites the request's headers to that one address before anything reads them", () => {
    const req = {
      socket: { remoteAddress: "203.0.113.9" },
      headers: { "x-forwarded-for": "1.2.3.4", "x-real-ip": "5.6.7.8" },
    } as unknown as IncomingMessage;
    settleForwardedFor(req, loopbackOnly);
    expect(req.headers).toEqual({ "x-forwarded-for": "203.0.113.9" });
  });
});
