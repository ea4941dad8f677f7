import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { configTable } from './config.ts';

/** A table row with its cells trimmed, so the README's column padding does not matter. */
const cells = (row: string) => row.split('|').map((cell) => cell.trim());

describe('monet config', () => {
  it('prints the configuration table the README shows, variable for variable', async () => {
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    const documented = readme
      .split('\n')
      .filter((line) => /^\| `[A-Z][A-Z0-9_]*` +\|/.test(line))
      .map(cells);
    const printed = configTable().split('\n').slice(2).map(cells);
    expect(documented).toEqual(printed);
  });
});
