DROP INDEX `recommendations_addressee_idx`;--> statement-breakpoint
CREATE INDEX `recommendations_addressee_date_idx` ON `recommendations` (`addressee_id`,"date_published" DESC,`article_id`,`priority`,`id`);--> statement-breakpoint
CREATE INDEX `recommendations_addressee_date_asc_idx` ON `recommendations` (`addressee_id`,`date_published`,`article_id`,`priority`,`id`);--> statement-breakpoint
CREATE INDEX `recommendations_addressee_priority_idx` ON `recommendations` (`addressee_id`,`priority`,"date_published" DESC,`id`);--> statement-breakpoint
CREATE INDEX `articles_publication_headline_idx` ON `articles` (`publication_id`,`headline`,`id`);