import { describe, expect, it } from "vitest";
import { planCall, type DialplanAction } from "@/server/dialplan/planCall";
import { finishPcmWav, sniffAudio } from "@/server/musicOnHold/audioFormat";
import { holdMusicSound } from "@/server/musicOnHold/holdMusic";
import { transcodeToMohWav } from "@/server/musicOnHold/transcode";
import { renderDialplan } from "@/server/freeswitch/render/dialplan";
import { toneFile } from "../../support/audio";
import { expectGolden } from "../freeswitch/golden";
import { callData, extension } from "./callDataFixtures";

const files = (...fileIds: string[]) => ({ domain: "tenant1.example", fileIds });
const exported = (actions: DialplanAction[]) =>
  actions.filter((a) => a.app === "export" && a.data?.startsWith("hold_music=")).map((a) => a.data);

describe("holdMusicSound", () => {
  it("null leaves the node's default; a stock class is its local_stream", () => {
    expect(holdMusicSound(null, files("f1"))).toBeNull();
    expect(holdMusicSound("moh", files())).toBe("local_stream://moh");
    expect(holdMusicSound("moh/16000", files("f1"))).toBe("local_stream://moh/16000");
  });

  it("uploaded files play through mod_http_cache from the node's own sb_moh_base, in order", () => {
    expect(holdMusicSound("uploaded", files("f1"))).toBe("http_cache://${sb_moh_base}/tenant1.example/f1.wav");
    expect(holdMusicSound("uploaded", files("f1", "f2"))).toBe(
      "file_string://http_cache://${sb_moh_base}/tenant1.example/f1.wav!http_cache://${sb_moh_base}/tenant1.example/f2.wav",
    );
  });

  it("uploaded with no files left falls back to the node's default", () => {
    expect(holdMusicSound("uploaded", files())).toBeNull();
  });
});

describe("planCall exports hold_music", () => {
  const domain = {
    name: "tenant1.example",
    maxConcurrentCalls: 10,
    timeZone: "UTC",
    holdMusic: "local_stream://moh/8000",
  };
  const want = ["hold_music=local_stream://moh/8000"];

  it("on calls to an extension, a ring group, parking and outbound calls", () => {
    const toExtension = planCall(
      callData({ domain, local: { kind: "extension", extension: extension("1002") } }),
      "1002",
    );
    expect(exported(toExtension.actions)).toEqual(want);
    // Before the bridge: the callee's leg inherits it.
    const at = (app: string) => toExtension.actions.findIndex((a) => a.app === app);
    expect(at("export")).toBeLessThan(at("bridge"));

    const group = {
      number: "600",
      name: "Sales",
      strategy: "SIMULTANEOUS" as const,
      ringTimeout: 20,
      fallbackType: "HANGUP" as const,
      fallbackTarget: null,
      members: [extension("1002")],
    };
    expect(exported(planCall(callData({ domain, local: { kind: "ring-group", group } }), "600").actions)).toEqual(want);

    const parking = { firstSlot: 701, lastSlot: 709, timeoutSeconds: 60 };
    const park = planCall(callData({ domain, parking }), "*70");
    expect(park.rule.type).toBe("park");
    expect(exported(park.actions)).toEqual(want);

    const routes = [
      { name: "national", pattern: "_0Z.", stripDigits: 0, prepend: "", callerIdNumber: null, gateways: ["gw1"] },
    ];
    const outbound = planCall(callData({ domain, routes }), "030123");
    expect(outbound.rule.type).toBe("outbound-route");
    expect(exported(outbound.actions)).toEqual(want);
  });

  it("a queue's callers once an agent answered, and an extension call with uploaded music (golden)", () => {
    const queue = {
      number: "800",
      name: "Support",
      strategy: "RING_ALL" as const,
      maxWaitSeconds: 60,
      fallbackType: "HANGUP" as const,
      fallbackTarget: null,
      agents: [],
    };
    const queued = planCall(callData({ domain, local: { kind: "queue", queue } }), "800").actions;
    expect(exported(queued)).toEqual(want);
    // mod_callcenter plays cc_moh_override to waiting callers, before the callcenter app runs.
    const override = queued.findIndex((a) => a.data === "cc_moh_override=local_stream://moh/8000");
    expect(override).toBeGreaterThan(-1);
    expect(override).toBeLessThan(queued.findIndex((a) => a.app === "callcenter"));
    const uploaded = { ...domain, holdMusic: holdMusicSound("uploaded", files("f1", "f2")) };
    const xml = renderDialplan(
      planCall(callData({ domain: uploaded, local: { kind: "extension", extension: extension("1002") } }), "1002"),
    );
    expectGolden("dialplan-hold-music-uploaded", xml);
  });

  it("not when the domain keeps the node's default", () => {
    const plan = planCall(callData({ local: { kind: "extension", extension: extension("1002") } }), "1002");
    expect(plan.actions.some((a) => a.app === "export")).toBe(false);
  });
});

