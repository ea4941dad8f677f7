-- AlterTable
ALTER TABLE "members" ADD COLUMN     "warehouse_erased_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "members_erased_at_idx" ON "members"("erased_at");
