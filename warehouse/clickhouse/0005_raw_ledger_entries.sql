-- Postgres `ledger_entries`, one version per change, written by warehouse/cdc; versioned and read like raw.members.
-- Entries are immutable in Postgres, so each id normally has one version.
CREATE TABLE IF NOT EXISTS raw.ledger_entries
(
    tenant_id UUID,
    id UUID,
    member_id UUID,
    program_id UUID,
    seq Int32,
    kind LowCardinality(String),
    points Int32,
    event_id Nullable(UUID),
    redemption_id Nullable(UUID),
    rule_version_ids Array(String),
    campaign_id Nullable(UUID),
    reason Nullable(String),
    actor_id Nullable(String),
    shortfall_points Int32,
    created_at DateTime64(3, 'UTC'),
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, id);
