import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { pageInputSchema } from "@/server/shared/pagination";

export const createApiTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Required")
    .max(64)
    .regex(/^[\w .@-]+$/, "Letters, digits, spaces and . _ @ - only"),
  /** Days until the token stops working; omit for a token that does not expire. */
  expiresInDays: z.number().int().min(1, "At least 1 day").max(3650, "At most 10 years").optional(),
});

export const listApiTokensSchema = pageInputSchema.extend({
  /** Hide revoked and expired tokens unless asked for. */
  includeInactive: z.boolean().default(false),
});

export const revokeApiTokenSchema = z.object({ id: idSchema });

export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;
export type ListApiTokensInput = z.infer<typeof listApiTokensSchema>;
