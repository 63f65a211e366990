import { z } from "zod";
import { contactUri, uniqueNames, type ChannelRow, type LiveChannelState, type RegistrationRow } from "./liveChanges";

/**
 * Registrations are read from `sofia xmlstatus profile <p> reg` rather than `show registrations`:
 * the core table behind the latter is written asynchronously and lagged a minute on a real node.
 */
export const registrationsCommand = (profile: string) => `sofia xmlstatus profile ${profile} reg`;
export const CHANNELS_COMMAND = "show channels as json";

const ENTITIES: Record<string, string> = { quot: '"', lt: "<", gt: ">", amp: "&", apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(quot|lt|gt|amp|apos|#\d+);/g, (_, name: string) =>
    name.startsWith("#") ? String.fromCharCode(Number(name.slice(1))) : ENTITIES[name]!,
  );
}

function tag(block: string, name: string): string {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(block);
  return m ? unescapeXml(m[1]!.trim()) : "";
}

/** The registrations in a `sofia xmlstatus profile <p> reg` reply; expiry from `expsecs(N)`, counted from `now`. */
export function parseRegistrationStatus(xml: string, profile: string, now: Date): RegistrationRow[] {
  if (!/<registrations\s*\/?>/.test(xml)) {
    throw new Error(`unexpected reply to ${registrationsCommand(profile)}: ${xml.trim().slice(0, 80)}`);
  }
  const rows: RegistrationRow[] = [];
  for (const m of xml.matchAll(/<registration>([\s\S]*?)<\/registration>/g)) {
    const block = m[1]!;
    const aor = tag(block, "user");
    const at = aor.lastIndexOf("@");
    const user = tag(block, "sip-auth-user") || (at > 0 ? aor.slice(0, at) : aor);
    const realm = (tag(block, "sip-auth-realm") || (at > 0 ? aor.slice(at + 1) : "")).toLowerCase();
    const contact = contactUri(tag(block, "contact"));
    if (!user || !realm || !contact) continue;
    const expsecs = /expsecs\((\d+)\)/.exec(tag(block, "status"));
    rows.push({
      realm,
      user,
      contact,
      callId: tag(block, "call-id"),
      userAgent: tag(block, "agent"),
      networkIp: tag(block, "network-ip"),
      networkPort: Number(tag(block, "network-port")) || 0,
      profile,
      expiresAt: new Date(now.getTime() + Number(expsecs?.[1] ?? 0) * 1000),
    });
  }
  return rows;
}

const ChannelsReply = z.object({
  row_count: z.number(),
  rows: z
    .array(
      z.looseObject({
        uuid: z.string().min(1),
        direction: z.string().default(""),
        created_epoch: z.string().default("0"),
        name: z.string().default(""),
        cid_name: z.string().default(""),
        cid_num: z.string().default(""),
        dest: z.string().default(""),
        callstate: z.string().default(""),
        call_uuid: z.string().default(""),
        presence_id: z.string().default(""),
      }),
    )
    .default([]),
});

function stateOf(callstate: string): LiveChannelState {
  if (callstate === "ACTIVE") return "ANSWERED";
  if (callstate === "HELD") return "HELD";
  return "RINGING";
}

/** The channels in a `show channels as json` reply (`{"row_count":0}` when none are up). */
export function parseChannels(json: string): ChannelRow[] {
  const reply = ChannelsReply.parse(JSON.parse(json));
  return reply.rows.map((r) => {
    const presenceHost = r.presence_id.includes("@") ? r.presence_id.slice(r.presence_id.lastIndexOf("@") + 1) : "";
    const callstate = r.callstate;
    return {
      uuid: r.uuid,
      callUuid: r.call_uuid || r.uuid,
      direction: r.direction,
      callerNumber: r.cid_num,
      callerName: r.cid_name,
      destinationNumber: r.dest,
      state: stateOf(callstate),
      createdAt: new Date((Number(r.created_epoch) || 0) * 1000),
      // `show channels` has no answer time: an answered channel counts from when it was created.
      answeredAt:
        callstate === "ACTIVE" || callstate === "HELD" ? new Date((Number(r.created_epoch) || 0) * 1000) : null,
      domainCandidates: uniqueNames([presenceHost]),
    };
  });
}
