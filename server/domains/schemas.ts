import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { pageInputSchema } from "@/server/shared/pagination";
import { timeZoneSchema } from "@/server/timeConditions/schemas";

// RFC 1123 host name, at least two labels, lower-cased: it is the SIP domain and
// the FreeSWITCH dialplan context, so no trailing dot and no upper case.
export const domainNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
    "Enter a fully qualified domain name, e.g. acme.voice.example.com",
  );

export const emailSchema = z.string().trim().toLowerCase().email("Enter a valid email address").max(254);

/** Portal passwords: long rather than complex (NIST 800-63B). */
export const portalPasswordSchema = z.string().min(10, "Use at least 10 characters").max(256);

const domainLimits = {
  displayName: z.string().trim().min(1, "Required").max(100),
  maxExtensions: z.number().int().min(1).max(1_000_000),
  maxConcurrentCalls: z.number().int().min(1).max(100_000),
  /** Plan limit; 0 turns conference rooms off for the tenant. Omitted on create: the default (10). */
  maxConferenceRooms: z.number({ error: "Enter a number" }).int().min(0).max(10_000).optional(),
  /** Plan limit; 0 turns call queues off for the tenant. Omitted on create: the default (5). */
  maxQueues: z.number({ error: "Enter a number" }).int().min(0).max(10_000).optional(),
  allowTenantRoutes: z.boolean(),
};

export const createDomainSchema = z.object({
  name: domainNameSchema,
  ...domainLimits,
  /** Optionally create the tenant's first admin in the same step. */
  admin: z
    .object({ email: emailSchema, name: z.string().trim().min(1).max(100), password: portalPasswordSchema })
    .optional(),
  /** The nodes to serve it; [] = the general pool; omitted = the placement suggestion (least-loaded group with room). */
  nodeIds: z.array(idSchema).max(32).optional(),
  /** Default true: when all of its nodes are down, Kamailio sends its calls to any node. */
  fallbackToAnyNode: z.boolean().optional(),
});

export const updateDomainSchema = z
  .object({
    id: idSchema,
    ...domainLimits,
    /** When all of its own nodes are down, Kamailio may send its calls to any node (false: "only my nodes"). */
    fallbackToAnyNode: z.boolean(),
    /** The IANA zone its business hours are judged in (its admins may also set it). */
    timeZone: timeZoneSchema,
  })
  .partial({
    displayName: true,
    maxExtensions: true,
    maxConcurrentCalls: true,
    allowTenantRoutes: true,
    fallbackToAnyNode: true,
    timeZone: true,
  });

export const listDomainsSchema = pageInputSchema.extend({
  status: z.enum(["ACTIVE", "SUSPENDED"]).optional(),
});

export const deleteDomainSchema = z.object({
  id: idSchema,
  /** The domain name typed again, so a slip of the mouse deletes nothing. */
  confirmName: z.string().max(253),
});

export type CreateDomainInput = z.infer<typeof createDomainSchema>;
export type UpdateDomainInput = z.infer<typeof updateDomainSchema>;
export type ListDomainsInput = z.infer<typeof listDomainsSchema>;
