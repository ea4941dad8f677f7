// A campaign's results, each arm against the holdout, per member: revenue and points cost, their increments with
// Welch, CUPED and always-valid intervals, the return on points spent, and the sample ratio check.
// Units: revenue in minor units of the program's currency, points cost in points; whole numbers in (sums or
// per-member values), floats out (per member). Every interval is two-sided at `confidence`.
import { type CupedInterval, cupedAdjust, intervalOfAdjustment } from './cuped.ts';
import {
  type ArmMoments,
  type ArmSums,
  type ArmValues,
  type MetricMoments,
  momentsFromSums,
  momentsFromValues,
} from './moments.ts';
import { mixingVarianceFor, type SequentialInterval, sequentialInterval } from './sequential.ts';
import { type SampleRatioResult, sampleRatioCheck } from './srm.ts';
import { checkConfidence, type WelchInterval, welchInterval } from './welch.ts';

/** One arm: its configured share and either its sufficient statistics (a mart's row) or its members' values. */
export type ArmInput = {
  /** The arm's name, e.g. the campaign variant (`treatment`, `b`, `holdout`). */
  arm: string;
  /** The arm's configured share of the audience, on any positive scale (90 and 10, or 0.9 and 0.1). */
  weight: number;
} & ({ sums: ArmSums } | { members: ArmValues });

export interface ExperimentInput {
  /** Every arm, the holdout included. */
  arms: readonly ArmInput[];
  /** The name of the arm that received nothing. */
  holdout: string;
  /**
   * The audience the campaign is planned to reach, all arms together, fixed before the first look. It sets the
   * sequential intervals' mixing variance so that they are tightest when that many members have arrived; they stay
   * valid at any other size. The campaign's materialised audience is the natural value.
   */
  plannedMembers: number;
  /** Two-sided confidence of every interval; 0.95 by default. */
  confidence?: number;
  /** SRM flags below this p-value; 0.001 by default. */
  srmThreshold?: number;
  /** The money value of one point in minor units, to state the return on points spent per unit of money. */
  pointValueMinor?: number;
}

/** An arm's figures per member; null when the arm has no members. */
export interface ArmFigures {
  arm: string;
  members: number;
  /** Minor units per member. */
  revenuePerMember: number | null;
  /** Minor units per member, before the campaign (the CUPED covariate). */
  preRevenuePerMember: number | null;
  /** Points per member. */
  pointsCostPerMember: number | null;
}

/** An arm's increment over the holdout for one metric, per member, in the metric's units. */
export interface Effect {
  /** Difference of means, arm − holdout; null when either has no members. */
  estimate: number | null;
  /** Welch's interval on the raw outcomes; null when an arm has fewer than two members. */
  welch: WelchInterval | null;
  /** Welch's interval on the CUPED-adjusted outcomes (usually the tightest; centred on the adjusted difference). */
  cuped: CupedInterval | null;
  /** The always-valid interval on the CUPED-adjusted difference: safe to read at every look. */
  sequential: SequentialInterval | null;
}

export interface ArmComparison extends ArmFigures {
  /** Minor units per member. */
  incrementalRevenue: Effect;
  /** Points per member. */
  incrementalPointsCost: Effect;
  /** Incremental revenue (minor units) per incremental point, from the CUPED estimates; null unless cost rose. */
  revenuePerPoint: number | null;
  /** Incremental revenue per unit of money spent on points (revenuePerPoint ÷ pointValueMinor); null without it. */
  returnOnPointsSpent: number | null;
}

export interface ExperimentResult {
  confidence: number;
  holdout: ArmFigures;
  comparisons: ArmComparison[];
  sampleRatio: SampleRatioResult & { arms: { arm: string; members: number; expected: number }[] };
}

interface PreparedArm {
  arm: string;
  weight: number;
  moments: ArmMoments;
}

