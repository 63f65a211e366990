/** The containers an upload may be in, told by their first bytes (never by the file name). */
export type AudioContainer = "wav" | "mp3" | "ogg" | "flac";

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  bytes.length >= at + text.length && [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

export function sniffAudio(bytes: Uint8Array): AudioContainer | null {
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) return "wav";
  if (ascii(bytes, 0, "OggS")) return "ogg";
  if (ascii(bytes, 0, "fLaC")) return "flac";
  if (ascii(bytes, 0, "ID3")) return "mp3";
  // An MPEG audio frame: 11 sync bits, then a layer other than "reserved" (00 is AAC's ADTS).
  const [b0, b1] = bytes;
  if (b0 === 0xff && b1 !== undefined && (b1 & 0xe0) === 0xe0 && (b1 & 0x06) !== 0) return "mp3";
  return null;
}

/** What every stored file is: what ffmpeg was told to write, and what the nodes' 8 kHz calls play unresampled. */
export const MOH_SAMPLE_RATE = 8000;
const BYTES_PER_SECOND = MOH_SAMPLE_RATE * 2;

/**
 * ffmpeg writing to a pipe cannot seek back to fill in the RIFF and data chunk sizes, so they
 * are set here from the bytes received; the format chunk is checked to be 8 kHz mono 16-bit PCM.
 * Returns null for anything else.
 */
export function finishPcmWav(wav: Buffer): { wav: Uint8Array<ArrayBuffer>; durationMs: number } | null {
  if (!ascii(wav, 0, "RIFF") || !ascii(wav, 8, "WAVE")) return null;
  let at = 12;
  let formatOk = false;
  while (at + 8 <= wav.length) {
    const size = wav.readUInt32LE(at + 4);
    if (ascii(wav, at, "fmt ")) {
      if (at + 24 > wav.length) return null;
      formatOk =
        wav.readUInt16LE(at + 8) === 1 &&
        wav.readUInt16LE(at + 10) === 1 &&
        wav.readUInt32LE(at + 12) === MOH_SAMPLE_RATE &&
        wav.readUInt16LE(at + 22) === 16;
    } else if (ascii(wav, at, "data")) {
      if (!formatOk) return null;
      // Whole samples only: a pipe may end mid-sample.
      const dataBytes = (wav.length - at - 8) & ~1;
      if (dataBytes === 0) return null;
      const out = new Uint8Array(at + 8 + dataBytes);
      out.set(wav.subarray(0, out.length));
      const view = new DataView(out.buffer);
      view.setUint32(4, out.length - 8, true);
      view.setUint32(at + 4, dataBytes, true);
      return { wav: out, durationMs: Math.floor((dataBytes * 1000) / BYTES_PER_SECOND) };
    }
    at += 8 + size + (size & 1);
  }
  return null;
}
