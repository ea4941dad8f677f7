-- Postgres `balances`: one row per member and program, updated by every ledger entry. Its key is (member_id,
-- program_id), so the raw table is ordered by the tenant and that key; versioned and read like raw.members.
CREATE TABLE IF NOT EXISTS raw.balances
(
    tenant_id UUID,
    member_id UUID,
    program_id UUID,
    available Int32,
    pending Int32,
    lifetime_earned Int32,
    redeemed Int32,
    expired Int32,
    tier_id Nullable(UUID),
    tier_since Nullable(DateTime64(3, 'UTC')),
    seq Int32,
    updated_at DateTime64(3, 'UTC'),
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, member_id, program_id);
