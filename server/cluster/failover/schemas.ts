import { z } from "zod";

// Input schemas of the failover services, shared by the portal forms and the routers.

const Id = z.string().min(1).max(64);

export const FailoverDetectionRuleSchema = z.enum(["HEARTBEAT_LOST", "KAMAILIO_INACTIVE", "EITHER", "BOTH"]);

export const UpdateFailoverSettingsInput = z.object({
  detectionRule: FailoverDetectionRuleSchema.optional(),
  /** 0 turns hysteresis off (every detection may move a domain again); at most a day. */
  hysteresisMs: z.coerce.number().int().min(0).max(86_400_000).optional(),
  /** null: restore stays the operator's decision. */
  autoRestoreAfterMin: z.coerce.number().int().min(1).max(10_080).nullable().optional(),
  /** null: drains have no deadline unless one is given. */
  drainDeadlineMin: z.coerce.number().int().min(1).max(10_080).nullable().optional(),
});
export type UpdateFailoverSettingsInput = z.input<typeof UpdateFailoverSettingsInput>;

export const RestoreAssignmentsInput = z.object({
  domainId: Id,
  /** Restore even though the engine still sees every original node down. */
  force: z.boolean().default(false),
});
export type RestoreAssignmentsInput = z.input<typeof RestoreAssignmentsInput>;

export const SetFailoverPolicyInput = z.object({ domainId: Id, failoverEnabled: z.boolean() });

export const SetSpareInput = z.object({ id: Id, spare: z.boolean() });

export const DrainNodeInput = z.object({
  id: Id,
  /** Minutes until the calls still up are listed for hang-up; omitted = the platform default. */
  deadlineMinutes: z.coerce.number().int().min(1).max(10_080).optional(),
});
export type DrainNodeInput = z.input<typeof DrainNodeInput>;

export const PlacementInput = z.object({
  extensions: z.coerce.number().int().min(0).max(1_000_000).default(100),
  calls: z.coerce.number().int().min(0).max(100_000).default(10),
});
export type PlacementInput = z.input<typeof PlacementInput>;

export const ListFailoverEventsInput = z.object({
  openOnly: z.boolean().default(false),
  domainId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListFailoverEventsInput = z.input<typeof ListFailoverEventsInput>;
