-- Postgres `guest_purchases`: orders of customers who are not members (or not yet), for revenue share and ROI
-- baselines. One version per change, written by warehouse/cdc; versioned and read like raw.members.
CREATE TABLE IF NOT EXISTS raw.guest_purchases
(
    tenant_id UUID,
    id UUID,
    program_id UUID,
    external_id String,
    customer_ref Nullable(String),
    occurred_at DateTime64(3, 'UTC'),
    amount_minor Int32,
    currency LowCardinality(String),
    channel Nullable(String),
    created_at DateTime64(3, 'UTC'),
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, id);
