import { z } from "zod";
import { extensionNumberSchema } from "@/server/extensions/schemas";

export const simulateCallSchema = z.object({
  /** The calling extension's number; null simulates a call from a carrier to one of the domain's numbers. */
  fromExtension: extensionNumberSchema.nullable(),
  dialed: z
    .string()
    .trim()
    .regex(/^\+?[0-9*#]{1,32}$/, "Digits, * or #, optionally starting with +"),
});

export type SimulateCallInput = z.infer<typeof simulateCallSchema>;
