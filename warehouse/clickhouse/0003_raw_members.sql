-- Postgres `members`, one version per change, written by warehouse/cdc. `_version` is the LSN of the change (0 for
-- rows copied by the first start's snapshot, which every later change supersedes); `_deleted` marks a deletion.
-- Read it collapsed: FINAL (or argMax by `_version`) and `_deleted = 0`.
CREATE TABLE IF NOT EXISTS raw.members
(
    tenant_id UUID,
    id UUID,
    external_id String,
    email Nullable(String),
    first_name Nullable(String),
    last_name Nullable(String),
    phone Nullable(String),
    birth_date Nullable(Date32),
    attributes String,
    tags Array(String),
    consents String,
    status LowCardinality(String),
    enrolled_at DateTime64(3, 'UTC'),
    erased_at Nullable(DateTime64(3, 'UTC')),
    created_at DateTime64(3, 'UTC'),
    updated_at DateTime64(3, 'UTC'),
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, id);
