import { describe, expect, it } from "vitest";
import { issueChallenge, readChallenge } from "@/server/twoFactor/signInChallenge";
import { secondStepMessage, secondStepOf } from "@/server/twoFactor/signInMessages";

const NOW = Date.UTC(2026, 11, 2, 14, 0, 0);

describe("sign-in challenges", () => {
  it("carry the user and the step, for five minutes", () => {
    const token = issueChallenge("user-1", "code", NOW);
    expect(readChallenge(token, NOW + 60_000)).toEqual({ userId: "user-1", step: "code" });
    expect(readChallenge(token, NOW + 5 * 60_000)).toBeNull();
  });

  it("refuse a changed payload or signature", () => {
    const token = issueChallenge("user-1", "enrol", NOW);
    const [payload, signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ u: "admin", s: "enrol", e: NOW / 1000 + 300 })).toString("base64url");
    expect(readChallenge(`${forged}.${signature}`, NOW)).toBeNull();
    expect(readChallenge(`${payload}.${signature!.slice(0, -2)}AA`, NOW)).toBeNull();
    expect(readChallenge(`${payload}`, NOW)).toBeNull();
    expect(readChallenge("", NOW)).toBeNull();
  });

  it("round-trip through the error message next-auth hands the sign-in page", () => {
    const token = issueChallenge("user-1", "enrol", NOW);
    expect(secondStepOf(secondStepMessage("enrol", token))).toEqual({ step: "enrol", challenge: token });
    expect(secondStepOf("CredentialsSignin")).toBeNull();
    expect(secondStepOf("TwoFactor:admin:x")).toBeNull();
  });
});
