import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isNullable, MEMBER_FIELDS, type MemberField } from '../../domain/segments/segment-fields.ts';

const README = readFileSync(new URL('./README.md', import.meta.url), 'utf8');

/** The field table of the README, between its markers, as rows of trimmed cells. */
function fieldTable(): string[][] {
  const start = README.indexOf('<!-- segment-fields:start -->');
  const end = README.indexOf('<!-- segment-fields:end -->');
  if (start < 0 || end < start) throw new Error('README.md lacks the segment-fields markers');
  return README.slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s:|-]+\|$/.test(line))
    .slice(1)
    .map((line) =>
      line
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim()),
    );
}

describe('the README of segments', () => {
  it('lists every allow-listed field, in order, with its type, mart column and nullability', () => {
    const expected = Object.entries(MEMBER_FIELDS as Record<string, MemberField>).map(([name, field]) => [
      `\`${name}\``,
      field.type,
      `${field.source === 'predictions' ? 'member_predictions' : 'member_360'}.${field.column}`,
      isNullable(field),
    ]);
    const documented = fieldTable().map(([name, type, column]) => [
      name,
      type,
      /`([^`]+)`/.exec(column ?? '')?.[1],
      /\(null/.test(column ?? ''),
    ]);
    expect(documented).toEqual(expected);
  });
});