function prepare(input: ExperimentInput): PreparedArm[] {
  const names = new Set(input.arms.map((a) => a.arm));
  if (names.size !== input.arms.length) throw new RangeError('arm names must be unique');
  if (!names.has(input.holdout)) throw new RangeError(`the holdout arm "${input.holdout}" is not among the arms`);
  if (!(Number.isFinite(input.plannedMembers) && input.plannedMembers > 0)) {
    throw new RangeError('plannedMembers must be a positive number');
  }
  return input.arms.map((a) => {
    if (!(Number.isFinite(a.weight) && a.weight > 0)) throw new RangeError(`arm ${a.arm}: weight must be positive`);
    const moments = 'sums' in a ? momentsFromSums(a.sums) : momentsFromValues(a.members);
    return { arm: a.arm, weight: a.weight, moments };
  });
}

const orNull = (value: number) => (Number.isNaN(value) ? null : value);

function figures({ arm, moments }: PreparedArm): ArmFigures {
  return {
    arm,
    members: moments.n,
    revenuePerMember: orNull(moments.revenue.meanY),
    preRevenuePerMember: orNull(moments.revenue.meanX),
    pointsCostPerMember: orNull(moments.pointsCost.meanY),
  };
}

/** Members each arm should have when the planned audience has arrived. */
type PlannedSizes = { treatment: number; control: number };

function effect(treatment: MetricMoments, control: MetricMoments, planned: PlannedSizes, confidence: number): Effect {
  const adjusted = cupedAdjust(treatment, control);
  const cuped = adjusted && intervalOfAdjustment(adjusted, confidence);
  let sequential: SequentialInterval | null = null;
  if (cuped && adjusted) {
    const plannedVariance =
      adjusted.treatment.variance / planned.treatment + adjusted.control.variance / planned.control;
    const tau2 = mixingVarianceFor(plannedVariance, 1 - confidence);
    sequential = sequentialInterval(cuped.estimate, cuped.standardError ** 2, tau2, confidence);
  }
  return {
    estimate: orNull(treatment.meanY - control.meanY),
    welch: welchInterval(
      { n: treatment.n, mean: treatment.meanY, variance: treatment.varY },
      { n: control.n, mean: control.meanY, variance: control.varY },
      confidence,
    ),
    cuped,
    sequential,
  };
}

/** The results of a campaign experiment: each non-holdout arm against the holdout, and the SRM check. */
export function analyseExperiment(input: ExperimentInput): ExperimentResult {
  const confidence = input.confidence ?? 0.95;
  checkConfidence(confidence);
  const arms = prepare(input);
  const holdout = arms.find((a) => a.arm === input.holdout)!;
  const weightSum = arms.reduce((sum, a) => sum + a.weight, 0);
  const plannedSize = (a: PreparedArm) => (input.plannedMembers * a.weight) / weightSum;
  const pointValue = input.pointValueMinor;
  if (pointValue !== undefined && !(pointValue > 0)) throw new RangeError('pointValueMinor must be positive');

  const comparisons = arms
    .filter((a) => a !== holdout)
    .map((a): ArmComparison => {
      const planned = { treatment: plannedSize(a), control: plannedSize(holdout) };
      const incrementalRevenue = effect(a.moments.revenue, holdout.moments.revenue, planned, confidence);
      const incrementalPointsCost = effect(a.moments.pointsCost, holdout.moments.pointsCost, planned, confidence);
      const revenue = incrementalRevenue.cuped?.estimate ?? incrementalRevenue.estimate;
      const points = incrementalPointsCost.cuped?.estimate ?? incrementalPointsCost.estimate;
      const revenuePerPoint = revenue !== null && points !== null && points > 0 ? revenue / points : null;
      return {
        ...figures(a),
        incrementalRevenue,
        incrementalPointsCost,
        revenuePerPoint,
        returnOnPointsSpent: revenuePerPoint !== null && pointValue !== undefined ? revenuePerPoint / pointValue : null,
      };
    });

  const counts = arms.map((a) => a.moments.n);
  const srm = sampleRatioCheck(
    counts,
    arms.map((a) => a.weight),
    input.srmThreshold,
  );
  return {
    confidence,
    holdout: figures(holdout),
    comparisons,
    sampleRatio: {
      ...srm,
      arms: arms.map((a, i) => ({ arm: a.arm, members: counts[i]!, expected: srm.expected[i]! })),
    },
  };
}
