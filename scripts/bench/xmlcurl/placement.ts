/**
 * Where a bench process runs: pinned to one core (server and load generator never share
 * one) and, as root, at a raised priority so other work on a shared machine preempts it
 * less. Without the privilege `nice` warns and runs it at normal priority.
 */
export type Placement = { cpu: string; nice: number };

/** `command` wrapped in nice + taskset: [file, ...args] for execFile, or for fork's execPath/execArgv. */
export function placedCommand(placement: Placement, command: readonly string[]): [string, ...string[]] {
  return ["nice", "-n", String(placement.nice), "taskset", "-c", placement.cpu, ...command];
}
