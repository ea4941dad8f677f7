-- AlterTable
ALTER TABLE "ledger_entries" ADD COLUMN     "effective_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "tier_changes" ADD COLUMN     "effective_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Backfill: rows written before this migration took effect when they were recorded, except entries that opened a
-- lot, which took effect when their points were earned.
UPDATE "ledger_entries" SET "effective_at" = "created_at";
UPDATE "ledger_entries" AS e SET "effective_at" = l."earned_at"
FROM "point_lots" AS l WHERE l."ledger_entry_id" = e."id";
UPDATE "tier_changes" SET "effective_at" = "created_at";

-- CreateIndex
CREATE INDEX "ledger_entries_tenant_id_effective_at_idx" ON "ledger_entries"("tenant_id", "effective_at");
