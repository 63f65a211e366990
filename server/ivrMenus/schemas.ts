import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { extensionNumberSchema } from "@/server/extensions/schemas";
import { destinationSchema } from "@/server/shared/destinationSchema";
import { pageInputSchema } from "@/server/shared/pagination";

/**
 * What FreeSWITCH plays as the greeting: a sound file (relative to the sounds
 * directory, or absolute) or `say:` text for the TTS engine.
 */
export const greetingSchema = z
  .string()
  .trim()
  .min(1, "Required")
  .max(500)
  .refine(
    (g) => /^say:[^${}\\]{1,496}$/.test(g) || /^\/?[A-Za-z0-9_\-./]{1,250}\.(wav|mp3)$/.test(g),
    "A sound file such as ivr/ivr-welcome.wav, or say:Welcome to Acme",
  );

export const ivrOptionSchema = z.object({
  digits: z
    .string()
    .trim()
    .regex(/^[0-9*#]{1,4}$/, "1 to 4 keys: 0-9, * or #"),
  destination: destinationSchema,
});

const ivrMenuFields = z.object({
  number: extensionNumberSchema,
  name: z.string().trim().min(1, "Required").max(100),
  greeting: greetingSchema,
  timeoutSeconds: z.number({ error: "Enter seconds" }).int().min(1).max(60),
  maxFailures: z.number({ error: "Enter a number" }).int().min(1).max(10),
  invalid: destinationSchema,
  timeout: destinationSchema,
  options: z
    .array(ivrOptionSchema)
    .max(20, "At most 20 options")
    .superRefine((options, ctx) => {
      const seen = new Set<string>();
      options.forEach((o, i) => {
        if (seen.has(o.digits)) ctx.addIssue({ code: "custom", path: [i, "digits"], message: "Each key once" });
        seen.add(o.digits);
      });
    }),
});

export const createIvrMenuSchema = ivrMenuFields;
export const updateIvrMenuSchema = ivrMenuFields.extend({ id: idSchema });
export const listIvrMenusSchema = pageInputSchema;

export type CreateIvrMenuInput = z.infer<typeof createIvrMenuSchema>;
export type UpdateIvrMenuInput = z.infer<typeof updateIvrMenuSchema>;
export type ListIvrMenusInput = z.infer<typeof listIvrMenusSchema>;
