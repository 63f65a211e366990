import { z } from "zod";
import { extensionNumberSchema } from "@/server/extensions/schemas";
import { idSchema } from "@/server/shared/id";
import { pageInputSchema } from "@/server/shared/pagination";

/** Typed on a keypad and compared by mod_conference: digits only; empty or null = no PIN. */
const roomPinSchema = z
  .string()
  .trim()
  .regex(/^([0-9]{4,12})?$/, "4 to 12 digits, or empty for none")
  .nullable()
  .transform((p) => (p === "" ? null : p));

const conferenceRoomFields = z.object({
  number: extensionNumberSchema,
  name: z.string().trim().min(1, "Required").max(100),
  pin: roomPinSchema,
  moderatorPin: roomPinSchema,
  maxMembers: z
    .number({ error: "Enter a number" })
    .int()
    .min(0)
    .max(500, "At most 500")
    // mod_conference ignores a limit of 1 ("not setting a limit"): refuse it rather than surprise.
    .refine((n) => n !== 1, "0 for no limit, or 2 to 500"),
  record: z.boolean(),
});

const distinctPins = <T extends { pin: string | null; moderatorPin: string | null }>(room: T, ctx: z.RefinementCtx) => {
  // mod_conference checks the participant PIN first: a shared PIN would never make a moderator.
  if (room.pin !== null && room.pin === room.moderatorPin)
    ctx.addIssue({ code: "custom", path: ["moderatorPin"], message: "Must differ from the participant PIN" });
};

export const createConferenceRoomSchema = conferenceRoomFields.superRefine(distinctPins);
export const updateConferenceRoomSchema = conferenceRoomFields.extend({ id: idSchema }).superRefine(distinctPins);
export const listConferenceRoomsSchema = pageInputSchema;

export type CreateConferenceRoomInput = z.infer<typeof createConferenceRoomSchema>;
export type UpdateConferenceRoomInput = z.infer<typeof updateConferenceRoomSchema>;
export type ListConferenceRoomsInput = z.infer<typeof listConferenceRoomsSchema>;
