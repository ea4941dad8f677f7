import { figure, formatNumber, type Results } from './format.ts';

/** One line of a figure table: what was measured, against what in the same run, and the target it must meet. */
export interface FigureRow {
  figure: string;
  /** The measured value as shown; undefined when the run did not measure it. */
  measured: (r: Results) => string | undefined;
  reference?: (r: Results) => string | undefined;
  target?: Target;
  /** Why the target is missed, as measured (a profile, a breakdown of the time): shown while the row misses. */
  missed?: string | ((r: Results) => string);
}

export interface Target {
  text: string;
  /** Met, missed, or undefined when the run did not measure what the target is about. */
  met: (r: Results) => boolean | undefined;
}

/** A figure table of one results file (`bench/results/<results>.json`), with what the run was. */
export interface FigureSection {
  results: string;
  /** The command that writes the results file. */
  command: string;
  rows: FigureRow[];
}

type Shown = (r: Results) => string | undefined;

/** A figure with its unit: `value('up_warm_s', ' s')`. */
export function value(key: string, unit = '', digits?: number): Shown {
  return (r) => {
    const v = figure(r, key);
    return v === undefined ? undefined : `${formatNumber(v, digits)}${unit}`;
  };
}

/** Several figures joined (`p50 / p95`), shown only when all were measured. */
export function values(keys: string[], unit = '', digits?: number, separator = ' / '): Shown {
  return (r) => {
    const vs = keys.map((k) => figure(r, k));
    if (vs.some((v) => v === undefined)) return undefined;
    return `${vs.map((v) => formatNumber(v!, digits)).join(separator)}${unit}`;
  };
}

/** Text around shown figures: `text\`${value('x')} × a raw scan\``. */
export function shown(parts: TemplateStringsArray, ...shows: Shown[]): Shown {
  return (r) => {
    const texts = shows.map((s) => s(r));
    if (texts.some((t) => t === undefined)) return undefined;
    return parts.reduce((out, part, i) => out + part + (texts[i] ?? ''), '');
  };
}

export function atMost(key: string, limit: number, text: string): Target {
  return { text, met: (r) => (figure(r, key) === undefined ? undefined : figure(r, key)! <= limit) };
}

export function atLeast(key: string, limit: number, text: string): Target {
  return { text, met: (r) => (figure(r, key) === undefined ? undefined : figure(r, key)! >= limit) };
}

/** Every target given must hold. */
export function all(text: string, ...targets: Target[]): Target {
  return {
    text,
    met: (r) => {
      const each = targets.map((t) => t.met(r));
      if (each.some((m) => m === undefined)) return undefined;
      return each.every(Boolean);
    },
  };
}
