import { type Static, type TSchema, Type } from 'typebox';

/** `type: [T, "null"]` rather than anyOf: one error per bad field. */
const Nullable = <T extends TSchema & { type: string }>(t: T) =>
  Type.Unsafe<Static<T> | null>({ ...t, type: [t.type, 'null'] });

const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date' });
const Version = Type.String({ pattern: '^\\d{8}T\\d{6}Z$', examples: ['20261206T201206Z'] });
const Probability = Type.Number({ minimum: 0, maximum: 1 });
const Band = Type.Enum(['low', 'medium', 'high']);
const Source = Type.Enum(['tenant', 'default'], {
  description: '`tenant`: trained on the tenant’s own history; `default`: shipped with Monet (trained on the demo)',
});

/** A member's current scores, as the api shows them on a member. */
export const MemberScores = Type.Object(
  {
    churnProbability: Type.Intersect([Probability], {
      description: 'P(no purchase in churnHorizonDays after asOfDate)',
    }),
    churnRiskBand: Type.Intersect([Band], {
      description: 'low below 0.3, medium from 0.3 to below 0.6, high from 0.6',
    }),
    predictedClvMinor: Type.Integer({
      description: 'Predicted net revenue over clvHorizonDays after asOfDate, in minor units of currency',
    }),
    currency: Nullable(Type.String({ pattern: '^[A-Z]{3}$', description: 'The tenant’s currency; null if unset' })),
    probabilityAlive: Type.Intersect([Probability], { description: 'P(the member has not left for good), BG/NBD' }),
    expectedPurchases: Type.Number({ minimum: 0, description: 'Expected purchase days over clvHorizonDays' }),
    churnModelVersion: Version,
    clvModelVersion: Version,
    churnHorizonDays: Type.Integer({ minimum: 1 }),
    clvHorizonDays: Type.Integer({ minimum: 1 }),
    asOfDate: Type.Intersect([Day], { description: 'The date of the features the scores were computed from' }),
    scoredAt: Type.String({ format: 'date-time' }),
    runId: Uuid,
  },
  { description: 'The member’s scores of the tenant’s latest completed scoring run (ml/README.md)' },
);
export type MemberScores = Static<typeof MemberScores>;

export const NullableMemberScores = Type.Unsafe<MemberScores | null>({
  ...MemberScores,
  type: ['object', 'null'],
  description: 'The member’s scores of the tenant’s latest completed scoring run; null until the member is scored',
});

const Metrics = Type.Object({
  members: Type.Integer({ minimum: 0 }),
  churnRate: Probability,
  meanPredicted: Probability,
  rocAuc: Nullable(Probability),
  prAuc: Nullable(Probability),
  brier: Type.Number({ minimum: 0, maximum: 1 }),
  topDecileLift: Nullable(Type.Number({ minimum: 0 })),
});

const CalibrationBin = Type.Object({
  bin: Type.Integer({ minimum: 0, maximum: 9, description: 'The tenth of probability: bin k holds [k/10, (k+1)/10)' }),
  members: Type.Integer({ minimum: 0 }),
  meanChurnProbability: Probability,
  churnRate: Probability,
});

const RealisedRun = Type.Object(
  {
    runId: Uuid,
    asOfDate: Day,
    members: Type.Integer({ minimum: 0, description: 'Members of the run that are judged' }),
    churnedMembers: Type.Integer({ minimum: 0 }),
    churnRate: Probability,
    meanChurnProbability: Probability,
    rocAuc: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'Null when all churned or none did' })),
    brierScore: Type.Number({ minimum: 0, maximum: 1 }),
    topDecileLift: Nullable(Type.Number({ minimum: 0 })),
    calibration: Type.Array(CalibrationBin),
    clvHorizonDays: Type.Integer({ minimum: 1 }),
    predictedRevenueMinor: Type.Integer({ description: 'Σ predicted lifetime value of the judged members' }),
    actualRevenueMinor: Nullable(
      Type.Integer({ description: 'Σ their net revenue over the lifetime-value horizon; null until it has passed' }),
    ),
  },
  { description: 'A scoring run of this version judged on what members did afterwards (marts.model_quality)' },
);

