/**
 * The api's functions for the churn-scoring workflow (`@loyaltystudio/api/models`): a completed run's scores become
 * the tenant's current ones in Postgres through the same service layer the member routes read.
 */
export {
  type Publication,
  publishMemberScores,
  type RunRecord,
  type ScoreColumns,
} from './modules/models/models.publish.ts';
