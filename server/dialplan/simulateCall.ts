import type { DbTx } from "@/server/db/client";
import { loadCallData } from "@/server/freeswitch/loadCallData";
import { loadDomainGate } from "@/server/freeswitch/loadDomainGate";
import { loadOutboundLimits } from "@/server/freeswitch/loadOutboundLimits";
import { renderDialplan } from "@/server/freeswitch/render/dialplan";
import { notFoundDocument } from "@/server/freeswitch/xml";
import { DIALED_DESTINATION } from "./dialSafety";
import { planCall, type CallPlan, type MatchedRule } from "./planCall";

export type SimulatedCall = {
  rule: MatchedRule;
  /** What FreeSWITCH would run, in order. */
  actions: CallPlan["actions"];
  /** A feature code's change, which the simulator describes but never makes. */
  toggle: CallPlan["toggle"] | null;
  /** The exact document the endpoint would send for this call. */
  xml: string;
};

/**
 * The portal's dialplan simulator: the same loader, planner and renderer as the live
 * endpoint, for a call from an extension of the domain, with no side effects (a limit
 * the call would trip shows as the `limit` rule, and is not recorded).
 */
export async function simulateCall(
  db: DbTx,
  domainName: string,
  fromExtensionNumber: string,
  dialed: string,
): Promise<SimulatedCall> {
  const number = dialed.trim();
  const gate = await loadDomainGate(db, domainName.toLowerCase());
  if (!gate?.active || !DIALED_DESTINATION.test(number))
    return { rule: { type: "not-found" }, actions: [], toggle: null, xml: notFoundDocument };
  const limits = await loadOutboundLimits(db, gate.id, fromExtensionNumber);
  const data = await loadCallData(db, gate, { authenticatedUser: fromExtensionNumber }, number, limits);
  const plan = planCall(data, number);
  return { rule: plan.rule, actions: plan.actions, toggle: plan.toggle ?? null, xml: renderDialplan(plan) };
}
