import { z } from "zod";
import { idSchema } from "@/server/shared/id";

/** A destination prefix as dialled ("+44", "1900"); 00/011 are read as "+", so enter those as "+". */
export const destinationPrefixSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9]{1,15}$/, "Digits, optionally starting with + (e.g. +44 or 1900)");

const perSecond = z.number().int().min(0, "0 = no limit").max(1_000);
const concurrent = z.number().int().min(0, "0 = no limit").max(100_000);
const dailyMinutes = z.number().int().min(0).max(10_000_000).nullable();

/** A tenant's abuse limits: set by platform admins, read by the tenant's admins. */
export const tenantCallLimitsSchema = z.object({
  outboundCallsPerSecond: perSecond,
  maxOutboundCalls: concurrent,
  edgeCallsPerSecond: perSecond,
  edgeConcurrentCalls: concurrent,
  allowInternational: z.boolean(),
  allowPremium: z.boolean(),
  allowedPrefixes: z.array(destinationPrefixSchema).max(100),
  tenantDailyMinutes: dailyMinutes,
  extensionDailyMinutes: dailyMinutes,
});

export const setTenantCallLimitsSchema = tenantCallLimitsSchema.extend({ domainId: idSchema });

export const setOutboundBlockSchema = z.object({
  domainId: idSchema,
  blocked: z.boolean(),
  reason: z.string().trim().min(1, "Say why").max(200).optional(),
});

/** The platform's switches. */
export const callLimitPolicySchema = z.object({
  autoBlockEnabled: z.boolean(),
  tripThreshold: z.number().int().min(1).max(100_000),
  tripWindowMinutes: z.number().int().min(1).max(1_440),
  premiumPrefixes: z.array(destinationPrefixSchema).max(500),
});

export const acknowledgeNoticeSchema = z.object({ id: z.string().regex(/^[0-9]{1,19}$/, "Notice id") });

export type TenantCallLimitsInput = z.infer<typeof tenantCallLimitsSchema>;
export type SetTenantCallLimitsInput = z.infer<typeof setTenantCallLimitsSchema>;
export type SetOutboundBlockInput = z.infer<typeof setOutboundBlockSchema>;
export type CallLimitPolicyInput = z.infer<typeof callLimitPolicySchema>;

// ── The console forms: prefixes as one text field, empty minutes = no cap ──

const splitPrefixes = (text: string) => text.split(/[\s,]+/).filter((p) => p !== "");
/** A comma-separated list, checked as a whole so the error sits on the one field. */
const prefixList = (max: number) =>
  z
    .string()
    .refine(
      (text) => splitPrefixes(text).every((p) => destinationPrefixSchema.safeParse(p).success),
      "Prefixes are digits, optionally starting with + (e.g. +44, 1900), separated by commas",
    )
    .refine((text) => splitPrefixes(text).length <= max, `At most ${max} prefixes`)
    .transform(splitPrefixes);
const optionalMinutes = z
  .string()
  .trim()
  .transform((v) => (v === "" ? null : Number(v)))
  .pipe(dailyMinutes);

export const callLimitsFormSchema = tenantCallLimitsSchema.extend({
  allowedPrefixes: prefixList(100),
  tenantDailyMinutes: optionalMinutes,
  extensionDailyMinutes: optionalMinutes,
});

export const callLimitPolicyFormSchema = callLimitPolicySchema.extend({ premiumPrefixes: prefixList(500) });
