import { z } from "zod";
import { NodeHost, NodePort } from "./nodeAddress";

// Input schemas of the cluster services, shared by the portal forms and the tRPC router.

const Id = z.string().min(1).max(64);
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

export const NodeAdminStateSchema = z.enum(["ACTIVE", "DRAINING", "MAINTENANCE"]);

export const CreateNodeInput = z.object({
  hostname: Hostname,
  sipAddress: NodeHost,
  sipPort: NodePort.default(5060),
  /** The external (trunk) profile's port; null = sipPort + 20. */
  externalSipPort: NodePort.nullish(),
  eslHost: NodeHost,
  eslPort: NodePort.default(8021),
  eslPassword: z.string().min(1).max(128),
  capacity: z.coerce.number().int().min(1).max(100_000).default(500),
  weight: z.coerce.number().int().min(1).max(1000).default(100),
  allowedSources: z.array(Cidr).max(50).default([]),
});
/** What callers pass (defaults not yet applied). */
export type CreateNodeInput = z.input<typeof CreateNodeInput>;

export const UpdateNodeInput = CreateNodeInput.partial()
  .omit({ hostname: true })
  .extend({ id: Id, eslPassword: z.string().min(1).max(128).optional() });
export type UpdateNodeInput = z.input<typeof UpdateNodeInput>;

export const SetNodeAdminStateInput = z.object({
  id: Id,
  adminState: NodeAdminStateSchema,
  /** DRAINING only: minutes until the calls still up are listed for hang-up (default: the platform's). */
  drainDeadlineMinutes: z.coerce.number().int().min(1).max(10_080).optional(),
});

const RpcUrl = z
  .string()
  .max(2048)
  .url()
  .refine((u) => /^https?:\/\//.test(u), "http(s) URL");

export const CreateSipProxyInput = z.object({
  name: z.string().trim().min(1).max(64),
  rpcUrl: RpcUrl,
  rpcUsername: z.string().max(64).nullish(),
  rpcPassword: z.string().max(128).nullish(),
  enabled: z.boolean().default(true),
});
export type CreateSipProxyInput = z.input<typeof CreateSipProxyInput>;

export const UpdateSipProxyInput = CreateSipProxyInput.partial().extend({ id: Id });
export type UpdateSipProxyInput = z.input<typeof UpdateSipProxyInput>;

export const AssignedNode = z.object({
  nodeId: Id,
  /** Lower first (Kamailio dispatcher priority). */
  priority: z.coerce.number().int().min(0).max(1000).default(0),
  weight: z.coerce.number().int().min(1).max(1000).default(100),
});

/** An empty node list returns the domain to the general pool (set 1). */
export const SetDomainNodesInput = z.object({ domainId: Id, nodes: z.array(AssignedNode).max(32) });
export type SetDomainNodesInput = z.input<typeof SetDomainNodesInput>;

export const BulkAssignInput = z.object({
  domainIds: z.array(Id).min(1).max(100_000),
  nodes: z.array(AssignedNode).max(32),
});
export type BulkAssignInput = z.input<typeof BulkAssignInput>;

export const IdInput = z.object({ id: Id });
