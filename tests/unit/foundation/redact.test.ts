import { describe, expect, it } from "vitest";
import { redact } from "@/server/audit/writeAudit";

describe("audit redaction", () => {
  it("removes secrets at any depth and keeps the rest", () => {
    const out = redact({
      displayName: "Alice",
      sipA1Hash: "abc",
      voicemailPinEnc: "v1:xyz",
      nested: { password: "p", passwordHash: "h", eslPasswordEnc: "e", keep: 1 },
      list: [{ xmlCurlSecretHash: "s", name: "n" }],
      at: new Date("2026-01-01T00:00:00Z"),
      revision: 5n,
    });
    expect(out).toEqual({
      displayName: "Alice",
      sipA1Hash: "[redacted]",
      voicemailPinEnc: "[redacted]",
      nested: { password: "[redacted]", passwordHash: "[redacted]", eslPasswordEnc: "[redacted]", keep: 1 },
      list: [{ xmlCurlSecretHash: "[redacted]", name: "n" }],
      at: "2026-01-01T00:00:00.000Z",
      revision: "5",
    });
  });
});
