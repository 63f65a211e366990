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

/** A tenant's webhooks (its admins, and platform admins acting on it); `platform.*`: the platform's own. */
export const webhooksRouter = router({
  list: tenantAdminProcedure.query(({ ctx }) => listWebhookEndpoints(tenantWebhookScope(ctx.tenant))),
  get: tenantAdminProcedure
    .input(webhookEndpointIdSchema)
    .query(({ ctx, input }) => getWebhookEndpoint(tenantWebhookScope(ctx.tenant), input.id)),
  create: tenantAdminProcedure
    .input(createWebhookEndpointSchema)
    .mutation(({ ctx, input }) => createWebhookEndpoint(tenantWebhookScope(ctx.tenant), input)),
  update: tenantAdminProcedure
    .input(updateWebhookEndpointSchema)
    .mutation(({ ctx, input }) => updateWebhookEndpoint(tenantWebhookScope(ctx.tenant), input)),
  rotateSecret: tenantAdminProcedure
    .input(webhookEndpointIdSchema)
    .mutation(({ ctx, input }) => rotateWebhookSecret(tenantWebhookScope(ctx.tenant), input.id)),
  delete: tenantAdminProcedure
    .input(webhookEndpointIdSchema)
    .mutation(({ ctx, input }) => deleteWebhookEndpoint(tenantWebhookScope(ctx.tenant), input.id)),
  deliveries: tenantAdminProcedure
    .input(listWebhookDeliveriesSchema)
    .query(({ ctx, input }) => listWebhookDeliveries(tenantWebhookScope(ctx.tenant), input)),
  platform: router({
    list: platformProcedure.query(({ ctx }) => listWebhookEndpoints(platformWebhookScope(ctx.platform))),
    get: platformProcedure
      .input(webhookEndpointIdSchema)
      .query(({ ctx, input }) => getWebhookEndpoint(platformWebhookScope(ctx.platform), input.id)),
    create: platformProcedure
      .input(createWebhookEndpointSchema)
      .mutation(({ ctx, input }) => createWebhookEndpoint(platformWebhookScope(ctx.platform), input)),
    update: platformProcedure
      .input(updateWebhookEndpointSchema)
      .mutation(({ ctx, input }) => updateWebhookEndpoint(platformWebhookScope(ctx.platform), input)),
    rotateSecret: platformProcedure
      .input(webhookEndpointIdSchema)
      .mutation(({ ctx, input }) => rotateWebhookSecret(platformWebhookScope(ctx.platform), input.id)),
    delete: platformProcedure
      .input(webhookEndpointIdSchema)
      .mutation(({ ctx, input }) => deleteWebhookEndpoint(platformWebhookScope(ctx.platform), input.id)),
    deliveries: platformProcedure
      .input(listWebhookDeliveriesSchema)
      .query(({ ctx, input }) => listWebhookDeliveries(platformWebhookScope(ctx.platform), input)),
  }),
});
