-- CreateEnum
CREATE TYPE "import_status" AS ENUM ('running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "imports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "program_id" UUID NOT NULL,
    "file_hash" TEXT NOT NULL,
    "status" "import_status" NOT NULL DEFAULT 'running',
    "send_webhooks" BOOLEAN NOT NULL DEFAULT false,
    "skip_bad_rows" BOOLEAN NOT NULL DEFAULT false,
    "members_total" INTEGER NOT NULL,
    "members_done" INTEGER NOT NULL DEFAULT 0,
    "events_total" INTEGER NOT NULL,
    "events_done" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB NOT NULL,
    "skipped" JSONB NOT NULL DEFAULT '[]',
    "skipped_count" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "imports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "imports_tenant_id_created_at_idx" ON "imports"("tenant_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "imports_tenant_id_file_hash_key" ON "imports"("tenant_id", "file_hash");

-- AddForeignKey
ALTER TABLE "imports" ADD CONSTRAINT "imports_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "imports" ADD CONSTRAINT "imports_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Row-level security, as for every tenant-scoped table (see 20261124230511_row_level_security).
GRANT SELECT, INSERT, UPDATE, DELETE ON "imports" TO monet_app;

ALTER TABLE "imports" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "imports"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
