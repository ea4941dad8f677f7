-- Postgres `programs`, one version per change, written by warehouse/cdc; versioned and read like raw.members.
CREATE TABLE IF NOT EXISTS raw.programs
(
    tenant_id UUID,
    id UUID,
    name String,
    points_name String,
    earning_currency LowCardinality(String),
    rounding LowCardinality(String),
    expiry_policy LowCardinality(String),
    expiry_value Nullable(Int32),
    min_redemption Int32,
    max_points_per_event Nullable(Int32),
    money_value_per_1000_points Int32,
    status LowCardinality(String),
    created_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, id);
