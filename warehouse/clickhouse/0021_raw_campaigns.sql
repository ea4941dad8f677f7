-- Postgres `campaigns`, one version per change, written by warehouse/cdc; versioned and read like raw.members.
CREATE TABLE IF NOT EXISTS raw.campaigns
(
    tenant_id UUID,
    id UUID,
    program_id UUID,
    name String,
    status LowCardinality(String),
    starts_at DateTime64(3, 'UTC'),
    ends_at DateTime64(3, 'UTC'),
    created_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, id);
