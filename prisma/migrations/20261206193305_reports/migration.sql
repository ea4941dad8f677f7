-- CreateEnum
CREATE TYPE "report_trigger" AS ENUM ('schedule', 'marts_rebuilt');

-- CreateEnum
CREATE TYPE "report_delivery_status" AS ENUM ('pending', 'sent', 'failed', 'skipped');

-- CreateTable
CREATE TABLE "reports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tiles" JSONB NOT NULL,
    "formats" TEXT[],
    "recipients" JSONB NOT NULL,
    "trigger" "report_trigger" NOT NULL,
    "cron" TEXT,
    "time_zone" TEXT NOT NULL,
    "only_when_changed" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "last_sent_hash" TEXT,
    "last_sent_at" TIMESTAMPTZ(3),
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "run_id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "recipient_email" TEXT NOT NULL,
    "recipient_time_zone" TEXT NOT NULL,
    "status" "report_delivery_status" NOT NULL,
    "skip_reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "message_id" TEXT,
    "data_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "report_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_unsubscribes" (
    "tenant_id" UUID NOT NULL,
    "report_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_unsubscribes_pkey" PRIMARY KEY ("report_id","email")
);

-- CreateIndex
CREATE INDEX "reports_tenant_id_created_at_id_idx" ON "reports"("tenant_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "reports_trigger_idx" ON "reports"("trigger");

-- CreateIndex
CREATE INDEX "report_deliveries_tenant_id_report_id_created_at_id_idx" ON "report_deliveries"("tenant_id", "report_id", "created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "report_deliveries_run_id_recipient_email_key" ON "report_deliveries"("run_id", "recipient_email");

-- CreateIndex
CREATE INDEX "report_unsubscribes_tenant_id_idx" ON "report_unsubscribes"("tenant_id");

-- AddForeignKey
ALTER TABLE "reports" ADD CONSTRAINT "reports_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_deliveries" ADD CONSTRAINT "report_deliveries_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_unsubscribes" ADD CONSTRAINT "report_unsubscribes_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security, as for every tenant-scoped table (see 20261124230511_row_level_security).
GRANT SELECT, INSERT, UPDATE, DELETE ON "reports", "report_deliveries", "report_unsubscribes" TO monet_app;

ALTER TABLE "reports" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "reports"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "report_deliveries" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "report_deliveries"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "report_unsubscribes" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "report_unsubscribes"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
