import { readdirSync, readFileSync } from 'node:fs';

// CPU time of processes from /proc, for CPU-per-operation figures that hold up on a machine shared with other work.

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

function stat(pid: number): { ppid: number; ms: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after its last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return { ppid: Number(fields[1]), ms: (ticks * 1000) / TICKS_PER_S };
  } catch {
    return undefined; // the process has exited
  }
}

/** CPU milliseconds (user + system) the process has used so far. */
export function processCpuMs(pid: number): number {
  return stat(pid)?.ms ?? 0;
}

/**
 * CPU milliseconds used so far by the process and its live children (a Postgres server and its backends). A child
 * that exits between two readings takes its time with it: read around phases whose connections stay open.
 */
export function treeCpuMs(pid: number): number {
  let total = processCpuMs(pid);
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (s?.ppid === pid) total += s.ms;
  }
  return total;
}
