import { z } from "zod";
import { idSchema } from "@/server/shared/id";

/** Per tenant: how many uploaded files, and how large one upload may be (before transcoding). */
export const MAX_MOH_FILES = 20;
export const MAX_MOH_UPLOAD_BYTES = 20 * 1024 * 1024;
export const MOH_TOO_LARGE_MESSAGE = `A file may be at most ${MAX_MOH_UPLOAD_BYTES / (1024 * 1024)} MB`;

/** What a stock node plays when nothing else is chosen (its own `hold_music` default). */
export const NODE_DEFAULT_HOLD_MUSIC = "local_stream://moh";

/** The stock local_stream classes of FreeSWITCH's vanilla local_stream.conf.xml, on every node. */
export const STOCK_HOLD_MUSIC = [
  { key: "moh", label: "Stock music (at the call's sample rate)", sound: NODE_DEFAULT_HOLD_MUSIC },
  { key: "moh/8000", label: "Stock music, 8 kHz", sound: "local_stream://moh/8000" },
  { key: "moh/16000", label: "Stock music, 16 kHz", sound: "local_stream://moh/16000" },
  { key: "moh/32000", label: "Stock music, 32 kHz", sound: "local_stream://moh/32000" },
] as const;

export const UPLOADED_HOLD_MUSIC = "uploaded";

const STOCK_KEYS = STOCK_HOLD_MUSIC.map((s) => s.key) as [
  (typeof STOCK_HOLD_MUSIC)[number]["key"],
  ...(typeof STOCK_HOLD_MUSIC)[number]["key"][],
];

/**
 * `Domain.holdMusic`, stored as is: null = leave the node's own `hold_music` (local_stream://moh
 * on a stock node), a STOCK_HOLD_MUSIC key, or "uploaded" = this tenant's files in upload order.
 * A nullable enum of plain strings: no sound string is ever taken from input.
 */
export const holdMusicChoiceSchema = z.enum([...STOCK_KEYS, UPLOADED_HOLD_MUSIC]).nullable();
export type HoldMusicChoice = z.infer<typeof holdMusicChoiceSchema>;

export const setHoldMusicSchema = z.object({ choice: holdMusicChoiceSchema });
export const mohFileIdSchema = z.object({ id: idSchema });
export const mohFileNameSchema = z.string().trim().min(1, "Required").max(100, "At most 100 characters");

export type SetHoldMusicInput = z.infer<typeof setHoldMusicSchema>;
