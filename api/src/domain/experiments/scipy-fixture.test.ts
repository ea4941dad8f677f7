// One fixed dataset and what this module computes from it, kept in scipy.fixture.json for the Python suite
// (test_experiments_scipy.py recomputes the Welch interval and the SRM p-value with scipy.stats).
// This test fails when the code's results drift from the committed fixture; to write it afresh:
//   UPDATE_FIXTURES=1 npx vitest run api/src/domain/experiments/scipy-fixture
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseExperiment } from './analyse-experiment.ts';
import { drawMembers, gaussian, seededRandom } from './synthetic.ts';

const FIXTURE = new URL('./scipy.fixture.json', import.meta.url);
const LINE_WIDTH = 120;

function fixture() {
  const normal = gaussian(seededRandom(2024));
  const model = { mean: 4200, sdPre: 1500, rho: 0.6, pointsPerMinor: 0 };
  const treatment = drawMembers(normal, 37, { ...model, sdRevenue: 2600, effect: 900 });
  const holdout = drawMembers(normal, 23, { ...model, sdRevenue: 1100, effect: 0 });
  const confidence = 0.95;
  const result = analyseExperiment({
    arms: [
      { arm: 'treatment', weight: 1, members: treatment },
      { arm: 'holdout', weight: 1, members: holdout },
    ],
    holdout: 'holdout',
    plannedMembers: 60,
    confidence,
  });
  const { estimate, standardError, degreesOfFreedom, lower, upper } = result.comparisons[0]!.incrementalRevenue.welch!;
  const { chiSquared, pValue } = result.sampleRatio;
  return {
    about: 'Revenue per member in minor units; the TypeScript results for test_experiments_scipy.py to recompute.',
    confidence,
    treatment: treatment.revenue,
    holdout: holdout.revenue,
    welch: { estimate, standardError, degreesOfFreedom, lower, upper },
    srm: { observed: [37, 23], weights: [1, 1], chiSquared, pValue },
  };
}

/** JSON as Biome formats it: objects expanded, arrays on one line when they fit, else filled up to the line width. */
function format(value: unknown, indent = '', lineStart = 0): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((v) => JSON.stringify(v));
    const oneLine = `[${items.join(', ')}]`;
    if (lineStart + oneLine.length + 1 <= LINE_WIDTH) return oneLine;
    const lines: string[] = [];
    let line = '';
    for (const [i, item] of items.entries()) {
      const piece = i < items.length - 1 ? `${item},` : item;
      if (line && inner.length + line.length + 1 + piece.length > LINE_WIDTH) {
        lines.push(line);
        line = piece;
      } else line = line ? `${line} ${piece}` : piece;
    }
    lines.push(line);
    return `[\n${lines.map((l) => inner + l).join('\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => {
      const key = `${inner}${JSON.stringify(k)}: `;
      return key + format(v, inner, key.length);
    });
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

describe('the scipy fixture', () => {
  it('holds what the code computes from its dataset', () => {
    const current = fixture();
    if (process.env.UPDATE_FIXTURES || !existsSync(FIXTURE)) writeFileSync(FIXTURE, `${format(current)}\n`);
    const committed = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    expect(committed.treatment).toEqual(current.treatment);
    expect(committed.holdout).toEqual(current.holdout);
    for (const part of ['welch', 'srm'] as const) {
      for (const [key, value] of Object.entries(current[part])) {
        if (typeof value === 'number') expect(committed[part][key]).toBeCloseTo(value, 12);
        else expect(committed[part][key]).toEqual(value);
      }
    }
  });
});