const Feature = Type.Object({
  name: Type.String(),
  type: Type.String({ description: 'ClickHouse type in the source mart' }),
  nullable: Type.Boolean(),
  missing: Type.Enum(['nan', 'refuse'], { description: 'nan: NULL goes in as NaN; refuse: the row is not scored' }),
});

export const ChurnModel = Type.Object({
  version: Version,
  source: Source,
  current: Type.Boolean({ description: 'The version the tenant’s next scoring run uses' }),
  trainedAt: Type.String({ format: 'date-time' }),
  trainingSeconds: Type.Number({ minimum: 0 }),
  algorithm: Type.String(),
  label: Type.String(),
  horizonDays: Type.Integer({ minimum: 1 }),
  calibration: Type.String({ description: 'none, platt or isotonic' }),
  hyperparameters: Type.Record(Type.String(), Type.Number()),
  data: Type.Object({
    hash: Type.String(),
    source: Type.String(),
    martAsOfDate: Day,
    trainAsOfDates: Type.Array(Day),
    validationAsOfDate: Day,
    trainRows: Type.Integer({ minimum: 0 }),
    validationRows: Type.Integer({ minimum: 0 }),
  }),
  validation: Type.Object(
    {
      chosen: Metrics,
      baseline: Metrics,
      calibration: Type.Array(
        Type.Object({
          bin: Type.Integer({ minimum: 0, maximum: 9 }),
          members: Type.Integer({ minimum: 0 }),
          meanPredicted: Nullable(Probability),
          observedRate: Nullable(Probability),
        }),
      ),
    },
    { description: 'At training: the chosen model and the logistic baseline on the validation snapshot' },
  ),
  features: Type.Array(Feature),
  libraries: Type.Record(Type.String(), Type.String()),
  realisedQuality: Type.Array(RealisedRun, { description: 'Newest as-of date first' }),
});
export type ChurnModel = Static<typeof ChurnModel>;

const FitOf = <P extends string>(names: readonly P[]) =>
  Type.Object({
    params: Type.Object(Object.fromEntries(names.map((n) => [n, Type.Number({ exclusiveMinimum: 0 })]))),
    standardErrors: Type.Record(Type.String(), Nullable(Type.Number())),
    logLikelihood: Type.Number(),
    members: Type.Integer({ minimum: 0 }),
    distinctRows: Type.Integer({ minimum: 0 }),
    iterations: Type.Integer({ minimum: 0 }),
    converged: Type.Boolean(),
    seconds: Type.Number({ minimum: 0 }),
  });

export const ClvModel = Type.Object({
  version: Version,
  source: Source,
  current: Type.Boolean({ description: 'The version the tenant’s next scoring run uses' }),
  asOfDate: Day,
  bgnbd: FitOf(['r', 'alpha', 'a', 'b']),
  gammaGamma: FitOf(['p', 'q', 'v']),
  libraries: Type.Record(Type.String(), Type.String()),
});
export type ClvModel = Static<typeof ClvModel>;

export const ModelCatalog = Type.Object({
  riskBands: Type.Object(
    { medium: Probability, high: Probability },
    { description: 'Cut-offs: low below medium, medium from medium to below high, high from high' },
  ),
  clvHorizonDays: Type.Integer({ minimum: 1, description: 'Days ahead predicted lifetime value covers' }),
  churn: Type.Array(ChurnModel, { description: 'The tenant’s own versions and the shipped ones, newest first' }),
  clv: Type.Array(ClvModel, { description: 'Lifetime-value parameters, newest first' }),
});
export type ModelCatalog = Static<typeof ModelCatalog>;

export const ScoringHeaders = Type.Object({
  'idempotency-key': Type.String({ minLength: 1, maxLength: 255, examples: ['rescore-2026-12-06'] }),
});

export const ScoringAccepted = Type.Object({
  workflowId: Type.String({ examples: ['churn-scoring:6f1c…:rescore-2026-12-06'] }),
  status: Type.Enum(['started', 'already-started']),
});
export type ScoringAccepted = Static<typeof ScoringAccepted>;
