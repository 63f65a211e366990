import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { pageInputSchema } from "@/server/shared/pagination";

const optionalText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => v || undefined);

/** Audit log filters; dates are whole days (from 00:00 to the end of "to"), as the form picks them. */
export const listAuditSchema = pageInputSchema.extend({
  domainId: idSchema.optional(),
  actor: optionalText,
  action: optionalText,
  entityType: optionalText,
  from: z.iso
    .date()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  to: z.iso
    .date()
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export type ListAuditInput = z.infer<typeof listAuditSchema>;
