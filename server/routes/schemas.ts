import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { routePatternSchema } from "@/server/dialplan/pattern";
import { pageInputSchema } from "@/server/shared/pagination";

const routeFields = z.object({
  name: z.string().trim().min(1, "Required").max(100),
  /** Lower first. Domain routes are tried before platform routes regardless. */
  priority: z.number().int().min(0).max(10_000),
  pattern: routePatternSchema,
  stripDigits: z.number().int().min(0).max(20),
  prepend: z
    .string()
    .trim()
    .regex(/^\+?[0-9]{0,20}$/, "Digits, optionally starting with +"),
  callerIdNumber: z
    .string()
    .trim()
    .regex(/^\+?[0-9]{2,20}$/, "Digits, optionally starting with +")
    .nullable()
    .or(z.literal("").transform(() => null)),
  /** Tried in this order: the first is the primary, the rest fail over. */
  trunkIds: z
    .array(idSchema)
    .min(1, "Pick at least one trunk")
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, "Each trunk only once"),
  enabled: z.boolean(),
});

export const createRouteSchema = routeFields;
export const updateRouteSchema = routeFields.extend({ id: idSchema });
export const listRoutesSchema = pageInputSchema;

export type RouteInput = z.infer<typeof createRouteSchema>;
export type UpdateRouteInput = z.infer<typeof updateRouteSchema>;
export type ListRoutesInput = z.infer<typeof listRoutesSchema>;
