import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { destinationSchema, e164Schema } from "@/server/shared/destinationSchema";
import { pageInputSchema } from "@/server/shared/pagination";

export const MAX_RANGE = 10_000;

/** Inclusive range of DIDs of the same length; "to" may be omitted for a single number. */
export const addNumberRangeSchema = z
  .object({
    from: e164Schema,
    to: e164Schema.or(z.literal("").transform(() => undefined)).optional(),
    description: z.string().trim().max(200).optional(),
  })
  .superRefine((r, ctx) => {
    if (!r.to) return;
    if (r.to.length !== r.from.length) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "Use the same number of digits as the first number" });
    } else if (BigInt(r.to) < BigInt(r.from)) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "Must not be before the first number" });
    } else if (BigInt(r.to) - BigInt(r.from) >= MAX_RANGE) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `At most ${MAX_RANGE.toLocaleString("en")} numbers per range`,
      });
    }
  });

export const listNumbersSchema = pageInputSchema.extend({
  status: z.enum(["assigned", "unassigned"]).optional(),
  domainId: idSchema.optional(),
});

export const listTenantNumbersSchema = pageInputSchema;

const numberIds = z.array(idSchema).min(1).max(500);

export const assignNumbersSchema = z.object({ ids: numberIds, domainId: idSchema });
export const unassignNumbersSchema = z.object({ ids: numberIds });
export const deleteNumbersSchema = z.object({ ids: numberIds });

/** Tenant admins: where one of their domain's numbers rings. */
export const setNumberDestinationSchema = z.object({
  id: idSchema,
  destination: destinationSchema,
  description: z.string().trim().max(200).optional(),
});

export type AddNumberRangeInput = z.infer<typeof addNumberRangeSchema>;
export type ListNumbersInput = z.infer<typeof listNumbersSchema>;
export type ListTenantNumbersInput = z.infer<typeof listTenantNumbersSchema>;
export type SetNumberDestinationInput = z.infer<typeof setNumberDestinationSchema>;
