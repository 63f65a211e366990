import { describe, expect, it } from "vitest";
import { TRIPPED_REPEATEDLY_TOPIC } from "@/server/callLimits/evaluateTrips";
import { DOMAIN_MOVED_TOPIC, DOMAIN_RESTORED_TOPIC } from "@/server/cluster/failover/system";
import { TENANT_WEBHOOK_EVENT_TYPES, WEBHOOK_EVENTS } from "@/server/webhooks/eventTypes";

describe("webhook event catalogue", () => {
  it("names the outbox topics other areas write, with their scope", () => {
    expect(WEBHOOK_EVENTS[TRIPPED_REPEATEDLY_TOPIC]).toBe("tenant");
    expect(WEBHOOK_EVENTS[DOMAIN_MOVED_TOPIC]).toBe("platform");
    expect(WEBHOOK_EVENTS[DOMAIN_RESTORED_TOPIC]).toBe("platform");
  });

  it("offers tenants no cluster internals", () => {
    expect(TENANT_WEBHOOK_EVENT_TYPES.filter((t) => /^(node|proxy|failover)\./.test(t))).toEqual([]);
    expect(TENANT_WEBHOOK_EVENT_TYPES).toContain("call.ended");
  });
});
