import { z } from "zod";
import { idSchema } from "@/server/shared/id";
import { SipTransport } from "@/server/db/generated/enums";
import { pageInputSchema } from "@/server/shared/pagination";

/** The FreeSWITCH gateway name: it appears in dial strings, so a safe token only. */
export const gatewayNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "Letters, digits, - and _ (up to 63), e.g. carrier-east");

/** A host name or IPv4 address: it lands in FreeSWITCH's gateway and ACL config. */
export const sipHostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)$/,
    "A host name or IPv4 address, e.g. sip.carrier.example",
  );

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[\x21-\x7e]*$/, "Printable characters without spaces")
    .nullable()
    .transform((v) => (v === "" ? null : v));

const trunkFields = {
  name: gatewayNameSchema,
  proxyHost: sipHostSchema,
  proxyPort: z.number().int().min(1).max(65_535),
  transport: z.enum(SipTransport),
  realm: optionalText(253),
  username: optionalText(64),
  register: z.boolean(),
  expireSeconds: z.number().int().min(60).max(86_400),
  callerIdInFrom: z.boolean(),
  pingSeconds: z.number().int().min(0).max(3_600),
  enabled: z.boolean(),
};

/** Write-only: never returned. Empty = no password (IP-authenticated trunk). */
const trunkPasswordSchema = z
  .string()
  .max(128)
  .regex(/^[\x21-\x7e]*$/, "Printable characters without spaces");

function registrationNeedsCredentials(t: { register?: boolean; username?: string | null }, ctx: z.RefinementCtx) {
  if (t.register && !t.username)
    ctx.addIssue({ code: "custom", path: ["username"], message: "Registration needs a username" });
}

export const createTrunkSchema = z
  .object({ ...trunkFields, password: trunkPasswordSchema.optional() })
  .superRefine(registrationNeedsCredentials);

export const updateTrunkSchema = z
  .object({
    id: idSchema,
    ...trunkFields,
    /** Omitted = keep the stored password; "" = remove it. */
    password: trunkPasswordSchema.optional(),
  })
  .superRefine(registrationNeedsCredentials);

export const listTrunksSchema = pageInputSchema;

export type CreateTrunkInput = z.infer<typeof createTrunkSchema>;
export type UpdateTrunkInput = z.infer<typeof updateTrunkSchema>;
export type ListTrunksInput = z.infer<typeof listTrunksSchema>;
