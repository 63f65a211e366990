import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { pageInputSchema } from "@/server/shared/pagination";

/** Dialled by members: `*8` answers a call ringing in the caller's groups, `**<ext>` one ringing that extension. */
export const PICKUP_CODES = { group: "*8", directed: "**" } as const;

const pickupGroupFields = z.object({
  name: z.string().trim().min(1, "Required").max(100),
  /** Extension ids; order has no meaning (every member's calls ring the group at once). */
  memberIds: z
    .array(idSchema)
    .max(200, "At most 200 members")
    .refine((ids) => new Set(ids).size === ids.length, "An extension can be a member only once"),
});

export const createPickupGroupSchema = pickupGroupFields;
export const updatePickupGroupSchema = pickupGroupFields.extend({ id: idSchema });
export const listPickupGroupsSchema = pageInputSchema;

export type CreatePickupGroupInput = z.infer<typeof createPickupGroupSchema>;
export type UpdatePickupGroupInput = z.infer<typeof updatePickupGroupSchema>;
export type ListPickupGroupsInput = z.infer<typeof listPickupGroupsSchema>;
