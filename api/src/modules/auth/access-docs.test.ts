import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_KEY_SCOPES, PERMISSIONS, ROLE_PERMISSIONS, ROLES } from '../../auth/permissions.ts';

const doc = readFileSync(new URL('../../../../docs/access.md', import.meta.url), 'utf8');

function between(start: string, end: string): string {
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`docs/access.md lacks the ${start} … ${end} markers`);
  return doc.slice(from + start.length, to).trim();
}

/** The role table as docs/access.md must show it: one row per permission, one column per role, and API keys. */
export function roleTable(): string {
  const header = `| permission | ${ROLES.join(' | ')} | API key scope |`;
  const rule = `| --- | ${ROLES.map(() => ':---:').join(' | ')} | :---: |`;
  const rows = PERMISSIONS.map((p) => {
    const cells = ROLES.map((role) => (ROLE_PERMISSIONS[role].includes(p) ? '✓' : ''));
    return `| \`${p}\` | ${cells.join(' | ')} | ${API_KEY_SCOPES.includes(p) ? '✓' : ''} |`;
  });
  return [header, rule, ...rows].join('\n');
}

describe('docs/access.md', () => {
  it('shows the role table exactly as ROLE_PERMISSIONS and API_KEY_SCOPES define it', () => {
    expect(between('<!-- role-table:start -->', '<!-- role-table:end -->')).toBe(roleTable());
  });
});
