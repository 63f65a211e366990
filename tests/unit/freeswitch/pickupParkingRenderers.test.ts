import { describe, it } from "vitest";
import { planCall } from "@/server/dialplan/planCall";
import { renderDialplan } from "@/server/freeswitch/render/dialplan";
import { callData, extension } from "../dialplan/callDataFixtures";
import { expectGolden } from "./golden";

const sales = { id: "grpsales", name: "Sales" };
const lot = { firstSlot: 7001, lastSlot: 7099, timeoutSeconds: 90 };

describe("renderDialplan for pickup and parking", () => {
  it("an extension in a pickup group rings its pickup legs", () => {
    const data = callData({
      local: { kind: "extension", extension: extension("1002") },
      pickupGroups: { caller: [], local: [sales] },
    });
    expectGolden("dialplan-pickup-ringing", renderDialplan(planCall(data, "1002")));
  });

  it("*8 group pickup", () => {
    const data = callData({ pickupGroups: { caller: [sales], local: [] } });
    expectGolden("dialplan-pickup-group", renderDialplan(planCall(data, "*8")));
  });

  it("**<ext> directed pickup", () => {
    const data = callData({
      local: { kind: "extension", extension: extension("1002") },
      pickupGroups: { caller: [], local: [sales] },
    });
    expectGolden("dialplan-pickup-directed", renderDialplan(planCall(data, "**1002")));
  });

  it("*70 park", () => {
    expectGolden("dialplan-park", renderDialplan(planCall(callData({ parking: lot }), "*70")));
  });

  it("slot retrieval", () => {
    expectGolden("dialplan-park-retrieve", renderDialplan(planCall(callData({ parking: lot }), "7042")));
  });
});
