-- Postgres `campaigns` and `campaign_members` as campaigns run by workflows (Prisma migration
-- 20261206190002_campaigns_run_by_workflows): the type and its settings, the audience, local time-of-day windows, the
-- budget and what it spent, the arms and the holdout, when it started and why it stopped; each seat's awards and
-- progress towards a spend threshold. JSON columns arrive as their text, enums as their labels. Rows written before
-- keep the defaults.
ALTER TABLE raw.campaigns
    ADD COLUMN IF NOT EXISTS description Nullable(String) AFTER name,
    ADD COLUMN IF NOT EXISTS type LowCardinality(String) AFTER description,
    ADD COLUMN IF NOT EXISTS config String AFTER type,
    ADD COLUMN IF NOT EXISTS audience_segment_version_id Nullable(UUID) AFTER config,
    ADD COLUMN IF NOT EXISTS time_windows String AFTER ends_at,
    ADD COLUMN IF NOT EXISTS budget_points Nullable(Int32) AFTER time_windows,
    ADD COLUMN IF NOT EXISTS points_spent Int32 AFTER budget_points,
    ADD COLUMN IF NOT EXISTS variants String AFTER points_spent,
    ADD COLUMN IF NOT EXISTS holdout_percent Int32 AFTER variants,
    ADD COLUMN IF NOT EXISTS stop_reason Nullable(String) AFTER holdout_percent,
    ADD COLUMN IF NOT EXISTS started_at Nullable(DateTime64(3, 'UTC')) AFTER stop_reason,
    ADD COLUMN IF NOT EXISTS completed_at Nullable(DateTime64(3, 'UTC')) AFTER started_at;

ALTER TABLE raw.campaign_members
    ADD COLUMN IF NOT EXISTS awards Int32 AFTER variant,
    ADD COLUMN IF NOT EXISTS progress_minor Int32 AFTER awards;
