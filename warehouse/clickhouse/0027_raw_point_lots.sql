-- Postgres `point_lots`: earned points with their expiry, drawn down by redemptions and expiries. One version per
-- change, written by warehouse/cdc; versioned and read like raw.members.
CREATE TABLE IF NOT EXISTS raw.point_lots
(
    tenant_id UUID,
    id UUID,
    member_id UUID,
    program_id UUID,
    ledger_entry_id UUID,
    earned_at DateTime64(3, 'UTC'),
    expires_at Nullable(DateTime64(3, 'UTC')),
    points Int32,
    remaining Int32,
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, id);
