import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_KEY_SCOPES, PERMISSIONS, ROLE_PERMISSIONS, ROLES } from '../../auth/permissions.ts';

/** The documents that show the role table: the README (the front door) and docs/access.md. */
const DOCS = ['README.md', 'docs/access.md'];

function between(file: string, start: string, end: string): string {
  const doc = readFileSync(new URL(`../../../../${file}`, import.meta.url), 'utf8');
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} lacks the ${start} … ${end} markers`);
  return doc.slice(from + start.length, to).trim();
}

/** A markdown table as rows of trimmed cells, so that column padding and alignment rules do not matter. */
function cells(table: string): string[][] {
  return table
    .split('\n')
    .filter((line) => !/^\|[\s:|-]+\|$/.test(line.trim()))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim()),
    );
}

/** The role table as docs/access.md must show it: one row per permission, one column per role, and API keys. */
function roleTable(): string[][] {
  return [
    ['permission', ...ROLES, 'API key scope'],
    ...PERMISSIONS.map((p) => [
      `\`${p}\``,
      ...ROLES.map((role) => (ROLE_PERMISSIONS[role].includes(p) ? '✓' : '')),
      API_KEY_SCOPES.includes(p) ? '✓' : '',
    ]),
  ];
}

describe('the role table in the docs', () => {
  it.each(DOCS)('%s shows it exactly as ROLE_PERMISSIONS and API_KEY_SCOPES define it', (file) => {
    expect(cells(between(file, '<!-- role-table:start -->', '<!-- role-table:end -->'))).toEqual(roleTable());
  });
});
