-- Postgres `rewards`, one version per change, written by warehouse/cdc; versioned and read like raw.members.
CREATE TABLE IF NOT EXISTS raw.rewards
(
    tenant_id UUID,
    id UUID,
    program_id UUID,
    name String,
    description Nullable(String),
    kind LowCardinality(String),
    cost_points Int32,
    discount_amount_minor Nullable(Int32),
    discount_percent Nullable(Int32),
    sku Nullable(String),
    inventory Nullable(Int32),
    per_member_limit Nullable(Int32),
    tier_ids Array(String),
    available_from Nullable(DateTime64(3, 'UTC')),
    available_to Nullable(DateTime64(3, 'UTC')),
    cost_minor Int32,
    status LowCardinality(String),
    created_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, id);
