import type { Prisma } from "@/server/db/generated/client";
import { holdMusicChoiceSchema, STOCK_HOLD_MUSIC, type HoldMusicChoice } from "./schemas";

/** Upload order, the order "uploaded" plays them in (loadDomainGate's SQL sorts the same way). */
export const MOH_FILE_ORDER = [{ createdAt: "asc" }, { id: "asc" }] satisfies Prisma.MohFileOrderByWithRelationInput[];

/**
 * The node-side variable each FreeSWITCH node sets in its vars.xml to its own way of reaching
 * `GET /freeswitch/moh`, credentials included (see deploy/README.md, "Music on hold"). Our
 * answers are cached per domain and shared by every node, so they never carry credentials:
 * FreeSWITCH expands the variable when it runs the dialplan.
 */
export const MOH_BASE_VARIABLE = "sb_moh_base";

/** The path a node fetches one uploaded file from, below its `sb_moh_base`. */
export function mohFilePath(domain: string, fileId: string): string {
  return `${domain}/${fileId}.wav`;
}

/**
 * What `hold_music` is set to for a domain's calls; null = leave the node's own default.
 * Uploaded files play through mod_http_cache (downloaded once per node, then from its disk),
 * several in upload order as one `file_string://` (FreeSWITCH loops hold music).
 */
export function holdMusicSound(
  choice: HoldMusicChoice,
  files: { domain: string; fileIds: readonly string[] },
): string | null {
  if (choice === null) return null;
  if (choice !== "uploaded") return STOCK_HOLD_MUSIC.find((s) => s.key === choice)?.sound ?? null;
  const urls = files.fileIds.map((id) => `http_cache://\${${MOH_BASE_VARIABLE}}/${mohFilePath(files.domain, id)}`);
  if (urls.length === 0) return null;
  return urls.length === 1 ? urls[0]! : `file_string://${urls.join("!")}`;
}

/**
 * A domain's hold music from its stored choice (`Domain.holdMusic`) and its files in upload
 * order; a value no longer valid (a stock class since withdrawn) leaves the node's default.
 */
export function domainHoldMusic(domain: { name: string; holdMusic: string | null }, fileIds: readonly string[]) {
  return holdMusicSound(holdMusicChoiceSchema.catch(null).parse(domain.holdMusic), { domain: domain.name, fileIds });
}

/**
 * Whether a sound plays where no call's variables are expanded: a module's own config
 * (mod_callcenter's `moh-sound`, mod_conference's) is played as written, so uploaded files,
 * which name the node's `${sb_moh_base}`, only play where a call expands them (hold_music,
 * or a queue caller's `cc_moh_override` set by the dialplan).
 */
export function playsWithoutExpansion(sound: string): boolean {
  return !sound.includes("${");
}
