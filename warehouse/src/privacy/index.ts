export {
  ErasureNotStreamedError,
  earlierVersionsPredicate,
  erasedVersionQuery,
  eraseMemberHistory,
  eraseMemberMarts,
  type MemberRef,
} from './erase-member.ts';
export {
  erasedPseudonym,
  MART_PERSONAL_DATA,
  type MartPersonalColumns,
  RAW_PERSONAL_DATA,
  type RawPersonalTable,
} from './personal-data.ts';
export { dateTime64, pruneHistory, supersededPredicate } from './prune-history.ts';
export type { MutationOptions } from './statements.ts';
