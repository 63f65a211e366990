import "server-only";
import { spawn } from "node:child_process";
import { finishPcmWav, MOH_SAMPLE_RATE } from "./audioFormat";

/** Longest hold music kept (it loops anyway): bounds a file's row and ffmpeg's output. */
export const MAX_MOH_DURATION_SECONDS = 15 * 60;
const MAX_OUTPUT_BYTES = MAX_MOH_DURATION_SECONDS * MOH_SAMPLE_RATE * 2 + 4096;
const TIMEOUT_MS = 60_000;
// -ar is MOH_SAMPLE_RATE; finishPcmWav checks the format ffmpeg wrote.
const FFMPEG_ARGS = "-hide_banner -loglevel error -i pipe:0 -ac 1 -ar 8000 -c:a pcm_s16le -f wav pipe:1".split(" ");

/** The server has no ffmpeg: no upload can be converted until it is installed (a setup problem, not the file's). */
export class TranscoderMissingError extends Error {
  constructor() {
    super("Hold music cannot be converted on this server: ffmpeg is not installed (apt-get install ffmpeg)");
    this.name = "TranscoderMissingError";
  }
}

export type TranscodeResult =
  { ok: true; wav: Uint8Array<ArrayBuffer>; durationMs: number } | { ok: false; reason: "not-playable" | "too-long" };

/**
 * Any audio ffmpeg reads → 8 kHz mono 16-bit PCM WAV, the format every node plays without
 * resampling on narrowband calls. Bytes go through pipes: nothing of an upload touches the disk.
 * A missing ffmpeg binary is an error (our setup), not a verdict on the file.
 */
export function transcodeToMohWav(input: Uint8Array): Promise<TranscodeResult> {
  return new Promise((resolve, reject) => {
    // Literal command and arguments: Next.js's file tracing follows anything computed here.
    const child = spawn("ffmpeg", FFMPEG_ARGS, { stdio: ["pipe", "pipe", "ignore"] });
    const chunks: Buffer[] = [];
    let outputBytes = 0;
    let verdict: "not-playable" | "too-long" | null = null;
    const stop = (why: "not-playable" | "too-long") => {
      verdict ??= why;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => stop("not-playable"), TIMEOUT_MS);
    child.stdout.on("data", (chunk: Buffer) => {
      outputBytes += chunk.length;
      if (outputBytes > MAX_OUTPUT_BYTES) return stop("too-long");
      chunks.push(chunk);
    });
    // ffmpeg stops reading input it cannot decode: the broken pipe is its verdict, not ours.
    child.stdin.on("error", () => undefined);
    child.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === "ENOENT" ? new TranscoderMissingError() : error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (verdict) return resolve({ ok: false, reason: verdict });
      const finished = code === 0 ? finishPcmWav(Buffer.concat(chunks)) : null;
      resolve(finished ? { ok: true, ...finished } : { ok: false, reason: "not-playable" });
    });
    child.stdin.end(input);
  });
}
