import { instantOfLocal, localEpochMs } from '../../domain/rules/local-time.ts';

export type ExpiryPolicy = 'never' | 'days_after_earning' | 'end_of_month_after_months' | 'end_of_year_after_months';

const MS_PER_DAY = 86_400_000;

/**
 * When points earned at `earnedAt` expire under a program's policy; null for `never`. The instant returned is the
 * first moment the points are gone:
 * - `days_after_earning` N: exactly N × 24 h after earning;
 * - `end_of_month_after_months` N: the end of the local calendar month N months after the month of earning
 *   (i.e. local midnight starting the month after), in the tenant's time zone;
 * - `end_of_year_after_months` N: the end of the local calendar year containing the date N months after earning.
 */
export function expiresAtFor(
  policy: ExpiryPolicy,
  value: number | null,
  earnedAt: Date,
  timeZone: string,
): Date | null {
  if (policy === 'never') return null;
  if (value === null) throw new Error(`expiry policy ${policy} needs a value`);
  if (policy === 'days_after_earning') return new Date(earnedAt.getTime() + value * MS_PER_DAY);
  const local = new Date(localEpochMs(timeZone, earnedAt.getTime()));
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + value;
  // Local midnight of the first day after the period, as a UTC instant (Date.UTC normalises month overflow).
  const boundary =
    policy === 'end_of_month_after_months'
      ? Date.UTC(year, month + 1, 1)
      : Date.UTC(new Date(Date.UTC(year, month, 1)).getUTCFullYear() + 1, 0, 1);
  return new Date(instantOfLocal(timeZone, boundary));
}
