import { z } from "zod";

/** A node as a failover record keeps it: enough to put the assignment back and to show it. */
export const NodeRef = z.object({
  nodeId: z.string(),
  hostname: z.string(),
  priority: z.number().int(),
  weight: z.number().int(),
});
export type NodeRef = z.infer<typeof NodeRef>;

/** The JSON columns of `failover_event`, read back with the same shape they were written with. */
export const NodeRefs = z.array(NodeRef);
