-- Postgres `ledger_entries.effective_at` and `tier_changes.effective_at` (Prisma migration 20261206220432_effective_time):
-- when an entry or a tier move took effect, beside `created_at`, when it was recorded. The marts date by it. Rows
-- written before carry the DEFAULT, their recorded time, as the Postgres migration backfilled them (except entries that
-- opened a lot, whose Postgres backfill is the lot's earned time; a snapshot copies that).
ALTER TABLE raw.ledger_entries
    ADD COLUMN IF NOT EXISTS effective_at DateTime64(3, 'UTC') DEFAULT created_at AFTER shortfall_points;

ALTER TABLE raw.tier_changes
    ADD COLUMN IF NOT EXISTS effective_at DateTime64(3, 'UTC') DEFAULT created_at AFTER reason;
