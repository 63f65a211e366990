import { z } from "zod";
import { extensionNumberSchema } from "@/server/extensions/schemas";

export const simulateCallSchema = z.object({
  /** The calling extension's number; null simulates a call from a carrier to one of the domain's numbers. */
  fromExtension: extensionNumberSchema.nullable(),
  dialed: z
    .string()
    .trim()
    .regex(/^\+?[0-9*#]{1,32}$/, "Digits, * or #, optionally starting with +"),
  /** When the call happens, on the domain's wall clock ("YYYY-MM-DDTHH:MM"); empty or absent = now. */
  at: z
    .string()
    .trim()
    .regex(/^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2})?$/, "Date and time, e.g. 2026-12-01T17:59")
    .refine((v) => v === "" || !Number.isNaN(Date.parse(`${v}:00Z`)), "Not a real date and time")
    .optional()
    .transform((v) => (v ? v : undefined)),
});

export type SimulateCallInput = z.infer<typeof simulateCallSchema>;
