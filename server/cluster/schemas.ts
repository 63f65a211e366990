import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { NodeHost, NodePort } from "./nodeAddress";

// Input schemas of the cluster services, shared by the portal forms and the tRPC router.
// Fields the database has a default for stay optional here (the column default applies):
// a zod default would also fill them into a partial update and overwrite what is stored.

const Hostname = z
  .string()
  .trim()
  .min(1)
  .max(63)
  .regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, "letters, digits, dots and hyphens");
const Cidr = z
  .string()
  .trim()
  .max(43)
  .regex(/^[0-9a-fA-F.:]+(\/\d{1,3})?$/, "an address or CIDR");

export const nodeAdminStateSchema = z.enum(["ACTIVE", "DRAINING", "MAINTENANCE"]);

export const createNodeSchema = z.object({
  hostname: Hostname,
  sipAddress: NodeHost,
  sipPort: NodePort.optional(),
  /** The external (trunk) profile's port; null = sipPort + 20. */
  externalSipPort: NodePort.nullish(),
  eslHost: NodeHost,
  eslPort: NodePort.optional(),
  eslPassword: z.string().min(1).max(128),
  capacity: z.coerce.number().int().min(1).max(100_000).optional(),
  weight: z.coerce.number().int().min(1).max(1000).optional(),
  allowedSources: z.array(Cidr).max(50).optional(),
});

export const updateNodeSchema = createNodeSchema
  .partial()
  .omit({ hostname: true })
  .extend({ id: idSchema, eslPassword: z.string().min(1).max(128).optional() });

export const setNodeAdminStateSchema = z.object({
  id: idSchema,
  adminState: nodeAdminStateSchema,
  /** DRAINING only: minutes until the calls still up are listed for hang-up (default: the platform's). */
  drainDeadlineMinutes: z.coerce.number().int().min(1).max(10_080).optional(),
});

const RpcUrl = z
  .string()
  .max(2048)
  .url()
  .refine((u) => /^https?:\/\//.test(u), "http(s) URL");

export const createSipProxySchema = z.object({
  name: z.string().trim().min(1).max(64),
  rpcUrl: RpcUrl,
  rpcUsername: z.string().max(64).nullish(),
  rpcPassword: z.string().max(128).nullish(),
  enabled: z.boolean().optional(),
});

export const updateSipProxySchema = createSipProxySchema.partial().extend({ id: idSchema });

export const assignedNodeSchema = z.object({
  nodeId: idSchema,
  /** Lower first (Kamailio dispatcher priority); default 0. */
  priority: z.coerce.number().int().min(0).max(1000).optional(),
  /** Default 100. */
  weight: z.coerce.number().int().min(1).max(1000).optional(),
});

/** An empty node list returns the domain to the general pool (set 1). */
export const setDomainNodesSchema = z.object({ domainId: idSchema, nodes: z.array(assignedNodeSchema).max(32) });

export const bulkAssignSchema = z.object({
  domainIds: z.array(idSchema).min(1).max(100_000),
  nodes: z.array(assignedNodeSchema).max(32),
});

export const idInputSchema = z.object({ id: idSchema });

export type CreateNodeInput = z.infer<typeof createNodeSchema>;
export type UpdateNodeInput = z.infer<typeof updateNodeSchema>;
export type SetNodeAdminStateInput = z.infer<typeof setNodeAdminStateSchema>;
export type CreateSipProxyInput = z.infer<typeof createSipProxySchema>;
export type UpdateSipProxyInput = z.infer<typeof updateSipProxySchema>;
export type AssignedNodeInput = z.infer<typeof assignedNodeSchema>;
export type SetDomainNodesInput = z.infer<typeof setDomainNodesSchema>;
export type BulkAssignInput = z.infer<typeof bulkAssignSchema>;
