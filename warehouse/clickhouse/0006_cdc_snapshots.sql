-- warehouse/cdc's record of its first-start snapshot per replication slot. A slot whose latest row is not
-- `completed = 1` was created by a start that died while copying, so the next start drops it and copies again.
CREATE TABLE IF NOT EXISTS monet_meta.cdc_snapshots
(
    slot_name String,
    completed UInt8,
    consistent_point String,
    recorded_at DateTime64(6, 'UTC') DEFAULT now64(6)
)
ENGINE = ReplacingMergeTree(recorded_at)
ORDER BY slot_name;
