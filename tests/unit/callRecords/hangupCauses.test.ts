import { describe, expect, it } from "vitest";
import { describeHangupCause } from "@/server/callRecords/hangupCauses";
import { extractCdrRecord } from "@/server/callRecords/extractCdrRecord";
import { parseCdrBody } from "@/server/callRecords/parseCdrBody";
import { capturedPostNames, readCapturedPost } from "./cdrFixtures";

describe("hangup causes in plain words", () => {
  it.each(capturedPostNames())("%s: the captured cause has words of its own", (name) => {
    const record = extractCdrRecord(parseCdrBody(readCapturedPost(name).body.toString("utf8")));
    expect(describeHangupCause(record.hangupCause)).not.toMatch(/^Ended with cause/);
  });

  it("says what the common causes mean", () => {
    expect(describeHangupCause("USER_BUSY")).toBe("The callee was busy");
    expect(describeHangupCause("NO_ANSWER")).toBe("Nobody answered");
    expect(describeHangupCause("ORIGINATOR_CANCEL")).toBe("The caller hung up before the call was answered");
    expect(describeHangupCause("USER_NOT_REGISTERED")).toBe("The called phone is not registered (offline)");
    expect(describeHangupCause("NO_ROUTE_DESTINATION")).toBe("No route to this destination");
  });

  it("shows an unknown cause as itself rather than guessing", () => {
    expect(describeHangupCause("SOMETHING_NEW")).toBe("Ended with cause SOMETHING_NEW");
  });
});
