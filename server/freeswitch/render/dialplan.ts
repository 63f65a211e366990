import { exactExpression } from "@/server/dialplan/pattern";
import type { CallPlan } from "@/server/dialplan/planCall";
import { el, freeswitchDocument } from "../xml";

/**
 * A call whose media stopped is hung up: 5 min without RTP, 30 min while on hold. Channel variables in ms
 * since FreeSWITCH 1.10 (the sofia profile's rtp-timeout-sec/rtp-hold-timeout-sec are deprecated), exported
 * so the bridged leg, to a phone or a carrier, carries them too.
 */
const MEDIA_TIMEOUTS = [
  el("action", { application: "export", data: "media_timeout=300000" }),
  el("action", { application: "export", data: "media_hold_timeout=1800000" }),
];

/**
 * One extension matching exactly the dialled number: we already decided what the call
 * does, so FreeSWITCH gets no pattern of ours (let alone a user's) to evaluate.
 */
export function renderDialplan(plan: CallPlan): string {
  return freeswitchDocument("dialplan", [
    el("context", { name: plan.context }, [
      el("extension", { name: `sb-${plan.rule.type}` }, [
        el("condition", { field: "destination_number", expression: exactExpression(plan.destination) }, [
          ...MEDIA_TIMEOUTS,
          ...plan.actions.map((a) => el("action", { application: a.app, data: a.data })),
        ]),
      ]),
    ]),
  ]);
}
