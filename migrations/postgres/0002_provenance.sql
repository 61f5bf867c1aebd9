ALTER TABLE "article_actors" ADD COLUMN "provenance_method" text DEFAULT 'analyst' NOT NULL;--> statement-breakpoint
ALTER TABLE "article_actors" ADD COLUMN "provenance_rule" text;--> statement-breakpoint
ALTER TABLE "article_actors" ADD COLUMN "provenance_confidence" double precision;--> statement-breakpoint
ALTER TABLE "article_actors" ADD COLUMN "provenance_reviewed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "quotations" ADD COLUMN "provenance_method" text DEFAULT 'analyst' NOT NULL;--> statement-breakpoint
ALTER TABLE "quotations" ADD COLUMN "provenance_rule" text;--> statement-breakpoint
ALTER TABLE "quotations" ADD COLUMN "provenance_confidence" double precision;--> statement-breakpoint
ALTER TABLE "quotations" ADD COLUMN "provenance_reviewed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "provenance_method" text DEFAULT 'analyst' NOT NULL;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "provenance_rule" text;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "provenance_confidence" double precision;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "provenance_reviewed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "quotations_reviewed_idx" ON "quotations" USING btree ("provenance_reviewed","date_published");--> statement-breakpoint
CREATE INDEX "quotations_method_idx" ON "quotations" USING btree ("provenance_method","date_published");--> statement-breakpoint
CREATE INDEX "recommendations_reviewed_idx" ON "recommendations" USING btree ("provenance_reviewed","date_published");--> statement-breakpoint
CREATE INDEX "recommendations_method_idx" ON "recommendations" USING btree ("provenance_method","date_published");--> statement-breakpoint
-- Hand-written: the stored JSON documents predate provenance. Dropping them makes the store
-- rebuild every article's documents (and its recommendations' and quotations') when it opens
-- (materializeMissing), so every response shows provenance from the first start on.
DELETE FROM "article_documents";
