import { describe, expect, it } from 'vitest';
import { parseSeedArgs } from './args.ts';

const today = new Date('2026-03-14T15:30:00Z');

describe('parseSeedArgs', () => {
  it('reads every flag, and ends the period at midnight UTC today by default', () => {
    expect(parseSeedArgs(['--members', '50', '--months', '6', '--seed', '9', '--replace'], today)).toEqual({
      members: 50,
      months: 6,
      seed: 9,
      until: new Date('2026-03-14T00:00:00Z'),
      replace: true,
      writer: 'services',
    });
    expect(parseSeedArgs(['--until', '2025-12-31'], today)).toMatchObject({
      members: 1_000,
      months: 12,
      seed: 1,
      until: new Date('2025-12-31T00:00:00Z'),
      replace: false,
    });
  });

  it('writes up to 2,000 members through the services and more by COPY, unless told', () => {
    expect(parseSeedArgs(['--members', '2000'], today).writer).toBe('services');
    expect(parseSeedArgs(['--members', '2001'], today).writer).toBe('copy');
    expect(parseSeedArgs(['--members', '10', '--writer', 'copy'], today).writer).toBe('copy');
  });

  it.each([
    [['--members', '0'], '--members must be between 1 and 5,000,000, got 0'],
    [['--members', '5000001'], '--members must be between 1 and 5,000,000, got 5000001'],
    [['--members', '1.5'], '--members needs an integer, got 1.5'],
    [['--members'], '--members needs an integer, got nothing'],
    [['--months', '121'], '--months must be between 1 and 120, got 121'],
    [['--months', '0'], '--months must be between 1 and 120, got 0'],
    [['--seed', 'abc'], '--seed needs an integer, got abc'],
    [['--until', '2026-02-30x'], '--until needs a date as YYYY-MM-DD, got 2026-02-30x'],
    [['--writer', 'fast'], '--writer is services or copy, got fast'],
    [['--verbose'], 'unknown argument --verbose'],
  ])('refuses %j: %s', (args, message) => {
    expect(() => parseSeedArgs(args, today)).toThrow(message);
  });
});
