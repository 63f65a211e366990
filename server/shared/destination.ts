import { z } from "zod";
import type { DbTx } from "@/server/db/client";
import type { DestinationType } from "@/server/db/generated/enums";
import { ConflictError } from "@/server/tenancy/errors";

export const DESTINATION_TYPES = ["EXTENSION", "RING_GROUP", "IVR_MENU", "VOICEMAIL", "EXTERNAL", "HANGUP"] as const;

export const DESTINATION_LABELS: Record<DestinationType, string> = {
  EXTENSION: "Extension",
  RING_GROUP: "Ring group",
  IVR_MENU: "IVR menu",
  VOICEMAIL: "Voicemail box",
  EXTERNAL: "Outside number",
  HANGUP: "Hang up",
};

const localNumber = /^[0-9]{2,10}$/;
const e164 = /^\+[1-9][0-9]{7,14}$/;

/** A public number: "+", then 8 to 15 digits. */
export const e164Schema = z.string().trim().regex(e164, "E.164 number, e.g. +15551234567");

/**
 * Where a call goes (DIDs, ring group fallback, IVR options and timeouts): a number
 * dialable in the domain, an E.164 number for EXTERNAL, nothing for HANGUP.
 */
export const destinationSchema = z
  .object({
    type: z.enum(DESTINATION_TYPES),
    target: z
      .string()
      .trim()
      .max(20)
      .nullable()
      .transform((t) => (t === "" ? null : t)),
  })
  .superRefine((d, ctx) => {
    if (d.type === "HANGUP") return;
    const ok = d.target !== null && (d.type === "EXTERNAL" ? e164 : localNumber).test(d.target);
    if (!ok) {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        message:
          d.type === "EXTERNAL" ? "E.164 number, e.g. +15551234567" : "The number in this domain (2 to 10 digits)",
      });
    }
  })
  .transform((d) => ({ type: d.type, target: d.type === "HANGUP" ? null : d.target }));

export type Destination = z.output<typeof destinationSchema>;

/** Checks a destination points at something that exists in the domain (EXTERNAL and HANGUP always do). */
export async function assertDestinationExists(
  tx: DbTx,
  domainId: string,
  destination: Destination,
  field: string,
): Promise<void> {
  const { type, target } = destination;
  if (type === "HANGUP" || type === "EXTERNAL" || target === null) return;
  const where = { domainId, number: target };
  const found =
    type === "EXTENSION"
      ? await tx.extension.findFirst({ where, select: { id: true } })
      : type === "VOICEMAIL"
        ? await tx.extension.findFirst({ where: { ...where, voicemailEnabled: true }, select: { id: true } })
        : type === "RING_GROUP"
          ? await tx.ringGroup.findFirst({ where, select: { id: true } })
          : await tx.ivrMenu.findFirst({ where, select: { id: true } });
  if (!found) {
    const what = type === "VOICEMAIL" ? "extension with voicemail" : DESTINATION_LABELS[type].toLowerCase();
    throw new ConflictError(`There is no ${what} ${target} in this domain`, field);
  }
}

/**
 * What still sends calls to an extension, its voicemail, a ring group or an IVR menu, as
 * human-readable labels; deleting something in use would leave callers hearing a dead end.
 */
export async function findDestinationReferences(
  tx: DbTx,
  domainId: string,
  type: Exclude<DestinationType, "EXTERNAL" | "HANGUP">,
  number: string,
  /** The entity itself: its own fallback or "repeat this menu" options do not count. */
  self?: string,
): Promise<string[]> {
  const notSelf = self ? { id: { not: self } } : {};
  const [numbers, groups, options, menus] = await Promise.all([
    tx.phoneNumber.findMany({ where: { domainId, destType: type, destTarget: number }, select: { e164: true } }),
    tx.ringGroup.findMany({
      where: { domainId, ...notSelf, fallbackType: type, fallbackTarget: number },
      select: { name: true },
    }),
    tx.ivrOption.findMany({
      where: { destType: type, destTarget: number, menu: { domainId, ...notSelf } },
      select: { digits: true, menu: { select: { name: true } } },
    }),
    tx.ivrMenu.findMany({
      where: {
        domainId,
        ...notSelf,
        OR: [
          { invalidType: type, invalidTarget: number },
          { timeoutType: type, timeoutTarget: number },
        ],
      },
      select: { name: true },
    }),
  ]);
  return [
    ...numbers.map((n) => `phone number ${n.e164}`),
    ...groups.map((g) => `ring group "${g.name}" (fallback)`),
    ...options.map((o) => `IVR menu "${o.menu.name}" (key ${o.digits})`),
    ...menus.map((m) => `IVR menu "${m.name}" (invalid or timeout)`),
  ];
}
