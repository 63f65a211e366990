import { execFileSync } from "node:child_process";

/** Real audio made by ffmpeg: a 440 Hz tone of `seconds`, in the container (and codec) asked for. */
export function toneFile(format: "mp3" | "wav" | "ogg" | "flac", seconds = 1): Buffer {
  const codec = { mp3: [], wav: [], ogg: ["-c:a", "libvorbis"], flac: [] }[format];
  return execFileSync(
    "ffmpeg",
    ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`].concat(
      codec,
      ["-f", format, "pipe:1"],
    ),
    { maxBuffer: 64 << 20 },
  );
}
