-- Postgres `tenants`, one version per change. `_version` is the LSN of the change, so replaying the stream after a
-- crash writes the same versions again and collapsing by `_version` stays correct; `_deleted` marks a deletion.
-- Read it collapsed (argMax by `_version`, deleted rows filtered) as dbt's stg_monet__tenants does.
CREATE TABLE IF NOT EXISTS raw.tenants
(
    id UUID,
    slug String,
    name String,
    time_zone LowCardinality(String),
    currency LowCardinality(String),
    created_at DateTime64(6, 'UTC'),
    updated_at DateTime64(6, 'UTC'),
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY id;
