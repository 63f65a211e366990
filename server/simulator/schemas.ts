import { z } from "zod";

export const simulateCallSchema = z.object({
  /** The calling extension; null simulates a call from a carrier to one of the domain's numbers. */
  fromExtensionId: z.string().min(1).nullable(),
  dialed: z
    .string()
    .trim()
    .regex(/^\+?[0-9*#]{1,32}$/, "Digits, * or #, optionally starting with +"),
});

export type SimulateCallInput = z.infer<typeof simulateCallSchema>;
