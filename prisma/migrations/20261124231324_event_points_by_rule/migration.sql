-- AlterTable
ALTER TABLE "events" ADD COLUMN     "points_by_rule" JSONB NOT NULL DEFAULT '{}';
