import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Results } from './format.ts';
import { renderGrowth } from './growth.ts';
import { type ResultsFile, renderOther, renderSection } from './render.ts';
import { SECTIONS } from './sections.ts';

const REGION = /(<!-- figures:([a-z0-9-]+):start -->)[\s\S]*?(<!-- figures:\2:end -->)/g;

/** Every results file in `dir`, by name; a file that is not a JSON object stops the run with its name. */
export function readResultsDir(dir: string): ResultsFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const results = JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown;
      if (!results || typeof results !== 'object' || Array.isArray(results)) {
        throw new Error(`bench/results/${f} is not a JSON object of figures`);
      }
      return { name: f.slice(0, -'.json'.length), results: results as Results };
    });
}

/** The names of the regions a README has, in order. */
export function regions(readme: string): string[] {
  return [...readme.matchAll(REGION)].map((m) => m[2]!);
}

/**
 * The README with every figure region rewritten from the results files: a section's table, the growth table, and
 * under `other` each results file no region shows (a benchmark added since, or a section without its region).
 * Runs at several sizes (`warehouse-3000000`) appear in the growth table.
 */
export function updateReadme(readme: string, files: ResultsFile[]): string {
  const shown = new Set(regions(readme));
  const others = files.filter(
    (f) => !shown.has(f.name) && !(/^(warehouse|accruals)-\d+$/.test(f.name) && shown.has('growth')),
  );
  return readme.replace(REGION, (_, start: string, name: string, end: string) => {
    let body: string;
    if (name === 'growth') body = renderGrowth(files);
    else if (name === 'other') body = others.length ? others.map(renderOther).join('\n\n') : 'None.';
    else {
      const section = SECTIONS.find((s) => s.results === name);
      if (!section) throw new Error(`README has a figures region "${name}" that no section in sections.ts describes`);
      body = renderSection(
        section,
        files.find((f) => f.name === name),
      );
    }
    return `${start}\n\n${body}\n\n${end}`;
  });
}
