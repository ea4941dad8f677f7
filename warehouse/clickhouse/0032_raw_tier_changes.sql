-- Postgres `tier_changes` (append-only), one version per change, written by warehouse/cdc; read like raw.members.
CREATE TABLE IF NOT EXISTS raw.tier_changes
(
    tenant_id UUID,
    id UUID,
    member_id UUID,
    program_id UUID,
    from_tier_id Nullable(UUID),
    to_tier_id Nullable(UUID),
    reason String,
    created_at DateTime64(3, 'UTC'),
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, id);
