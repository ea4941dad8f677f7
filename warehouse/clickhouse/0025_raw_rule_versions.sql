-- Postgres `rule_versions` (immutable), one version per change, written by warehouse/cdc; read like raw.members.
-- `conditions` and `effects` are the JSON text.
CREATE TABLE IF NOT EXISTS raw.rule_versions
(
    tenant_id UUID,
    id UUID,
    rule_id UUID,
    version Int32,
    name String,
    priority Int32,
    stacking LowCardinality(String),
    conditions String,
    effects String,
    active_from Nullable(DateTime64(3, 'UTC')),
    active_to Nullable(DateTime64(3, 'UTC')),
    created_by Nullable(String),
    created_at DateTime64(3, 'UTC'),
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, id);
