-- Hand-written: the stored documents predate their digests. Dropping them makes the store rebuild
-- every article's documents, digests included, when it opens (materializeMissing).
DELETE FROM "article_documents";--> statement-breakpoint
ALTER TABLE "article_documents" ADD COLUMN "digests" text NOT NULL;--> statement-breakpoint
CREATE INDEX "recommendations_addressee_strength_idx" ON "recommendations" USING btree ("addressee_id","strength","date_published" DESC,"id");
