import { describe, expect, it } from "vitest";
import { edgeLimitEntries } from "@/server/cluster/kamailio/edgeLimits";

describe("edge limit htable entries", () => {
  it("one key per limit that is set, on the lower-cased domain; 0 = no key", () => {
    expect(
      edgeLimitEntries([
        { domainName: "Acme.Example", callsPerSecond: 5, concurrentCalls: 0 },
        { domainName: "b.example", callsPerSecond: 0, concurrentCalls: 30 },
        { domainName: "c.example", callsPerSecond: 0, concurrentCalls: 0 },
      ]),
    ).toEqual(
      new Map([
        ["acme.example::cps", 5],
        ["b.example::calls", 30],
      ]),
    );
  });
});
