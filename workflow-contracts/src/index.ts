/**
 * What the rest of Monet may know about its workflows: task queues, workflow types, workflow ids and the
 * shapes that cross the wire (`@loyaltystudio/workflow-contracts`). A package of its own, so that the api starts
 * workflows without depending on the workflows package, which depends on the api.
 *
 * Starting a workflow from the api:
 *   client.workflow.start<SystemCheckWorkflow>(workflowTypes.systemCheck, {
 *     taskQueue: taskQueues.system,
 *     workflowId: workflowIds.systemCheck(requestId),
 *     args: [{ requestId }],
 *   });
 */

/** Task queues, each polled by the worker entry started with that queue's name. */
export const taskQueues = {
  /** Platform work: health round trips, the loyalty core's housekeeping, dbt builds, erasures, and later reports. */
  system: 'monet-system',
} as const;

export type TaskQueue = (typeof taskQueues)[keyof typeof taskQueues];

/** Workflow types: the names `workflows/src/workflows.ts` exports, as the server knows them. */
export const workflowTypes = {
  systemCheck: 'systemCheck',
  housekeeping: 'housekeeping',
  dbtBuild: 'dbtBuild',
  churnScoring: 'churnScoring',
  campaign: 'campaign',
  memberErasure: 'memberErasure',
  reportSend: 'reportSend',
} as const;

/** Workflow ids are business keys, so starting the same piece of work twice finds the first execution. */
export const workflowIds = {
  systemCheck: (requestId: string): string => `system-check:${requestId}`,
  /**
   * One pass of a housekeeping job, by the time it was scheduled for. A schedule appends `-<scheduled time>` to
   * the id of its action (`housekeeping:<job>`), so this is the form the server gives every scheduled run.
   */
  housekeeping: (job: HousekeepingJob, scheduledAt: Date): string =>
    `${scheduleIds.housekeeping(job)}-${rfc3339Seconds(scheduledAt)}`,
  /** One build of the marts, by the time it was scheduled (or triggered) for: `dbt-build-<scheduled time>`. */
  dbtBuild: (scheduledAt: Date): string => `${scheduleIds.dbtBuild}-${rfc3339Seconds(scheduledAt)}`,
  /** One scheduled churn-scoring run, by the time it was scheduled for: `churn-scoring-<scheduled time>`. */
  churnScoring: (scheduledAt: Date): string => `${scheduleIds.churnScoring}-${rfc3339Seconds(scheduledAt)}`,
  /** A run asked for outside the schedule (one tenant, after a new model): `churn-scoring:<request id>`. */
  churnScoringRequest: (requestId: string): string => `churn-scoring:${requestId}`,
  /** The one workflow that runs a campaign, from its launch to its end: `campaign:<tenant>:<campaign id>`. */
  campaign: (tenantId: string, campaignId: string): string => `campaign:${tenantId}:${campaignId}`,
  /** A member's erasure on its way through the warehouse: one per member, started by the erasure in the api. */
  memberErasure: (tenantId: string, memberId: string): string => `member-erasure:${tenantId}:${memberId}`,
  /**
   * One send of a report. A scheduled send is `report:<tenant>:<report>-<scheduled time>` (the schedule appends the
   * time); "send now" is `…:manual:<key>` (the caller's Idempotency-Key, hashed); after a build of the marts,
   * `…:marts:<build workflow id>`. Starting the same send twice finds the first.
   */
  reportSend: (tenantId: string, reportId: string, trigger: ReportSendTrigger, key: string | Date): string =>
    trigger === 'schedule'
      ? `${scheduleIds.report(tenantId, reportId)}-${rfc3339Seconds(key as Date)}`
      : `${scheduleIds.report(tenantId, reportId)}:${trigger === 'manual' ? 'manual' : 'marts'}:${String(key)}`,
};

