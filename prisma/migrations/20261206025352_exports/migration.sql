-- CreateEnum
CREATE TYPE "export_format" AS ENUM ('csv', 'parquet', 'xlsx');

-- CreateEnum
CREATE TYPE "export_status" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "exports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "mart" TEXT NOT NULL,
    "format" "export_format" NOT NULL,
    "columns" TEXT[],
    "from_date" DATE,
    "to_date" DATE,
    "status" "export_status" NOT NULL DEFAULT 'queued',
    "rows_total" BIGINT,
    "rows_written" BIGINT NOT NULL DEFAULT 0,
    "bytes_written" BIGINT NOT NULL DEFAULT 0,
    "error" TEXT,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "exports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "exports_tenant_id_created_at_idx" ON "exports"("tenant_id", "created_at");

-- AddForeignKey
ALTER TABLE "exports" ADD CONSTRAINT "exports_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Row-level security, as for every tenant-scoped table (see 20261124230511_row_level_security).
GRANT SELECT, INSERT, UPDATE, DELETE ON "exports" TO monet_app;

ALTER TABLE "exports" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "exports"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
