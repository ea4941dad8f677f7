import type { SeedParams } from './generate.ts';

/** Up to this many members are written through the services; more go through the bulk (COPY) path. */
export const SERVICE_PATH_MAX_MEMBERS = 2_000;
export const MAX_MEMBERS = 5_000_000;

export interface SeedOptions extends SeedParams {
  replace: boolean;
  writer: 'services' | 'copy';
}

export class SeedUsageError extends Error {}

function integer(flag: string, text: string | undefined, min: number, max: number): number {
  if (text === undefined || !/^-?\d+$/.test(text))
    throw new SeedUsageError(`${flag} needs an integer, got ${text ?? 'nothing'}`);
  const value = Number(text);
  if (value < min || value > max) {
    throw new SeedUsageError(
      `${flag} must be between ${min.toLocaleString('en')} and ${max.toLocaleString('en')}, got ${text}`,
    );
  }
  return value;
}

/** `--members N --months M --seed S [--until YYYY-MM-DD] [--writer services|copy] [--replace]`. */
export function parseSeedArgs(args: string[], today: Date = new Date()): SeedOptions {
  const values = new Map<string, string | undefined>();
  let replace = false;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] as string;
    if (flag === '--replace') replace = true;
    else if (['--members', '--months', '--seed', '--until', '--writer'].includes(flag)) values.set(flag, args[++i]);
    else throw new SeedUsageError(`unknown argument ${flag}`);
  }
  const given = (flag: string, fallback: string) => (values.has(flag) ? values.get(flag) : fallback);
  const members = integer('--members', given('--members', '1000'), 1, MAX_MEMBERS);
  const months = integer('--months', given('--months', '12'), 1, 120);
  const seed = integer('--seed', given('--seed', '1'), -2_147_483_648, 4_294_967_295);
  const untilText = values.get('--until');
  let until = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  if (untilText !== undefined) {
    until = new Date(`${untilText}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(untilText) || Number.isNaN(until.getTime())) {
      throw new SeedUsageError(`--until needs a date as YYYY-MM-DD, got ${untilText}`);
    }
  }
  const writer = values.get('--writer') ?? (members <= SERVICE_PATH_MAX_MEMBERS ? 'services' : 'copy');
  if (writer !== 'services' && writer !== 'copy') {
    throw new SeedUsageError(`--writer is services or copy, got ${writer}`);
  }
  return { members, months, seed, until, replace, writer };
}
