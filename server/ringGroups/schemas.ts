import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { extensionNumberSchema } from "@/server/extensions/schemas";
import { destinationSchema } from "@/server/shared/destinationSchema";
import { pageInputSchema } from "@/server/shared/pagination";

export const RING_STRATEGIES = ["SIMULTANEOUS", "SEQUENTIAL"] as const;

const ringGroupFields = z.object({
  number: extensionNumberSchema,
  name: z.string().trim().min(1, "Required").max(100),
  strategy: z.enum(RING_STRATEGIES),
  /** Seconds to ring (each member, for sequential) before the fallback. */
  ringTimeout: z.number({ error: "Enter seconds" }).int().min(5, "At least 5 seconds").max(300, "At most 300 seconds"),
  fallback: destinationSchema,
  /** Extension ids in ring order. */
  memberIds: z
    .array(idSchema)
    .max(100, "At most 100 members")
    .refine((ids) => new Set(ids).size === ids.length, "An extension can be a member only once"),
});

export const createRingGroupSchema = ringGroupFields;
export const updateRingGroupSchema = ringGroupFields.extend({ id: idSchema });

export const listRingGroupsSchema = pageInputSchema;

export type CreateRingGroupInput = z.infer<typeof createRingGroupSchema>;
export type UpdateRingGroupInput = z.infer<typeof updateRingGroupSchema>;
export type ListRingGroupsInput = z.infer<typeof listRingGroupsSchema>;
