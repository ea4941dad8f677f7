export {
  type CampaignArmRow,
  type CampaignResultsParams,
  campaignResultsQuery,
  readCampaignResults,
} from './campaign-results.ts';
export {
  type Cohort,
  type CohortGrain,
  type CohortPeriod,
  type CohortsParams,
  cohortsQuery,
  readCohorts,
} from './cohorts.ts';
export {
  FUNNEL_KINDS,
  type FunnelCohort,
  type FunnelKind,
  type FunnelStep,
  type FunnelsParams,
  funnelsQuery,
  readFunnels,
} from './funnels.ts';
export { clickhouseMartReader, type MartReader, type ReadLimits, type SqlQuery } from './mart-reader.ts';
export {
  type MemberPrediction,
  type MemberPredictionsParams,
  memberPredictionsQuery,
  readMemberPredictions,
} from './member-predictions.ts';
export {
  MEMBER_SORTS,
  type Member360,
  type Member360Row,
  type MemberFilters,
  type MemberSort,
  type MembersParams,
  membersQuery,
  readMembers,
} from './members.ts';
export {
  type CalibrationBinRow,
  type ModelQualityParams,
  modelCalibrationQuery,
  modelQualityQuery,
  type RealisedQuality,
  type RealisedQualityRow,
  readModelQuality,
} from './model-quality.ts';
export {
  type Compared,
  compare,
  OVERVIEW_METRICS,
  type OverviewMetric,
  type OverviewMonth,
  type OverviewParams,
  type OverviewResult,
  overviewMonthsQuery,
  overviewQuery,
  readOverview,
} from './overview.ts';
export { type ComparedPeriods, comparedPeriods, daysBetween, type Period } from './periods.ts';
export {
  type PointsEconomyDay,
  type PointsEconomyParams,
  type PointsEconomyResult,
  pointsEconomyQuery,
  readPointsEconomy,
} from './points-economy.ts';
export {
  RFM_SEGMENTS,
  type RfmCell,
  type RfmParams,
  type RfmResult,
  type RfmSegment,
  type RfmSegmentSize,
  readRfm,
  rfmQuery,
} from './rfm.ts';
export {
  readTiers,
  type TierMonth,
  type TierMovement,
  type TierRef,
  type TierShare,
  type TiersParams,
  type TiersResult,
  tierDistributionQuery,
  tierMovementsQuery,
} from './tiers.ts';
