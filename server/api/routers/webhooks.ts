import type { TRPCProcedureBuilder, TRPCUnsetMarker } from "@trpc/server";
import type { z } from "zod";
import { platformProcedure, router, tenantAdminProcedure } from "@/server/api/trpc";
import {
  createWebhookEndpointSchema,
  listWebhookDeliveriesSchema,
  updateWebhookEndpointSchema,
  webhookEndpointIdSchema,
} from "@/server/webhooks/schemas";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  platformWebhookScope,
  rotateWebhookSecret,
  tenantWebhookScope,
  updateWebhookEndpoint,
} from "@/server/webhooks/service";

type WebhookScope = ReturnType<typeof tenantWebhookScope>;

/**
 * The webhook procedures of one owner. `procedure` is that owner's builder (its access check
 * and, for a tenant, its `domainId` input) with the owner's scope put into the context; the
 * service filters every query on that scope.
 */
function webhookProcedures<TContext, TMeta, TOverrides extends { webhookScope: WebhookScope }, TInputIn, TInputOut>(
  procedure: TRPCProcedureBuilder<
    TContext,
    TMeta,
    TOverrides,
    TInputIn,
    TInputOut,
    TRPCUnsetMarker,
    TRPCUnsetMarker,
    false
  >,
) {
  // tRPC guards `.input()`'s argument with a conditional type on the builder's earlier input,
  // which TypeScript cannot resolve while that input is a type parameter; the result is typed.
  const withInput = <S extends z.ZodType>(schema: S) => procedure.input<S>(schema as never);
  return {
    list: procedure.query(({ ctx }) => listWebhookEndpoints(ctx.webhookScope)),
    get: withInput(webhookEndpointIdSchema).query(({ ctx, input }) => getWebhookEndpoint(ctx.webhookScope, input.id)),
    create: withInput(createWebhookEndpointSchema).mutation(({ ctx, input }) =>
      createWebhookEndpoint(ctx.webhookScope, input),
    ),
    update: withInput(updateWebhookEndpointSchema).mutation(({ ctx, input }) =>
      updateWebhookEndpoint(ctx.webhookScope, input),
    ),
    rotateSecret: withInput(webhookEndpointIdSchema).mutation(({ ctx, input }) =>
      rotateWebhookSecret(ctx.webhookScope, input.id),
    ),
    delete: withInput(webhookEndpointIdSchema).mutation(({ ctx, input }) =>
      deleteWebhookEndpoint(ctx.webhookScope, input.id),
    ),
    deliveries: withInput(listWebhookDeliveriesSchema).query(({ ctx, input }) =>
      listWebhookDeliveries(ctx.webhookScope, input),
    ),
  };
}

const tenantScoped = tenantAdminProcedure.use(({ ctx, next }) =>
  next({ ctx: { webhookScope: tenantWebhookScope(ctx.tenant) } }),
);
const platformScoped = platformProcedure.use(({ ctx, next }) =>
  next({ ctx: { webhookScope: platformWebhookScope(ctx.platform) } }),
);

/** A tenant's webhooks (its admins, and platform admins acting on it); `platform.*`: the platform's own. */
export const webhooksRouter = router({
  ...webhookProcedures(tenantScoped),
  platform: router(webhookProcedures(platformScoped)),
});
