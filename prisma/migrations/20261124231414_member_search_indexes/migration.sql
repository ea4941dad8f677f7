-- CreateIndex
CREATE INDEX "members_tags_idx" ON "members" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "members_attributes_idx" ON "members" USING GIN ("attributes" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "members_email_idx" ON "members" USING SPGIST ("email" text_ops);
