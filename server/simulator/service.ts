import "server-only";
import type { DbTx } from "@/server/db/client";
import { destinationStep } from "@/server/dialplan/destination";
import { DIALED_DESTINATION } from "@/server/dialplan/dialSafety";
import { instantOfWallClock } from "@/server/dialplan/timeCondition";
import { planCall, planInbound, PUBLIC_CONTEXT, type CallPlan, type MatchedRule } from "@/server/dialplan/planCall";
import { loadCallData, loadInbound, type IdentityClaim } from "@/server/freeswitch/loadCallData";
import { loadDomainGate, type DomainGate } from "@/server/freeswitch/loadDomainGate";
import { loadOutboundLimits } from "@/server/freeswitch/loadOutboundLimits";
import { renderDialplan } from "@/server/freeswitch/render/dialplan";
import { notFoundDocument } from "@/server/freeswitch/xml";
import type { TenantContext } from "@/server/tenancy/context";
import { ConflictError } from "@/server/tenancy/errors";
import type { SimulateCallInput } from "./schemas";

export type SimulatedCall = {
  rule: MatchedRule;
  /** What FreeSWITCH would run, in order. */
  actions: CallPlan["actions"];
  /** A feature code's change, which the simulator describes but never makes. */
  toggle: CallPlan["toggle"] | null;
  /** The exact document the endpoint would send for this call. */
  xml: string;
};

/** One dialplan lookup FreeSWITCH would make: the context and number it asks for, and our answer. */
export type SimulationStep = SimulatedCall & { context: string; dialed: string };

const simulated = (plan: CallPlan): SimulatedCall => ({
  rule: plan.rule,
  actions: plan.actions,
  toggle: plan.toggle ?? null,
  xml: renderDialplan(plan),
});

/**
 * One domain-context lookup with the live endpoint's loaders, planner and renderer: the
 * simulator's only assembly of them, so it cannot drift from what a node is answered.
 */
async function lookup(db: DbTx, gate: DomainGate, claim: IdentityClaim, number: string, at: Date): Promise<CallPlan> {
  const limits = await loadOutboundLimits(db, gate.id, claim.authenticatedUser);
  return planCall(await loadCallData(db, gate, claim, number, limits, at), number);
}

/** Business hours chained to business hours (e.g. holidays, then weekly hours) still end somewhere. */
const MAX_BUSINESS_HOURS_HOPS = 4;

/**
 * A domain-context lookup and, while business hours hand the call on, the lookups that follow,
 * as a node would make them: each shows the branch taken and why.
 */
async function lookupChain(
  db: DbTx,
  gate: DomainGate,
  claim: IdentityClaim,
  number: string,
  at: Date,
): Promise<SimulationStep[]> {
  const steps: SimulationStep[] = [];
  let dialed: string | null = number;
  for (let hop = 0; dialed !== null && hop <= MAX_BUSINESS_HOURS_HOPS; hop++) {
    const plan: CallPlan = await lookup(db, gate, claim, dialed, at);
    steps.push({ ...simulated(plan), context: plan.context, dialed });
    dialed = plan.rule.type === "time-condition" ? plan.rule.next : null;
  }
  return steps;
}

/**
 * A call from an extension of the domain, with no side effects (a limit the call would
 * trip shows as the `limit` rule, and is not recorded).
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
  return simulated(await lookup(db, gate, { authenticatedUser: fromExtensionNumber }, number, new Date()));
}

/**
 * What the domain's dialplan does with a call, step by step. A call from outside takes
 * two lookups, as on a live node: the DID in the public context, then the domain target.
 */
export async function simulateTenantCall(ctx: TenantContext, input: SimulateCallInput): Promise<SimulationStep[]> {
  const gate = await loadDomainGate(ctx.db, ctx.domain.name);
  // "at" is the domain's wall clock: what a tenant admin means by "a call at 18:00".
  const at = input.at && gate ? instantOfWallClock(input.at, gate.timeZone) : new Date();
  if (input.fromExtension !== null) {
    const where = { domainId: ctx.domain.id, number: input.fromExtension };
    if (!(await ctx.db.extension.findFirst({ where, select: { id: true } }))) {
      throw new ConflictError(`There is no extension ${input.fromExtension} in this domain`, "fromExtension");
    }
    const number = input.dialed.trim();
    if (!gate?.active || !DIALED_DESTINATION.test(number))
      return [
        {
          rule: { type: "not-found" },
          actions: [],
          toggle: null,
          xml: notFoundDocument,
          context: ctx.domain.name,
          dialed: number,
        },
      ];
    return lookupChain(ctx.db, gate, { authenticatedUser: input.fromExtension }, number, at);
  }

  const found = await loadInbound(ctx.db, input.dialed);
  // Another tenant's numbers are not this tenant's business: they simulate as unknown.
  const inbound = found?.domain === ctx.domain.name ? found : null;
  const steps: SimulationStep[] = [
    // A carrier's call changes nothing: the public context never plans a feature code.
    { ...simulated(planInbound(input.dialed, inbound)), toggle: null, context: PUBLIC_CONTEXT, dialed: input.dialed },
  ];
  const next = inbound ? destinationStep(inbound.destType, inbound.destTarget) : null;
  if (next?.app === "transfer" && gate) {
    const local = await lookupChain(ctx.db, gate, { routeAs: "did" }, next.number, at);
    steps.push(...local.map((step) => ({ ...step, toggle: null })));
  }
  return steps;
}
