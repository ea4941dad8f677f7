-- Postgres `lot_allocations`: which lots a debiting ledger entry drew from. One version per change, written by
-- warehouse/cdc; versioned and read like raw.members.
CREATE TABLE IF NOT EXISTS raw.lot_allocations
(
    tenant_id UUID,
    id UUID,
    lot_id UUID,
    ledger_entry_id UUID,
    points Int32,
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, id);