describe("sniffAudio, on real files", () => {
  it("knows WAV, MP3 (ID3 and a bare frame), Ogg and FLAC by their first bytes", () => {
    expect(sniffAudio(toneFile("wav"))).toBe("wav");
    const mp3 = toneFile("mp3");
    expect(sniffAudio(mp3)).toBe("mp3");
    // The same MP3 without its ID3 tag starts with an MPEG frame sync.
    const tagSize = ((mp3[6]! << 21) | (mp3[7]! << 14) | (mp3[8]! << 7) | mp3[9]!) + 10;
    expect(mp3[tagSize]).toBe(0xff);
    expect(sniffAudio(mp3.subarray(tagSize))).toBe("mp3");
    expect(sniffAudio(toneFile("ogg"))).toBe("ogg");
    expect(sniffAudio(toneFile("flac"))).toBe("flac");
  });

  it("refuses anything else: text, an AAC ADTS frame, a RIFF that is no WAVE, nothing", () => {
    expect(sniffAudio(Buffer.from("ID not audio, just text\n"))).toBeNull();
    expect(sniffAudio(Buffer.from("hello world, renamed to .mp3\n"))).toBeNull();
    expect(sniffAudio(Buffer.from([0xff, 0xf1, 0x50, 0x80]))).toBeNull();
    expect(sniffAudio(Buffer.from("RIFF\0\0\0\0AVI LIST"))).toBeNull();
    expect(sniffAudio(new Uint8Array(0))).toBeNull();
  });
});

describe("transcoding to 8 kHz mono 16-bit WAV", () => {
  it("turns a real MP3 into a WAV with correct chunk sizes and its duration", async () => {
    const result = await transcodeToMohWav(toneFile("mp3", 2));
    if (!result.ok) throw new Error(`transcode failed: ${result.reason}`);
    const wav = Buffer.from(result.wav);
    expect(wav.toString("latin1", 0, 4)).toBe("RIFF");
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    const data = wav.indexOf("data", 12, "latin1");
    expect(wav.readUInt32LE(data + 4)).toBe(wav.length - data - 8);
    // The MP3 decoder adds its priming samples: about 2 s, never less.
    expect(result.durationMs).toBeGreaterThanOrEqual(2000);
    expect(result.durationMs).toBeLessThan(2100);
  });

  it("says not playable for bytes that only look like audio", async () => {
    const fake = Buffer.concat([Buffer.from("ID3"), Buffer.from("not really an mp3 at all ".repeat(50))]);
    expect(await transcodeToMohWav(fake)).toEqual({ ok: false, reason: "not-playable" });
  });

  it("finishPcmWav refuses a WAV of another format or without samples", () => {
    expect(finishPcmWav(toneFile("wav"))).toBeNull(); // 44.1 kHz as made by lavfi
    expect(finishPcmWav(Buffer.from("RIFF\0\0\0\0WAVE"))).toBeNull();
  });
});
