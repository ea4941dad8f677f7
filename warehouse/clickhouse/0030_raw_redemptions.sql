-- Postgres `redemptions`, one version per change (reserved → fulfilled, cancelled or expired), written by
-- warehouse/cdc; versioned and read like raw.members. The voucher `code` is left out of the warehouse.
CREATE TABLE IF NOT EXISTS raw.redemptions
(
    tenant_id UUID,
    id UUID,
    member_id UUID,
    program_id UUID,
    reward_id UUID,
    points Int32,
    status LowCardinality(String),
    hold_expires_at DateTime64(3, 'UTC'),
    created_at DateTime64(3, 'UTC'),
    fulfilled_at Nullable(DateTime64(3, 'UTC')),
    cancelled_at Nullable(DateTime64(3, 'UTC')),
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, id);
