import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

/**
 * CPU seconds (user + system) that Linux processes have used so far, from /proc: what a
 * benchmark's request costs in CPU, which a shared, busy machine changes far less than it
 * changes requests per second. A process that is gone counts 0.
 */
export function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/** A process and its children (a node:cluster primary and its workers). */
export function withChildren(pid: number): number[] {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    return [pid, ...(children === "" ? [] : children.split(/\s+/).map(Number))];
  } catch {
    return [pid];
  }
}

/**
 * CPU seconds of this process's children that have exited and been waited for (cutime +
 * cstime): what a load generator run to completion (wrk through execFile) cost.
 */
export function reapedChildrenCpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

/**
 * Seconds the hypervisor ran something else while this virtual machine's cores wanted to run
 * (steal time), summed over its cores, from /proc/stat: a run whose server was descheduled shows
 * it here, where no code of ours can change it.
 */
export function stolenSeconds(): number {
  // "cpu  user nice system idle iowait irq softirq steal …": steal is the 8th number.
  const total = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]?.trim().split(/\s+/) ?? [];
  return Number(total[8] ?? 0) / TICKS_PER_SECOND;
}
