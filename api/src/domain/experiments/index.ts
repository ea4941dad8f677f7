// The statistics of campaign experiments, pure: each arm against its holdout with Welch, CUPED and always-valid
// intervals, and the sample ratio check. See docs/experiments.md for the methods, their assumptions and the
// simulation that checks them.
export {
  type ArmComparison,
  type ArmFigures,
  type ArmInput,
  analyseExperiment,
  type Effect,
  type ExperimentInput,
  type ExperimentResult,
} from './analyse-experiment.ts';
export { type CupedAdjustment, type CupedInterval, cupedAdjust, cupedInterval } from './cuped.ts';
export {
  chiSquaredQuantile,
  chiSquaredSurvival,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
  studentTSurvival,
} from './distributions.ts';
export {
  type ArmMoments,
  type ArmSums,
  type ArmValues,
  type MetricMoments,
  momentsFromSums,
  momentsFromValues,
  sumsOf,
  type WholeNumber,
} from './moments.ts';
export { mixingVarianceFor, optimalMixingFactor, type SequentialInterval, sequentialInterval } from './sequential.ts';
export { type SampleRatioResult, sampleRatioCheck } from './srm.ts';
export { type Interval, type SampleSummary, type WelchInterval, welchInterval } from './welch.ts';
