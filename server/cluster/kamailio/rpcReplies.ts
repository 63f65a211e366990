import { z } from "zod";

// Shapes of the Kamailio 5.6 RPC replies we read back (see shared/docs/kamailio.md).

const Target = z.object({
  DEST: z.object({
    URI: z.string(),
    /** First letter A/I/T/D = active/inactive/trying/disabled, second P/X = probing or not. */
    FLAGS: z.string(),
    PRIORITY: z.number(),
    ATTRS: z.object({ BODY: z.string().nullish() }).optional(),
  }),
});

export const DispatcherListReply = z.object({
  NRSETS: z.number(),
  RECORDS: z
    .array(z.object({ SET: z.object({ ID: z.number(), TARGETS: z.array(Target).default([]) }) }))
    .nullish()
    .transform((r) => r ?? []),
});

export type LiveDestination = {
  setId: number;
  uri: string;
  /** As reported, e.g. "AP", "IP", "TP", "DX". */
  flags: string;
  /** The first letter of `flags`: A/I/T/D. */
  state: string;
  priority: number;
  attrs: string;
};

export function liveDestinations(reply: z.infer<typeof DispatcherListReply>): LiveDestination[] {
  return reply.RECORDS.flatMap((r) =>
    r.SET.TARGETS.map((t) => ({
      setId: r.SET.ID,
      uri: t.DEST.URI,
      flags: t.DEST.FLAGS,
      state: t.DEST.FLAGS.charAt(0),
      priority: t.DEST.PRIORITY,
      attrs: t.DEST.ATTRS?.BODY ?? "",
    })),
  );
}

export const HtableDumpReply = z.array(
  z.object({
    slot: z.array(z.object({ name: z.string(), value: z.union([z.string(), z.number()]) })),
  }),
);

/** Domain → `domainset` value as Kamailio holds it ("<set>" or "<set>:own", see desiredState). */
export function liveDomainValues(reply: z.infer<typeof HtableDumpReply>): Map<string, string> {
  return new Map(reply.flatMap((e) => e.slot.map((s) => [s.name, String(s.value)] as const)));
}

/** Domain → dispatcher set id. */
export function liveDomainSets(reply: z.infer<typeof HtableDumpReply>): Map<string, number> {
  return new Map([...liveDomainValues(reply)].map(([name, value]) => [name, parseInt(value, 10)]));
}

export const OkReply = z.unknown();

export const HtableGetReply = z.object({
  item: z.object({ name: z.string(), value: z.union([z.string(), z.number()]) }),
});

/** `up_since` changes when Kamailio restarts (and reloads everything from the database). */
export const UptimeReply = z.object({ up_since: z.string() });
