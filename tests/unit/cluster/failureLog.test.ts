import { describe, expect, it } from "vitest";
import { failureLog } from "@/server/cluster/failureLog";

describe("failureLog", () => {
  it("reports a target once per change of state, not once per try", () => {
    const lines: string[] = [];
    const log = failureLog({
      failed: (target, e) => lines.push(`${target} failed: ${(e as Error).message}`),
      recovered: (target) => lines.push(`${target} recovered`),
    });
    for (let i = 0; i < 5; i++) log.failed("proxy p1", new Error("fetch failed"));
    log.failed("node n1", new Error("ESL connection error: connect ECONNREFUSED"));
    log.failed("proxy p1", new Error("timeout"));
    log.failed("proxy p1", new Error("timeout"));
    log.succeeded("proxy p1");
    log.succeeded("proxy p1");
    log.succeeded("node n2");
    log.failed("proxy p1", new Error("timeout"));
    expect(lines).toEqual([
      "proxy p1 failed: fetch failed",
      "node n1 failed: ESL connection error: connect ECONNREFUSED",
      "proxy p1 failed: timeout",
      "proxy p1 recovered",
      "proxy p1 failed: timeout",
    ]);
  });
});
