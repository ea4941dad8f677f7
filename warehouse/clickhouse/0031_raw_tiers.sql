-- Postgres `tiers`, one version per change, written by warehouse/cdc; versioned and read like raw.members.
CREATE TABLE IF NOT EXISTS raw.tiers
(
    tenant_id UUID,
    id UUID,
    program_id UUID,
    name String,
    rank Int32,
    qualification LowCardinality(String),
    threshold Int32,
    earn_multiplier_pct Int32,
    grace_days Int32,
    benefits String,
    created_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, id);
