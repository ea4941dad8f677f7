import { META_FIELDS } from '../results.ts';
import { figure, formatNumber, markdownTable, type Results } from './format.ts';
import type { FigureSection } from './rows.ts';

/** A results file as read from bench/results: its name (the file's stem) and contents. */
export interface ResultsFile {
  name: string;
  results: Results;
}

const text = (r: Results, key: string) => (typeof r[key] === 'string' ? (r[key] as string) : undefined);

/** When and where a run was measured, from the facts its results file keeps (older files keep fewer). */
export function runLine(file: ResultsFile, command: string): string {
  const r = file.results;
  const date = text(r, 'date');
  const when = date ? `${date.slice(0, 10)} ${date.slice(11, 16)} UTC` : 'an unrecorded date';
  const machine =
    figure(r, 'cpu_cores') !== undefined && text(r, 'cpu_model')
      ? `${figure(r, 'cpu_cores')} × ${text(r, 'cpu_model')}, ${figure(r, 'memory_gib')} GiB`
      : (text(r, 'machine') ?? 'an unrecorded machine');
  // Files written before every run recorded its load kept it under names of their own.
  const start = figure(r, 'load_average_at_start') ?? figure(r, `${file.name}_load_average_at_start`);
  const end =
    figure(r, 'load_average_at_end') ?? figure(r, `${file.name}_load_average_at_end`) ?? figure(r, 'load_average_1m');
  const load =
    start !== undefined && end !== undefined
      ? `1-minute load average ${formatNumber(start, 1)} at the start, ${formatNumber(end, 1)} at the end`
      : end !== undefined
        ? `1-minute load average ${formatNumber(end, 1)} at the end`
        : 'load not recorded';
  return `Measured with \`${command}\` on ${when}; ${machine}; ${load}. Figures: [bench/results/${file.name}.json](bench/results/${file.name}.json).`;
}

/** A section's table from its results file: each row's figure, value, reference, target and whether it is met. */
export function renderSection(section: FigureSection, file: ResultsFile | undefined): string {
  if (!file) {
    return `No results yet: \`${section.command}\` writes bench/results/${section.results}.json.`;
  }
  const r = file.results;
  const misses: string[] = [];
  const rows = section.rows.map((row) => {
    const measured = row.measured(r);
    const met = measured === undefined ? undefined : row.target?.met(r);
    if (met === false) {
      const missed = typeof row.missed === 'function' ? row.missed(r) : row.missed;
      misses.push(`- ${row.figure}: ${missed ?? 'not yet explained by a measurement.'}`);
    }
    return [
      row.figure,
      measured ?? 'not measured',
      row.reference?.(r) ?? '',
      row.target?.text ?? '',
      !row.target || met === undefined ? '' : met ? '✔' : '✘',
    ];
  });
  const table = markdownTable(['figure', 'measured', 'reference in the same run', 'target', 'met'], rows, new Set([4]));
  const busy = busyLine(r);
  if (misses.length && busy) misses.push(`- ${busy}`);
  const why = misses.length ? `\n\nWhere a target is missed, what the measurements say:\n\n${misses.join('\n')}` : '';
  return `${runLine(file, section.command)}\n\n${table}${why}`;
}

/** A results file no section describes (a new benchmark): every figure it holds, as it holds it. */
export function renderOther(file: ResultsFile): string {
  const rows = Object.entries(file.results)
    .filter(([key, v]) => typeof v === 'number' && !META_FIELDS.has(key))
    .map(([key, v]) => [`\`${key}\``, formatNumber(v as number)]);
  return `#### ${file.name}\n\n${runLine(file, `npm run bench -- ${file.name}`)}\n\n${markdownTable(['figure', 'measured'], rows)}`;
}

/**
 * For a run whose machine was busy with other work (a 1-minute load average above twice its cores at the start or the
 * end): the load itself, which slows every absolute figure of the run; ratios to a reference of the same run suffer
 * less.
 */
export function busyLine(r: Results): string | undefined {
  const cores = figure(r, 'cpu_cores');
  const loads = ['load_average_at_start', 'load_average_at_end'].map((k) => figure(r, k));
  if (cores === undefined || loads.some((l) => l === undefined)) return undefined;
  const peak = Math.max(...(loads as number[]));
  if (peak <= 2 * cores) return undefined;
  return `the whole run shared its ${cores} cores with other work (1-minute load average ${formatNumber(loads[0]!, 1)} at the start, ${formatNumber(loads[1]!, 1)} at the end), which slows every absolute figure; the ratios to references measured in the same run are the comparable ones.`;
}
