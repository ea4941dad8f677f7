import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESULTS_DIR } from '../results.ts';
import { formatNumber, markdownTable } from './format.ts';
import { exponent, renderGrowth } from './growth.ts';
import { readResultsDir, regions, updateReadme } from './readme.ts';
import { type ResultsFile, renderSection } from './render.ts';
import { atLeast, atMost, type FigureSection, shown, value } from './rows.ts';
import { SECTIONS } from './sections.ts';

const README = join(RESULTS_DIR, '..', '..', 'README.md');

describe("the README's figure tables", () => {
  it('agree with bench/results (run `npm run figures` after a benchmark)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toBe(updateReadme(readme, readResultsDir(RESULTS_DIR)));
  });

  it('have a region for every section, the growth table and the other benchmarks', () => {
    expect(regions(readFileSync(README, 'utf8')).sort()).toEqual(
      [...SECTIONS.map((s) => s.results), 'growth', 'other'].sort(),
    );
  });
});

const SECTION: FigureSection = {
  results: 'demo',
  command: 'npm run bench -- demo',
  rows: [
    {
      figure: 'throughput',
      measured: value('per_s', ' /s'),
      reference: shown`${value('ratio', ' ×', 2)} the reference`,
      target: atLeast('per_s', 1000, '≥ 1,000 /s'),
      missed: 'one core saturates first.',
    },
    { figure: 'latency', measured: value('p95_ms', ' ms'), target: atMost('p95_ms', 20, '≤ 20 ms') },
    { figure: 'not in this run', measured: value('absent_ms', ' ms'), target: atMost('absent_ms', 1, '≤ 1 ms') },
  ],
};

const file = (name: string, results: Record<string, unknown>): ResultsFile => ({ name, results });

describe('renderSection', () => {
  const rendered = renderSection(
    SECTION,
    file('demo', {
      date: '2026-12-06T22:00:00.000Z',
      cpu_model: 'Test CPU',
      cpu_cores: 2,
      memory_gib: 24,
      load_average_at_start: 1.25,
      load_average_at_end: 3.5,
      per_s: 612.4,
      ratio: 0.163,
      p95_ms: 12,
    }),
  );

  it('says when, where and under what load the run was measured', () => {
    expect(rendered.split('\n')[0]).toBe(
      'Measured with `npm run bench -- demo` on 2026-12-06 22:00 UTC; 2 × Test CPU, 24 GiB; 1-minute load average 1.3 at the start, 3.5 at the end. Figures: [bench/results/demo.json](bench/results/demo.json).',
    );
  });

  it('marks each target met or missed, and gives the measured reason of a miss', () => {
    expect(rendered).toContain('| throughput      | 612 /s       | 0.16 × the reference      | ≥ 1,000 /s |  ✘  |');
    expect(rendered).toContain('| latency         | 12 ms        |                           | ≤ 20 ms    |  ✔  |');
    expect(rendered).toContain('| not in this run | not measured |                           | ≤ 1 ms     |     |');
    expect(rendered).toContain('- throughput: one core saturates first.');
    expect(rendered).not.toContain('- latency');
  });

  it('says when a miss was measured on a machine busy with other work', () => {
    const busy = renderSection(
      SECTION,
      file('demo', { cpu_cores: 2, load_average_at_start: 12.5, load_average_at_end: 30, per_s: 10, p95_ms: 5 }),
    );
    expect(busy).toContain(
      '- the whole run shared its 2 cores with other work (1-minute load average 12.5 at the start',
    );
    expect(rendered).not.toContain('shared its');
  });

  it('says how to make the results file when there is none', () => {
    expect(renderSection(SECTION, undefined)).toBe(
      'No results yet: `npm run bench -- demo` writes bench/results/demo.json.',
    );
  });
});

describe('updateReadme', () => {
  const readme = [
    '# Figures',
    '<!-- figures:rules:start -->',
    'stale',
    '<!-- figures:rules:end -->',
    'between',
    '<!-- figures:other:start -->',
    '<!-- figures:other:end -->',
    '',
  ].join('\n');
  const files = [
    file('rules', { date: '2026-12-06T22:00:00.000Z', evaluations_per_s: 250_000, json_parse_per_s: 600_000 }),
    file('imports', { date: '2026-12-06T23:00:00.000Z', cpu_cores: 2, members_per_s: 5120.5 }),
  ];

  it('rewrites each region and keeps the text around them', () => {
    const updated = updateReadme(readme, files);
    expect(updated).not.toContain('stale');
    expect(updated).toContain('between');
    expect(updated).toMatch(/evaluations per second .* \| 250,000 \/s +\|/);
    expect(updateReadme(updated, files)).toBe(updated);
  });

  it('lists a results file no section describes under other, with every figure it holds', () => {
    const updated = updateReadme(readme, files);
    expect(updated).toContain('#### imports');
    expect(updated).toContain('| `members_per_s` | 5,121    |');
    expect(updated).not.toContain('`cpu_cores`');
  });

  it('refuses a region that no section describes', () => {
    expect(() => updateReadme('<!-- figures:nope:start -->\n<!-- figures:nope:end -->', files)).toThrow(
      'README has a figures region "nope"',
    );
  });
});

describe('growth', () => {
  it('is the exponent of value ∝ members^k', () => {
    expect(exponent(100_000, 10, 1_000_000, 100)).toBeCloseTo(1);
    expect(exponent(1_000_000, 50, 3_000_000, 50)).toBe(0);
    expect(exponent(1_000_000, 10, 3_000_000, 90)).toBeCloseTo(2);
  });

  it('tabulates each figure at each size, per member for whole-merchant times, with the exponents', () => {
    const at = (members: number, full: number, suffix = `-${members}`) =>
      file(`warehouse${suffix}`, { date: '2026-12-06T22:00:00.000Z', members, dbt_full_run_s: full });
    const table = renderGrowth([at(100_000, 10), at(1_000_000, 100, ''), at(3_000_000, 900)]);
    expect(table).toContain('Fastest-growing cost from 100k to 3M members: dbt full run (k = 1.32).');
    const row = table.split('\n').find((line) => line.startsWith('| dbt full run '));
    expect(row?.split('|').map((c) => c.trim())).toEqual([
      '',
      'dbt full run',
      '10 s (100 µs/member)',
      '100 s (100 µs/member)',
      '900 s (300 µs/member)',
      '1.00',
      '2.00',
      '',
    ]);
  });
});

describe('format', () => {
  it('shows numbers with the decimals their size deserves', () => {
    expect([1234567, 612.4, 18.34, 2.411, 0.1626].map((n) => formatNumber(n))).toEqual([
      '1,234,567',
      '612',
      '18.3',
      '2.41',
      '0.163',
    ]);
  });

  it('pads tables as Biome formats them', () => {
    expect(markdownTable(['a', 'met'], [['long cell ≤', '✔']], new Set([1]))).toBe(
      ['| a           | met |', '| ----------- | :-: |', '| long cell ≤ |  ✔  |'].join('\n'),
    );
  });
});
