import { ensureTemplate } from "./database";

// Build the migrated template once, before the test files race to clone it.
export default async function setup(): Promise<void> {
  await ensureTemplate();
}
