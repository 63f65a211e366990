import { buildIfStale } from "@/server/runtime/buildIfStale";
import { ensureTemplate } from "./database";

// Browser tests run the production build, as `npm start` does; build it once for all files.
export default async function setup(): Promise<void> {
  await ensureTemplate();
  buildIfStale();
}
