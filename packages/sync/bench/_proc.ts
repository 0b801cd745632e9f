// CPU time of other processes on this machine, from /proc (Linux only): how much work a local PostgreSQL
// server did for a bench.
import { readdirSync, readFileSync } from 'node:fs';

/** utime + stime of a process in microseconds; undefined when /proc does not show it. */
export function processCpu(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6; // clock ticks of 1/100 s
  } catch {
    return undefined;
  }
}

/** CPU microseconds per live process named `name` (`postgres` for the server and its backends). */
export function cpuByProcess(name: string): Map<number, number> {
  const out = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const p of pids) {
    try {
      if (readFileSync(`/proc/${p}/comm`, 'utf8').trim() !== name) continue;
    } catch {
      continue;
    }
    const cpu = processCpu(Number(p));
    if (cpu !== undefined) out.set(Number(p), cpu);
  }
  return out;
}

/**
 * CPU seconds the processes named `name` spent between two `cpuByProcess` readings; processes that started in
 * between count from zero, ones that ended are missed (keep connections open until the second reading).
 * Undefined when /proc showed none.
 */
export function cpuSpent(before: Map<number, number>, after: Map<number, number>): number | undefined {
  if (after.size === 0) return undefined;
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
  return total / 1e6;
}
