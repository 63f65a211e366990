import { z } from "zod";

/** Slots are dialled like extensions: 2 to 8 digits, no leading zero (mod_valet_parking counts them as integers). */
const slotSchema = z
  .number({ error: "Enter a slot number" })
  .int("Whole numbers only")
  .min(10, "At least 10")
  .max(99_999_999, "At most 8 digits");

export const MAX_PARKING_SLOTS = 1000;

/** Parks the call in the first free slot (phones blind-transfer a call here). */
export const PARK_CODE = "*70";

export const updateParkingSchema = z
  .object({
    enabled: z.boolean(),
    firstSlot: slotSchema,
    lastSlot: slotSchema,
    /** Seconds before an unretrieved call rings the phone that parked it again. */
    timeoutSeconds: z
      .number({ error: "Enter seconds" })
      .int()
      .min(15, "At least 15 seconds")
      .max(3600, "At most 3600 seconds"),
  })
  .superRefine((lot, ctx) => {
    if (lot.lastSlot < lot.firstSlot)
      ctx.addIssue({ code: "custom", path: ["lastSlot"], message: "Must not be below the first slot" });
    else if (lot.lastSlot - lot.firstSlot + 1 > MAX_PARKING_SLOTS)
      ctx.addIssue({ code: "custom", path: ["lastSlot"], message: `At most ${MAX_PARKING_SLOTS} slots` });
  });

export type UpdateParkingInput = z.infer<typeof updateParkingSchema>;
