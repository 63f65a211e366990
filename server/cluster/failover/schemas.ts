import { z } from "zod";
import { idSchema } from "@/server/shared/id";

// Input schemas of the failover services, shared by the portal forms and the routers.

export const failoverDetectionRuleSchema = z.enum(["HEARTBEAT_LOST", "KAMAILIO_INACTIVE", "EITHER", "BOTH"]);

export const updateFailoverSettingsSchema = z.object({
  detectionRule: failoverDetectionRuleSchema.optional(),
  /** 0 turns hysteresis off (every detection may move a domain again); at most a day. */
  hysteresisMs: z.coerce.number().int().min(0).max(86_400_000).optional(),
  /** null: restore stays the operator's decision. */
  autoRestoreAfterMin: z.coerce.number().int().min(1).max(10_080).nullable().optional(),
  /** null: drains have no deadline unless one is given. */
  drainDeadlineMin: z.coerce.number().int().min(1).max(10_080).nullable().optional(),
});

export const restoreAssignmentsSchema = z.object({
  domainId: idSchema,
  /** Restore even though the engine still sees every original node down; omitted = refuse then. */
  force: z.boolean().optional(),
});

export const setFailoverPolicySchema = z.object({ domainId: idSchema, failoverEnabled: z.boolean() });

export const setSpareSchema = z.object({ id: idSchema, spare: z.boolean() });

export const placementSchema = z.object({
  extensions: z.coerce.number().int().min(0).max(1_000_000).default(100),
  calls: z.coerce.number().int().min(0).max(100_000).default(10),
});

export const listFailoverEventsSchema = z.object({
  openOnly: z.boolean().default(false),
  domainId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export type UpdateFailoverSettingsInput = z.infer<typeof updateFailoverSettingsSchema>;
export type RestoreAssignmentsInput = z.infer<typeof restoreAssignmentsSchema>;
export type SetFailoverPolicyInput = z.infer<typeof setFailoverPolicySchema>;
export type SetSpareInput = z.infer<typeof setSpareSchema>;
export type PlacementInput = z.infer<typeof placementSchema>;
export type ListFailoverEventsInput = z.infer<typeof listFailoverEventsSchema>;
