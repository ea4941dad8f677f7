-- CreateEnum
CREATE TYPE "segment_kind" AS ENUM ('dynamic', 'static');

-- AlterTable
ALTER TABLE "exports" ADD COLUMN     "segment_version_id" UUID;

-- CreateTable
CREATE TABLE "segments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "kind" "segment_kind" NOT NULL,
    "current_version" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "segments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "segment_versions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "segment_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "member_count" INTEGER,

    CONSTRAINT "segment_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "segment_version_members" (
    "tenant_id" UUID NOT NULL,
    "segment_version_id" UUID NOT NULL,
    "member_id" UUID NOT NULL,

    CONSTRAINT "segment_version_members_pkey" PRIMARY KEY ("segment_version_id","member_id")
);

-- CreateIndex
CREATE INDEX "segments_tenant_id_created_at_id_idx" ON "segments"("tenant_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "segment_versions_tenant_id_idx" ON "segment_versions"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "segment_versions_segment_id_version_key" ON "segment_versions"("segment_id", "version");

-- AddForeignKey
ALTER TABLE "exports" ADD CONSTRAINT "exports_segment_version_id_fkey" FOREIGN KEY ("segment_version_id") REFERENCES "segment_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segments" ADD CONSTRAINT "segments_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_versions" ADD CONSTRAINT "segment_versions_segment_id_fkey" FOREIGN KEY ("segment_id") REFERENCES "segments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "segment_version_members" ADD CONSTRAINT "segment_version_members_segment_version_id_fkey" FOREIGN KEY ("segment_version_id") REFERENCES "segment_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Row-level security, as for every tenant-scoped table (see 20261124230511_row_level_security).
GRANT SELECT, INSERT, UPDATE, DELETE ON "segments", "segment_versions", "segment_version_members" TO monet_app;

ALTER TABLE "segments" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "segments"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "segment_versions" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "segment_versions"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "segment_version_members" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "segment_version_members"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
