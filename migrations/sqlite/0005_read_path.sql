-- Hand-written: the stored documents predate their digests. Dropping them makes the store rebuild
-- every article's documents, digests included, when it opens (materializeMissing). SQLite adds a
-- NOT NULL column only with a default; every row written from now on sets it.
DELETE FROM `article_documents`;--> statement-breakpoint
ALTER TABLE `article_documents` ADD `digests` text NOT NULL DEFAULT '';--> statement-breakpoint
CREATE INDEX `recommendations_addressee_strength_idx` ON `recommendations` (`addressee_id`,`strength`,"date_published" DESC,`id`);
