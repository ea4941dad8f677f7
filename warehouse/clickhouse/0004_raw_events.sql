-- Postgres `events`, one version per change, written by warehouse/cdc; versioned and read like raw.members.
CREATE TABLE IF NOT EXISTS raw.events
(
    tenant_id UUID,
    id UUID,
    program_id UUID,
    member_id UUID,
    external_id String,
    type LowCardinality(String),
    custom_type Nullable(String),
    occurred_at DateTime64(3, 'UTC'),
    amount_minor Nullable(Int32),
    currency LowCardinality(Nullable(String)),
    channel Nullable(String),
    line_items String,
    attributes String,
    refund_of_event_id Nullable(UUID),
    points_by_rule String,
    created_at DateTime64(3, 'UTC'),
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, id);
