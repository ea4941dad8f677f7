-- Postgres `redemptions.campaign_id`: the campaign that granted the reward (0 points, fulfilled at once); NULL for a
-- member's own redemption. Campaign results count a granted reward at its cost in points.
ALTER TABLE raw.redemptions ADD COLUMN IF NOT EXISTS campaign_id Nullable(UUID) AFTER reward_id;