/** The form a schedule writes its scheduled time in: RFC 3339, in UTC, to the second. */
function rfc3339Seconds(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Temporal Schedules, one per periodic job, created (or updated) by the worker at start-up. */
export const scheduleIds = {
  housekeeping: (job: HousekeepingJob): string => `housekeeping:${job}`,
  /** The one schedule that builds the marts (`dbt build` of warehouse/dbt). */
  dbtBuild: 'dbt-build',
  /** The one schedule that scores every tenant's members (churn risk, lifetime value). */
  churnScoring: 'churn-scoring',
  /** A report's schedule, kept in step with its cron by the api (and by the worker at start-up). */
  report: (tenantId: string, reportId: string): string => `report:${tenantId}:${reportId}`,
} as const;

export interface SystemCheckInput {
  /** The caller's id for this check; it becomes the workflow id. */
  requestId: string;
}

/** Who ran an activity, and when. */
export interface WorkerReport {
  hostname: string;
  pid: number;
  taskQueue: string;
  /** Version of the workflows package the worker runs. */
  version: string;
  /** ISO 8601, UTC. */
  reportedAt: string;
}

export interface SystemCheckResult {
  requestId: string;
  workflowId: string;
  runId: string;
  worker: WorkerReport;
}

export type SystemCheckWorkflow = (input: SystemCheckInput) => Promise<SystemCheckResult>;

/** The loyalty core's periodic jobs; each pass works across tenants and is safe to repeat or overlap. */
export const housekeepingJobs = [
  'redemption-holds',
  'points-expiry',
  'tier-downgrades',
  'sessions',
  'idempotency-keys',
  'warehouse-history',
  'member-erasures',
] as const;

export type HousekeepingJob = (typeof housekeepingJobs)[number];

export interface HousekeepingInput {
  job: HousekeepingJob;
}

/** What one pass of each job did. */
export interface HousekeepingCounts {
  /** Reserved redemptions whose hold ran out, released as `expired`. */
  'redemption-holds': { expired: number };
  /** Members with expired lots, and the points expired. */
  'points-expiry': { members: number; points: number };
  /** Members whose qualification period ended, and what became of them. */
  'tier-downgrades': { examined: number; upgraded: number; renewed: number; downgraded: number };
  /** Ended sessions deleted (with their tokens), and expired refresh tokens of sessions that live on. */
  sessions: { sessions: number; refreshTokens: number };
  /** Idempotency keys past their retention. */
  'idempotency-keys': { deleted: number };
  /** Superseded versions of rows with personal data deleted from the raw tables, over the tenants examined. */
  'warehouse-history': { tenants: number; versions: number };
  /** Erased members whose warehouse erasure had not completed, and the erasure workflows started for them. */
  'member-erasures': { pending: number; started: number };
}

export type HousekeepingResult = {
  [J in HousekeepingJob]: {
    job: J;
    workflowId: string;
    /** The `now` the pass ran with (ISO 8601, UTC). */
    ranAt: string;
    counts: HousekeepingCounts[J];
  };
}[HousekeepingJob];

export type HousekeepingWorkflow = (input: HousekeepingInput) => Promise<HousekeepingResult>;

/** dbt's tally of one run, from its closing `Done. PASS=… WARN=… ERROR=… SKIP=… NO-OP=… TOTAL=…` line. */
export interface DbtRunCounts {
  pass: number;
  warn: number;
  error: number;
  skip: number;
  noOp: number;
  total: number;
}

export interface DbtBuildResult {
  workflowId: string;
  /** When dbt started (ISO 8601, UTC). */
  startedAt: string;
  /** How long dbt ran, in seconds. */
  seconds: number;
  counts: DbtRunCounts;
}

/** One `dbt build` of every model, test and snapshot; the `dbt-build` schedule starts one at every tick. */
export type DbtBuildWorkflow = () => Promise<DbtBuildResult>;

/** What a churn-scoring run works on: the tenants asked for, or every tenant with member features when absent. */
export interface ChurnScoringInput {
  tenantIds?: string[];
}

/** One tenant's scoring run, as the `scoreTenant` activity takes it. */
export interface TenantScoringInput {
  tenantId: string;
  /** The run's id: its scores and its record in raw.scoring_runs carry it. */
  runId: string;
  workflowId: string;
}

/** What one tenant's run did. */
export interface TenantScoring {
  tenantId: string;
  runId: string;
  /** The marts' as-of date the features describe (YYYY-MM-DD). */
  asOfDate: string;
  churnModelVersion: string;
  /** `tenant`: the tenant's own model; `default`: the one shipped in ml/artifacts. */
  churnModelSource: 'tenant' | 'default';
  clvModelVersion: string;
  membersScored: number;
  /** Members whose features the spec refuses (NULL where not allowed, NaN or infinite): not scored. */
  membersRefused: number;
  seconds: number;
  /**
   * Members whose current scores in Postgres are now this run's (the api's member endpoints read them); null when
   * Postgres already held a later run's. Absent from runs recorded before scores were published.
   */
  publishedMembers?: number | null;
}

export interface ChurnScoringResult {
  workflowId: string;
  tenants: TenantScoring[];
}

/**
 * Scores tenants' members for churn risk and lifetime value with the tenant's model or the shipped default, writing
 * every run's scores to ClickHouse, then making them the members' current scores in Postgres; the `churn-scoring`
 * schedule starts one for every tenant at each tick.
 */
export type ChurnScoringWorkflow = (input?: ChurnScoringInput) => Promise<ChurnScoringResult>;

/** A member erased in Postgres, whose earlier versions the workflow deletes from the warehouse. Ids only. */
export interface MemberErasureInput {
  tenantId: string;
  memberId: string;
}

export interface MemberErasureResult {
  workflowId: string;
  tenantId: string;
  memberId: string;
  /** When the erasure reached the warehouse, as recorded on the member (ISO 8601, UTC). */
  warehouseErasedAt: string;
  /** Versions written before the erasure and deleted, by raw table. */
  rawVersionsDeleted: Record<string, number>;
  /** The member's rows whose personal columns were overwritten, by mart. */
  martRowsErased: Record<string, number>;
  /** Export files that could hold the member's personal data, deleted. */
  exportFilesRemoved: number;
}

/**
 * Takes an erasure through the warehouse: waits until the change stream wrote the erased rows, deletes every
 * earlier version of them from ClickHouse, cleans the marts and export files, and records the time on the member.
 */
export type MemberErasureWorkflow = (input: MemberErasureInput) => Promise<MemberErasureResult>;

/** Signals a campaign's workflow takes, by name. The api records each change in Postgres, then signals. */
export const campaignSignals = {
  /** Running → paused: accruals stop crediting (Postgres says so already); the workflow's state follows. */
  pause: 'pause',
  /** Paused → running. */
  resume: 'resume',
  /** Stops the campaign at once, whatever it was doing; it ends `cancelled`. */
  cancel: 'cancel',
  /** The schedule of a scheduled campaign changed; carries the new one (a CampaignSchedule). */
  reschedule: 'reschedule',
  /** An accrual found the budget short: check it, and stop the campaign when it is spent. */
  budgetShort: 'budgetShort',
} as const;

export type CampaignSignal = keyof typeof campaignSignals;

/** Queries a campaign's workflow answers, by name. */
export const campaignQueries = {
  /** The workflow's CampaignState. */
  state: 'state',
} as const;

/** A campaign's window and budget, as Postgres holds them. */
export interface CampaignSchedule {
  /** ISO 8601. */
  startsAt: string;
  /** ISO 8601, exclusive. */
  endsAt: string;
  budgetPoints: number | null;
}

export interface CampaignInput {
  tenantId: string;
  campaignId: string;
  /**
   * The schedule as the launch recorded it, so the workflow waits for the start without reading Postgres first (it
   * reads it when absent). A `reschedule` signal brings a new one; the start itself checks it against Postgres.
   */
  schedule?: CampaignSchedule;
  /**
   * Members of the audience as the launch counted them (a static segment version's snapshot); absent when unknown
   * (a dynamic segment, or an earlier api). A small audience starts in a local activity, a large or unknown one in
   * a heartbeating activity of its own.
   */
  audienceMembers?: number;
  /** How often a running campaign with a budget checks whether it is spent, in seconds; 60 when absent. */
  budgetCheckSeconds?: number;
  /** Set by the workflow itself when it continues as new: where the previous run stopped. */
  continued?: { phase: 'running'; paused: boolean; assigned: number };
}

/** Where a campaign's workflow is. */
export type CampaignPhase =
  | 'scheduled' // waiting for its start
  | 'activating' // materialising its audience
  | 'running'
  | 'paused'
  | 'completed'
  | 'cancelled';

export interface CampaignState {
  phase: CampaignPhase;
  /** Audience members seated so far (each exactly once). */
  assigned: number;
  /** Why it ended, once it has. */
  stopReason: 'ended' | 'budget_exhausted' | 'cancelled' | null;
}

export interface CampaignResult {
  workflowId: string;
  status: 'completed' | 'cancelled';
  stopReason: 'ended' | 'budget_exhausted' | 'cancelled';
  /** Audience members seated. */
  assigned: number;
  /** Points the campaign gave, as its budget counted them (0 without a budget). */
  pointsSpent: number;
}

/**
 * A campaign from its launch to its end: waits for its start, materialises its audience and arms into
 * campaign_members, runs until its window closes, its budget is spent or it is cancelled, then completes it.
 */
export type CampaignWorkflow = (input: CampaignInput) => Promise<CampaignResult>;

/** What started a report's send. */
export type ReportSendTrigger = 'schedule' | 'manual' | 'marts_rebuilt';

export interface ReportSendInput {
  tenantId: string;
  reportId: string;
  trigger: ReportSendTrigger;
  /**
   * The send date the tiles' relative ranges end before (ISO date, in the report's time zone); absent: the day
   * the send runs on, in the report's time zone.
   */
  asOf?: string;
  /** How deliveries are retried (tests shorten it); absent: DELIVERY_RETRY of the reports workflow. */
  retry?: { initialIntervalMs: number; maximumAttempts: number };
}

export interface ReportSendResult {
  workflowId: string;
  /** SHA-256 of the tiles' data. */
  dataHash: string;
  /** sent: at least one message went out; unchanged: only-when-changed found the data as last sent. */
  outcome: 'sent' | 'unchanged' | 'failed' | 'no-recipients';
  sent: number;
  failed: number;
  skipped: number;
}

/**
 * One send of a report: reads its tiles from the marts, renders the PDF, CSV and XLSX, mails each recipient
 * (retried with backoff), and writes the delivery log.
 */
export type ReportSendWorkflow = (input: ReportSendInput) => Promise<ReportSendResult>;
