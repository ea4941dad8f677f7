-- Postgres `campaign_members`: a campaign's audience, materialised when it starts. Its key is (campaign_id,
-- member_id), so the raw table is ordered by the tenant and that key; versioned and read like raw.members.
CREATE TABLE IF NOT EXISTS raw.campaign_members
(
    tenant_id UUID,
    campaign_id UUID,
    member_id UUID,
    variant LowCardinality(String),
    added_at DateTime64(3, 'UTC'),
    _version UInt64,
    _deleted UInt8 DEFAULT 0,
    _synced_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(_version)
ORDER BY (tenant_id, campaign_id, member_id);
