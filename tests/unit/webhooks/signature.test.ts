import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateSigningSecret, signatureHeader, verifySignature } from "@/server/webhooks/signature";

const secret = "whsec_test";
const body = '{"id":"evt_1","type":"extension.created"}';
const t = 1_764_000_000;

describe("webhook signature (t=…,v1=… over `<t>.<body>`)", () => {
  it("is HMAC-SHA256 of the timestamp and body, in Stripe's header format", () => {
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signatureHeader(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it("verifies its own header and refuses a changed body, another secret or a changed timestamp", () => {
    const header = signatureHeader(secret, body, t);
    expect(verifySignature(secret, body, header, t)).toBe(true);
    expect(verifySignature(secret, body.replace("1", "2"), header, t)).toBe(false);
    expect(verifySignature("whsec_other", body, header, t)).toBe(false);
    expect(verifySignature(secret, body, header.replace(`t=${t}`, `t=${t + 1}`), t)).toBe(false);
  });

  it("refuses a signature outside the tolerance (replay) and malformed headers", () => {
    const header = signatureHeader(secret, body, t);
    expect(verifySignature(secret, body, header, t + 301)).toBe(false);
    expect(verifySignature(secret, body, header, t + 299)).toBe(true);
    expect(verifySignature(secret, body, "v1=abc", t)).toBe(false);
    expect(verifySignature(secret, body, `t=${t},v1=zz`, t)).toBe(false);
  });

  it("accepts any of several v1 entries (secret rotation)", () => {
    const ours = signatureHeader(secret, body, t).split(",")[1];
    expect(verifySignature(secret, body, `t=${t},v1=${"0".repeat(64)},${ours}`, t)).toBe(true);
  });

  it("generates distinct, prefixed secrets", () => {
    const a = generateSigningSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(generateSigningSecret()).not.toBe(a);
  });
});
