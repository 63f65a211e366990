import { exactExpression } from "@/server/dialplan/pattern";
import type { CallPlan } from "@/server/dialplan/planCall";
import { el, freeswitchDocument } from "../xml";

/**
 * One extension matching exactly the dialled number: we already decided what the call
 * does, so FreeSWITCH gets no pattern of ours (let alone a user's) to evaluate.
 */
export function renderDialplan(plan: CallPlan): string {
  return freeswitchDocument("dialplan", [
    el("context", { name: plan.context }, [
      el("extension", { name: `sb-${plan.rule.type}` }, [
        el(
          "condition",
          { field: "destination_number", expression: exactExpression(plan.destination) },
          plan.actions.map((a) => el("action", { application: a.app, data: a.data })),
        ),
      ]),
    ]),
  ]);
}
