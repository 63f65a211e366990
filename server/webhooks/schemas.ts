import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { pageInputSchema } from "@/server/shared/pagination";
import { WEBHOOK_EVENT_TYPES } from "./eventTypes";

export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

/** The receiver's URL: HTTPS (plain http and private targets only where the platform allows them). */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .url("Enter a full URL, e.g. https://hooks.example.com/switchboard")
  .refine((u) => /^https?:\/\//i.test(u), "Use an https:// URL");

const endpointFields = z.object({
  url: webhookUrlSchema,
  description: z.string().trim().max(200).default(""),
  events: z
    .array(webhookEventTypeSchema)
    .min(1, "Pick at least one event")
    .max(WEBHOOK_EVENT_TYPES.length)
    .transform((events) => [...new Set(events)]),
});

export const createWebhookEndpointSchema = endpointFields;
export type CreateWebhookEndpointInput = z.input<typeof createWebhookEndpointSchema>;

/** `enabled: true` on a disabled endpoint also sends the deliveries that waited meanwhile. */
export const updateWebhookEndpointSchema = endpointFields
  .partial()
  .extend({ id: idSchema, enabled: z.boolean().optional() });
export type UpdateWebhookEndpointInput = z.input<typeof updateWebhookEndpointSchema>;

export const webhookEndpointIdSchema = z.object({ id: idSchema });

export const webhookDeliveryStatusSchema = z.enum(["PENDING", "DELIVERED", "FAILED", "PAUSED"]);

export const listWebhookDeliveriesSchema = pageInputSchema.omit({ search: true }).extend({
  id: idSchema,
  status: webhookDeliveryStatusSchema.optional(),
});
export type ListWebhookDeliveriesInput = z.input<typeof listWebhookDeliveriesSchema>;
