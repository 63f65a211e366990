/**
 * The capacity rule. A node's `capacity` is the concurrent calls it is sized for; the
 * seed rule of thumb (one node per 10,000 extensions or 1,500 calls) scales that to the
 * extensions and registered phones it can carry. A node's utilisation is the largest of
 * the three ratios, so whichever runs out first decides.
 */
export const EXTENSIONS_PER_NODE = 10_000;
export const CALLS_PER_NODE = 1_500;
const EXTENSIONS_PER_CALL = EXTENSIONS_PER_NODE / CALLS_PER_NODE;

export type Load = { extensions: number; registrations: number; calls: number };

export const NO_LOAD: Load = { extensions: 0, registrations: 0, calls: 0 };

export function addLoad(a: Load, b: Load): Load {
  return {
    extensions: a.extensions + b.extensions,
    registrations: a.registrations + b.registrations,
    calls: a.calls + b.calls,
  };
}

/** 0 = idle, 1 = full, above 1 = over capacity. */
export function utilisation(capacityCalls: number, load: Load): number {
  const calls = Math.max(capacityCalls, 1);
  const extensions = calls * EXTENSIONS_PER_CALL;
  return Math.max(load.extensions / extensions, load.registrations / extensions, load.calls / calls);
}

/** Whether `extra` still fits on a node carrying `load`. */
export function fits(capacityCalls: number, load: Load, extra: Load): boolean {
  return utilisation(capacityCalls, addLoad(load, extra)) <= 1;
}
