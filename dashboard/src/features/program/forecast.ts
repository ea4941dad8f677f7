// What a backtest's figures come to over a month at the pace of the events it replayed: the window of those events
// (first to last) is scaled to 30 days. Only a forecast when the window is at least a day long; with fewer events
// the pace is not known and the panel says so.

export interface Pace {
  /** Days between the first and the last event replayed. */
  days: number;
  pointsPer30Days: number;
  costPer30DaysMinor: number;
  /** Draft minus the rules in force, per 30 days. */
  differencePointsPer30Days: number;
  differenceCostPer30DaysMinor: number;
}

const DAY_MS = 86_400_000;

export function monthlyPace(backtest: {
  eventsEvaluated: number;
  from: string | null;
  to: string | null;
  totalPoints: number;
  cost: { amountMinor: number };
  difference: { points: number; cost: { amountMinor: number } };
}): Pace | null {
  if (!backtest.from || !backtest.to || backtest.eventsEvaluated < 2) return null;
  const days = (Date.parse(backtest.to) - Date.parse(backtest.from)) / DAY_MS;
  if (!(days >= 1)) return null;
  // Points and money stay integers: rounded to the nearest whole point and minor unit.
  const scale = (n: number) => Math.round((n * 30) / days);
  return {
    days,
    pointsPer30Days: scale(backtest.totalPoints),
    costPer30DaysMinor: scale(backtest.cost.amountMinor),
    differencePointsPer30Days: scale(backtest.difference.points),
    differenceCostPer30DaysMinor: scale(backtest.difference.cost.amountMinor),
  };
}
