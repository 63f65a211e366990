import { destinationStep } from "@/server/dialplan/destination";
import { planCall, planInbound, PUBLIC_CONTEXT } from "@/server/dialplan/planCall";
import { simulateCall, type SimulatedCall } from "@/server/dialplan/simulateCall";
import { loadCallData, loadInbound } from "@/server/freeswitch/loadCallData";
import { loadDomainGate } from "@/server/freeswitch/loadDomainGate";
import { loadOutboundLimits } from "@/server/freeswitch/loadOutboundLimits";
import { renderDialplan } from "@/server/freeswitch/render/dialplan";
import type { TenantContext } from "@/server/tenancy/context";
import { ConflictError } from "@/server/tenancy/errors";
import type { SimulateCallInput } from "./schemas";

/** One dialplan lookup FreeSWITCH would make: the context and number it asks for, and our answer. */
export type SimulationStep = SimulatedCall & { context: string; dialed: string };

/**
 * What the domain's dialplan does with a call, step by step. A call from outside takes
 * two lookups, as on a live node: the DID in the public context, then the domain target.
 */
export async function simulateTenantCall(ctx: TenantContext, input: SimulateCallInput): Promise<SimulationStep[]> {
  if (input.fromExtension !== null) {
    const where = { domainId: ctx.domain.id, number: input.fromExtension };
    if (!(await ctx.db.extension.findFirst({ where, select: { id: true } }))) {
      throw new ConflictError(`There is no extension ${input.fromExtension} in this domain`, "fromExtension");
    }
    const call = await simulateCall(ctx.db, ctx.domain.name, input.fromExtension, input.dialed);
    return [{ ...call, context: ctx.domain.name, dialed: input.dialed }];
  }

  const found = await loadInbound(ctx.db, input.dialed);
  // Another tenant's numbers are not this tenant's business: they simulate as unknown.
  const inbound = found?.domain === ctx.domain.name ? found : null;
  const plan = planInbound(input.dialed, inbound);
  const steps: SimulationStep[] = [
    {
      rule: plan.rule,
      actions: plan.actions,
      toggle: null,
      xml: renderDialplan(plan),
      context: PUBLIC_CONTEXT,
      dialed: input.dialed,
    },
  ];
  const next = inbound ? destinationStep(inbound.destType, inbound.destTarget) : null;
  const gate = await loadDomainGate(ctx.db, ctx.domain.name);
  if (next?.app === "transfer" && gate) {
    const limits = await loadOutboundLimits(ctx.db, gate.id, undefined);
    const data = await loadCallData(ctx.db, gate, { routeAs: "did" }, next.number, limits);
    const local = planCall(data, next.number);
    steps.push({
      rule: local.rule,
      actions: local.actions,
      toggle: null,
      xml: renderDialplan(local),
      context: local.context,
      dialed: next.number,
    });
  }
  return steps;
}
