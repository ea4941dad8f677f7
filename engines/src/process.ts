import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this system user (Postgres refuses to run as root). */
  runAs?: string;
  /** Signal that asks the process to stop; it is also delivered if the supervisor dies, so nothing is orphaned. */
  stopSignal?: NodeJS.Signals;
  /** Every output line, for the supervisor's prefixed console. */
  onLine?: (line: string) => void;
  /** Full output is appended here. */
  logFile?: string;
}

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Settles when the process has exited, with its code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last output lines, for error messages when a start fails. */
  tail(): string;
  /** Sends `signal` (the process's stop signal unless given) and waits; SIGKILL once `timeoutMs` has passed. */
  stop(timeoutMs?: number, signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a child under `setpriv --pdeathsig`, so the kernel delivers its stop signal even when the parent
 * is killed with SIGKILL: no service outlives the process that started it.
 */
export function spawnManaged(name: string, command: string, args: string[], opts: SpawnOptions = {}): ManagedProcess {
  const stopSignal = opts.stopSignal ?? 'SIGTERM';
  const privArgs = ['--pdeathsig', stopSignal];
  if (opts.runAs) privArgs.push('--reuid', opts.runAs, '--regid', opts.runAs, '--init-groups');
  const child = spawn('setpriv', [...privArgs, '--', command, ...args], {
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let log: ReturnType<typeof createWriteStream> | undefined;
  if (opts.logFile) {
    mkdirSync(dirname(opts.logFile), { recursive: true });
    log = createWriteStream(opts.logFile, { flags: 'a' });
    // A log that cannot be written (its directory removed under it) must not take the supervisor down.
    log.on('error', () => {
      log = undefined;
    });
  }
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > 40) lines.shift();
      log?.write(`${line}\n`);
      opts.onLine?.(line);
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (err) => {
      lines.push(String(err));
      resolve({ code: -1, signal: null });
    });
  });
  void exited.then(() => log?.end());
  return {
    name,
    child,
    exited,
    tail: () => lines.join('\n'),
    async stop(timeoutMs = 15_000, signal = stopSignal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `check` until it resolves truthy, or fails with the last error once `timeoutMs` has passed. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  {
    timeoutMs = 60_000,
    intervalMs = 50,
    process: proc,
  }: { timeoutMs?: number; intervalMs?: number; process?: ManagedProcess } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let dead = false;
  void proc?.exited.then(() => {
    dead = true;
  });
  for (;;) {
    if (dead && proc) {
      throw new Error(`${what}: process exited before it was ready.\n${proc.tail()}`);
    }
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError ?? 'not ready');
      throw new Error(`${what} was not ready after ${timeoutMs} ms: ${reason}${proc ? `\n${proc.tail()}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * The kernel's range for the local ports of outgoing connections (Linux's default 32768–60999). A port chosen from
 * it can be taken by any client's connection between being chosen and being bound; ports below it are taken only by
 * listeners.
 */
function readEphemeralRangeStart(): number {
  try {
    const [start] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const n = Number(start);
    if (Number.isInteger(n) && n > 12_000) return n;
  } catch {
    // Not Linux: take the default range.
  }
  return 32_768;
}

const EPHEMERAL_START = readEphemeralRangeStart();
const FIRST_PORT = 10_000;
const handedOut = new Set<number>();

/**
 * A port free on loopback right now, for a server that binds it a moment later. Chosen at random below the
 * ephemeral range, so no outgoing connection takes it in between, and never the same twice in one process.
 */
export async function freePort(): Promise<number> {
  const end = EPHEMERAL_START;
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = FIRST_PORT + Math.floor(Math.random() * (end - FIRST_PORT));
    if (handedOut.has(port) || (await portInUse(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port on 127.0.0.1 between ${FIRST_PORT} and ${end} after 100 tries`);
}

/** True when something already listens on the port. */
export async function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(true));
    server.listen(port, host, () => server.close(() => resolve(false)));
  });
}
