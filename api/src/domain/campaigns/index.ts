// Campaigns as pure rules: their settings' schemas, validation, the assignment hash, and what a campaign gives for
// one event. No I/O; the campaigns module stores them and the accrual path applies them.
export { armOfBucket, armsOf, assignArm, assignmentBucket, BUCKET_SQL, BUCKETS, type Split } from './assignment.ts';
export {
  CAMPAIGN_TYPES,
  type CampaignConfigs,
  type CampaignDefinition,
  type CampaignType,
  CONFIGS,
  HOLDOUT,
  MAX_HOLDOUT_PERCENT,
  MAX_VARIANTS,
  TimeWindow,
  VARIANT_KEY,
  Variant,
} from './campaigns.schemas.ts';
export {
  type Award,
  type CampaignEvaluationInput,
  type CompiledCampaign,
  compileCampaign,
  evaluateSeat,
  type SeatState,
  windowsCondition,
} from './evaluate-campaign.ts';
export { armConfig, type CampaignIssue, type CampaignSettings, validateCampaign } from './validate-campaign.ts';
