import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/server/db/generated/client";
import type { DbTx } from "@/server/db/client";
import { writeAudit } from "@/server/audit/writeAudit";
import { recordChange } from "@/server/cluster/recordChange";
import type { TenantContext } from "@/server/tenancy/context";
import { LimitError, NotFoundError } from "@/server/tenancy/errors";
import { lockDomain } from "@/server/tenancy/lockDomain";
import { sniffAudio } from "./audioFormat";
import { MOH_FILE_ORDER } from "./holdMusic";
import {
  holdMusicChoiceSchema,
  MAX_MOH_FILES,
  MAX_MOH_UPLOAD_BYTES,
  MOH_TOO_LARGE_MESSAGE,
  mohFileNameSchema,
  type HoldMusicChoice,
  type SetHoldMusicInput,
} from "./schemas";
import { MAX_MOH_DURATION_SECONDS, transcodeToMohWav } from "./transcode";

const fileSelect = {
  id: true,
  name: true,
  sizeBytes: true,
  durationMs: true,
  createdAt: true,
} satisfies Prisma.MohFileSelect;

export type MohFileView = Prisma.MohFileGetPayload<{ select: typeof fileSelect }>;

export type MusicOnHoldView = {
  choice: HoldMusicChoice;
  /** In upload order: the order "uploaded" plays them in. */
  files: MohFileView[];
  limits: { maxFiles: number; maxUploadBytes: number; maxDurationSeconds: number };
};

/** Why an upload was refused for its content; the upload route turns it into a 4xx. */
export class MohAudioError extends Error {
  constructor(
    readonly reason: "too-large" | "unsupported-format" | "not-playable" | "too-long",
    message: string,
  ) {
    super(message);
    this.name = "MohAudioError";
  }
}

const changed = async (tx: DbTx, ctx: TenantContext) => {
  // The dialplan answers carry hold_music: the domain's cached answers must go.
  await recordChange(tx, { invalidate: { domain: ctx.domain.name } });
};

export async function getMusicOnHold(ctx: TenantContext): Promise<MusicOnHoldView> {
  const [domain, files] = await Promise.all([
    ctx.db.domain.findUniqueOrThrow({ where: { id: ctx.domain.id }, select: { holdMusic: true } }),
    ctx.db.mohFile.findMany({ where: { domainId: ctx.domain.id }, select: fileSelect, orderBy: MOH_FILE_ORDER }),
  ]);
  return {
    // A value no longer offered reads as the node default, as the dialplan treats it.
    choice: holdMusicChoiceSchema.catch(null).parse(domain.holdMusic),
    files,
    limits: {
      maxFiles: MAX_MOH_FILES,
      maxUploadBytes: MAX_MOH_UPLOAD_BYTES,
      maxDurationSeconds: MAX_MOH_DURATION_SECONDS,
    },
  };
}

export async function setHoldMusic(ctx: TenantContext, input: SetHoldMusicInput): Promise<{ choice: HoldMusicChoice }> {
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.domain.findUniqueOrThrow({ where: { id: ctx.domain.id }, select: { holdMusic: true } });
    await tx.domain.update({ where: { id: ctx.domain.id }, data: { holdMusic: input.choice } });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "music-on-hold.set",
      entityType: "Domain",
      entityId: ctx.domain.id,
      before: { choice: before.holdMusic },
      after: { choice: input.choice },
    });
    await changed(tx, ctx);
    return { choice: input.choice };
  });
}

/**
 * Sniffs, transcodes (outside the transaction: ffmpeg takes a while), then stores the 8 kHz
 * WAV under the tenant's file limit. The name is the tenant's label, never a path.
 */
export async function uploadMohFile(
  ctx: TenantContext,
  input: { name: string; audio: Uint8Array },
): Promise<MohFileView> {
  const name = mohFileNameSchema.parse(input.name);
  if (input.audio.length > MAX_MOH_UPLOAD_BYTES) throw new MohAudioError("too-large", MOH_TOO_LARGE_MESSAGE);
  if (!sniffAudio(input.audio)) throw new MohAudioError("unsupported-format", "Not a WAV, MP3, Ogg or FLAC file");
  const transcoded = await transcodeToMohWav(input.audio);
  if (!transcoded.ok)
    throw transcoded.reason === "too-long"
      ? new MohAudioError("too-long", `Hold music may be at most ${MAX_MOH_DURATION_SECONDS / 60} minutes long`)
      : new MohAudioError("not-playable", "Not playable audio");
  const { wav, durationMs } = transcoded;
  const sha256 = createHash("sha256").update(wav).digest("hex");
  return ctx.db.$transaction(async (tx) => {
    // Serialises uploads into one domain, so the count below holds.
    await lockDomain(tx, ctx.domain.id);
    if ((await tx.mohFile.count({ where: { domainId: ctx.domain.id } })) >= MAX_MOH_FILES)
      throw new LimitError(`A tenant may keep at most ${MAX_MOH_FILES} hold music files`);
    const file = await tx.mohFile.create({
      data: { domainId: ctx.domain.id, name, sizeBytes: wav.length, durationMs, sha256, data: wav },
      select: fileSelect,
    });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "music-on-hold.upload",
      entityType: "MohFile",
      entityId: file.id,
      after: { name, sizeBytes: file.sizeBytes, durationMs, sha256 },
    });
    await changed(tx, ctx);
    return file;
  });
}

export async function deleteMohFile(ctx: TenantContext, id: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.mohFile.findFirst({ where: { id, domainId: ctx.domain.id }, select: fileSelect });
    if (!before) throw new NotFoundError("Hold music file");
    await tx.mohFile.delete({ where: { id } });
    await writeAudit(tx, ctx.actor, {
      domainId: ctx.domain.id,
      action: "music-on-hold.delete",
      entityType: "MohFile",
      entityId: id,
      before,
    });
    await changed(tx, ctx);
  });
}
