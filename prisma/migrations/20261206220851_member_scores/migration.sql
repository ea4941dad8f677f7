-- CreateEnum
CREATE TYPE "churn_risk_band" AS ENUM ('low', 'medium', 'high');

-- CreateTable
CREATE TABLE "scoring_runs" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "as_of_date" DATE NOT NULL,
    "churn_model_version" TEXT NOT NULL,
    "churn_model_source" TEXT NOT NULL,
    "churn_horizon_days" INTEGER NOT NULL,
    "clv_model_version" TEXT NOT NULL,
    "clv_horizon_days" INTEGER NOT NULL,
    "members_scored" INTEGER NOT NULL,
    "scored_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scoring_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "member_scores" (
    "tenant_id" UUID NOT NULL,
    "member_id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "churn_probability" REAL NOT NULL,
    "churn_risk_band" "churn_risk_band" NOT NULL,
    "predicted_clv_minor" BIGINT NOT NULL,
    "probability_alive" DOUBLE PRECISION NOT NULL,
    "expected_purchases" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "member_scores_pkey" PRIMARY KEY ("tenant_id","member_id")
);

-- CreateIndex
CREATE INDEX "scoring_runs_tenant_id_published_at_idx" ON "scoring_runs"("tenant_id", "published_at");

-- CreateIndex
CREATE INDEX "member_scores_tenant_id_churn_risk_band_idx" ON "member_scores"("tenant_id", "churn_risk_band");

-- Row-level security, as for every tenant-scoped table (see 20261124230511_row_level_security).
GRANT SELECT, INSERT, UPDATE, DELETE ON "scoring_runs", "member_scores" TO monet_app;

ALTER TABLE "scoring_runs" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "scoring_runs"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

ALTER TABLE "member_scores" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "member_scores"
  USING ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK ("tenant_id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
