import { isAbsolute, relative } from 'node:path';
import { ConfigError } from '@loyaltystudio/config';
import { DamagedDataError } from '@loyaltystudio/engines';
import type { DemoSignIn } from '../seed/first-start.ts';
import { type Endpoint, StartupError, startStack } from '../stack.ts';

const COLORS = [36, 35, 33, 32, 34, 31, 96, 95];
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number, text: string) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);

function prefixer() {
  const colors = new Map<string, number>();
  return (service: string, line: string) => {
    if (!colors.has(service)) colors.set(service, COLORS[colors.size % COLORS.length]!);
    process.stdout.write(`${paint(colors.get(service)!, service.padEnd(11))}| ${line}\n`);
  };
}

/** A path relative to the working directory when it lies inside it. */
function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** The demo tenant's sign-in, shown once: on the start that seeded it. */
function demoLines(demo: DemoSignIn | null): string[] {
  if (!demo) return [];
  const { members, events, guestPurchases } = demo.summary;
  return [
    `Demo tenant seeded: ${members} members, ${events} events, ${guestPurchases} guest purchases.`,
    `  sign in with tenant ${demo.tenant}, email ${demo.email}, password ${demo.password}`,
    `  (the password is kept in ${shortPath(demo.passwordFile)})`,
    '',
  ];
}

export function formatTable(endpoints: Endpoint[], seconds: number, demo: DemoSignIn | null = null): string {
  const order = ['dashboard', 'api', 'postgres', 'clickhouse', 'temporal', 'temporal ui', 'worker', 'cdc', 'mail'];
  const rows = [...endpoints].sort((a, b) => order.indexOf(a.service) - order.indexOf(b.service));
  const w1 = Math.max(7, ...rows.map((r) => r.service.length));
  const w2 = Math.max(3, ...rows.map((r) => r.url.length));
  const lines = [
    '',
    paint(32, `Monet is ready in ${seconds.toFixed(1)} s`),
    '',
    `  ${'service'.padEnd(w1)}  ${'url'.padEnd(w2)}  ready  notes`,
    ...rows.map(
      (r) =>
        `  ${r.service.padEnd(w1)}  ${r.url.padEnd(w2)}  ${`${r.readyAfter.toFixed(1)}s`.padStart(5)}  ${[r.embedded ? '' : 'external', r.note ?? ''].filter(Boolean).join('; ')}`,
    ),
    '',
    ...demoLines(demo),
    'Logs are in MONET_HOME/logs. Press Ctrl-C to stop.',
    '',
  ];
  return lines.join('\n');
}

/** `monet up`: the whole stack in the foreground until Ctrl-C or SIGTERM. */
export async function up(args: string[]): Promise<number> {
  const reset = args.includes('--reset');
  const quiet = args.includes('--quiet');
  const unknown = args.filter((a) => !['--reset', '--quiet'].includes(a));
  if (unknown.length) {
    console.error(`monet up: unknown option ${unknown[0]} (options: --reset, --quiet)`);
    return 2;
  }
  const print = prefixer();
  let stopping = false;
  let stopRequested: (() => void) | undefined;
  const requested = new Promise<void>((resolve) => {
    stopRequested = resolve;
  });
  const onSignal = () => {
    stopping = true;
    stopRequested?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let stack: Awaited<ReturnType<typeof startStack>>;
  try {
    stack = await Promise.race([
      startStack({
        reset,
        onStep: (m) => print('monet', m),
        onLine: quiet ? undefined : (service, line) => !stopping && print(service, line),
      }),
      requested.then(() => {
        throw new StartupError('interrupted');
      }),
    ]);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof StartupError || err instanceof DamagedDataError) {
      console.error(paint(31, err.message));
    } else {
      console.error(paint(31, 'Monet failed to start:'), err instanceof Error ? err.message : err);
    }
    return 1;
  }

  process.stdout.write(formatTable(stack.endpoints, stack.readyAfter, stack.demo));
  const outcome = await Promise.race([requested.then(() => undefined), stack.unexpectedExit]);
  if (outcome && !stopping) {
    console.error(
      paint(31, `${outcome.service} exited (${outcome.signal ?? `code ${outcome.code}`}); stopping Monet.`),
    );
    console.error(outcome.tail);
  }
  stopping = true;
  print('monet', 'stopping');
  await stack.stop();
  print('monet', 'stopped');
  return outcome ? 1 : 0;
}
