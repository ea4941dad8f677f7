-- Postgres `rules`, one version per change, written by warehouse/cdc; versioned and read like raw.members.
CREATE TABLE IF NOT EXISTS raw.rules
(
    tenant_id UUID,
    id UUID,
    program_id UUID,
    current_version Nullable(Int32),
    created_at DateTime64(3, 'UTC'),
    archived_at Nullable(DateTime64(3, 'UTC')),
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, id);
