import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { pageInputSchema } from "@/server/shared/pagination";

export const extensionNumberSchema = z
  .string()
  .trim()
  .regex(/^[0-9]{2,10}$/, "2 to 10 digits");

/** Where a forward goes: an extension, a ring group or an outside number. */
export const dialTargetSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9]{2,20}$/, "Digits only, optionally starting with +");

export const voicemailPinSchema = z.string().regex(/^[0-9]{4,10}$/, "4 to 10 digits");

/** A SIP password chosen by the caller: long, since phones are attacked for toll fraud. */
export const sipPasswordSchema = z
  .string()
  .min(12, "At least 12 characters")
  .max(64)
  .refine((p) => /[a-z]/.test(p) && /[A-Z]/.test(p) && /[0-9]/.test(p), "Mix upper case, lower case and digits")
  .refine((p) => /^[\x21-\x7e]+$/.test(p), "Printable ASCII without spaces");

const callerIdName = z.string().trim().max(50).optional().nullable();
const callerIdNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9]{2,20}$/, "Digits only, optionally starting with +")
  .optional()
  .nullable()
  .or(z.literal("").transform(() => null));

/** The settings an end user may change on their own extension. */
export const extensionSelfSettingsSchema = z.object({
  forwardAlwaysEnabled: z.boolean(),
  forwardAlwaysTarget: dialTargetSchema.nullable(),
  forwardBusyEnabled: z.boolean(),
  forwardBusyTarget: dialTargetSchema.nullable(),
  forwardNoAnswerEnabled: z.boolean(),
  forwardNoAnswerTarget: dialTargetSchema.nullable(),
  noAnswerTimeout: z.number().int().min(5).max(120),
  dnd: z.boolean(),
});

function forwardsHaveTargets(s: Partial<z.infer<typeof extensionSelfSettingsSchema>>, ctx: z.RefinementCtx) {
  for (const kind of ["Always", "Busy", "NoAnswer"] as const) {
    if (s[`forward${kind}Enabled`] && !s[`forward${kind}Target`]) {
      ctx.addIssue({ code: "custom", path: [`forward${kind}Target`], message: "Enter where calls go" });
    }
  }
}

const extensionFields = extensionSelfSettingsSchema.extend({
  displayName: z.string().trim().min(1, "Required").max(100),
  voicemailEnabled: z.boolean(),
  voicemailEmail: z
    .string()
    .trim()
    .toLowerCase()
    .email()
    .max(254)
    .nullable()
    .or(z.literal("").transform(() => null)),
  internalCallerIdName: callerIdName,
  internalCallerIdNumber: callerIdNumber,
  externalCallerIdName: callerIdName,
  externalCallerIdNumber: callerIdNumber,
  maxCalls: z.number().int().min(0).max(100),
  codecs: z
    .array(z.enum(["OPUS", "G722", "PCMU", "PCMA", "G729"]))
    .min(1)
    .max(5),
  recordCalls: z.boolean(),
  tollAllow: z.array(z.enum(["local", "domestic", "international"])).max(3),
  cidr: z
    .string()
    .trim()
    .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, "IPv4 CIDR, e.g. 203.0.113.0/24")
    .nullable()
    .or(z.literal("").transform(() => null)),
  enabled: z.boolean(),
});

export const createExtensionSchema = extensionFields
  .partial()
  .extend({
    number: extensionNumberSchema,
    displayName: z.string().trim().min(1, "Required").max(100),
    /** Leave empty to have a strong one generated. */
    sipPassword: sipPasswordSchema.optional(),
    voicemailPin: voicemailPinSchema.optional(),
  })
  .superRefine(forwardsHaveTargets);

export const updateExtensionSchema = extensionFields
  .partial()
  .extend({ id: idSchema, voicemailPin: voicemailPinSchema.optional() })
  .superRefine(forwardsHaveTargets);

export const updateOwnExtensionSchema = extensionSelfSettingsSchema
  .extend({ voicemailPin: voicemailPinSchema.optional() })
  .superRefine(forwardsHaveTargets);

export const resetSipPasswordSchema = z.object({ id: idSchema, sipPassword: sipPasswordSchema.optional() });

export const listExtensionsSchema = pageInputSchema.extend({
  sort: z.enum(["number", "displayName", "updatedAt"]).default("number"),
  direction: z.enum(["asc", "desc"]).default("asc"),
  enabled: z.boolean().optional(),
});

export type CreateExtensionInput = z.infer<typeof createExtensionSchema>;
export type UpdateExtensionInput = z.infer<typeof updateExtensionSchema>;
export type UpdateOwnExtensionInput = z.infer<typeof updateOwnExtensionSchema>;
export type ListExtensionsInput = z.infer<typeof listExtensionsSchema>;
