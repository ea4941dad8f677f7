-- Postgres `members.warehouse_erased_at`: when a member's erasure reached the warehouse (every earlier version of
-- their rows deleted from raw.*, the marts and export files cleaned). Rows written before keep NULL.
ALTER TABLE raw.members ADD COLUMN IF NOT EXISTS warehouse_erased_at Nullable(DateTime64(3, 'UTC')) AFTER erased_at;
