/** A start-up failure whose message is one sentence telling the user what to do; printed without a stack. */
export class StartupError extends Error {
  override name = "StartupError";
}
