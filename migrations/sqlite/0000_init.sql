CREATE TABLE `actor_mentions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`exact` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	FOREIGN KEY (`article_id`,`actor_id`) REFERENCES `article_actors`(`article_id`,`actor_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `actor_mentions_article_actor_idx` ON `actor_mentions` (`article_id`,`actor_id`,`start`);--> statement-breakpoint
CREATE TABLE `actors` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`description` text,
	`aliases` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `actors_id_unique` ON `actors` (`id`);--> statement-breakpoint
CREATE INDEX `actors_name_idx` ON `actors` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `actors_type_name_idx` ON `actors` (`type`,`name`,`id`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`public_id` text NOT NULL,
	`secret_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text,
	`last_used_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_name_unique` ON `api_keys` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_public_id_unique` ON `api_keys` (`public_id`);--> statement-breakpoint
CREATE TABLE `article_actors` (
	`article_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`roles` text NOT NULL,
	`portrayal` text NOT NULL,
	PRIMARY KEY(`article_id`, `actor_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `article_actors_actor_idx` ON `article_actors` (`actor_id`,`article_id`);--> statement-breakpoint
CREATE TABLE `article_documents` (
	`article_id` text PRIMARY KEY NOT NULL,
	`summary` text NOT NULL,
	`actors` text NOT NULL,
	`recommendations` text NOT NULL,
	`quotations` text NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `article_topics` (
	`article_id` text NOT NULL,
	`topic` text NOT NULL,
	`ordinal` integer NOT NULL,
	PRIMARY KEY(`article_id`, `topic`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_topics_topic_idx` ON `article_topics` (`topic`,`article_id`);--> statement-breakpoint
CREATE TABLE `articles` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`headline` text NOT NULL,
	`kind` text NOT NULL,
	`publication_id` text NOT NULL,
	`author` text,
	`date_published` text NOT NULL,
	`language` text NOT NULL,
	`url` text,
	`body` text NOT NULL,
	`word_count` integer NOT NULL,
	`content_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_id_unique` ON `articles` (`id`);--> statement-breakpoint
CREATE INDEX `articles_date_idx` ON `articles` (`date_published`,`id`);--> statement-breakpoint
CREATE INDEX `articles_headline_idx` ON `articles` (`headline`,`id`);--> statement-breakpoint
CREATE INDEX `articles_publication_date_idx` ON `articles` (`publication_id`,`date_published`,`id`);--> statement-breakpoint
CREATE INDEX `articles_kind_date_idx` ON `articles` (`kind`,`date_published`,`id`);--> statement-breakpoint
CREATE TABLE `publications` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`url` text
);
--> statement-breakpoint
CREATE TABLE `quotations` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`article_id` text NOT NULL,
	`date_published` text NOT NULL,
	`ordinal` integer NOT NULL,
	`source_id` text NOT NULL,
	`kind` text NOT NULL,
	`verb` text NOT NULL,
	`claim` text NOT NULL,
	`evidence_exact` text NOT NULL,
	`evidence_prefix` text,
	`evidence_suffix` text,
	`evidence_start` integer NOT NULL,
	`evidence_end` integer NOT NULL,
	`document` text,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quotations_id_unique` ON `quotations` (`id`);--> statement-breakpoint
CREATE INDEX `quotations_date_idx` ON `quotations` ("date_published" DESC,`article_id`,`evidence_start`,`id`);--> statement-breakpoint
CREATE INDEX `quotations_date_asc_idx` ON `quotations` (`date_published`,`article_id`,`evidence_start`,`id`);--> statement-breakpoint
CREATE INDEX `quotations_article_idx` ON `quotations` (`article_id`,`evidence_start`);--> statement-breakpoint
CREATE INDEX `quotations_source_idx` ON `quotations` (`source_id`,`date_published`);--> statement-breakpoint
CREATE INDEX `quotations_kind_idx` ON `quotations` (`kind`,`date_published`);--> statement-breakpoint
CREATE TABLE `recommendation_partners` (
	`recommendation_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	PRIMARY KEY(`recommendation_id`, `actor_id`),
	FOREIGN KEY (`recommendation_id`) REFERENCES `recommendations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `recommendation_partners_actor_idx` ON `recommendation_partners` (`actor_id`,`recommendation_id`);--> statement-breakpoint
CREATE TABLE `recommendations` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`article_id` text NOT NULL,
	`date_published` text NOT NULL,
	`ordinal` integer NOT NULL,
	`addressee_id` text NOT NULL,
	`statement` text NOT NULL,
	`strength` text NOT NULL,
	`priority` integer NOT NULL,
	`domain` text NOT NULL,
	`instruments` text NOT NULL,
	`against` text NOT NULL,
	`evidence_exact` text NOT NULL,
	`evidence_prefix` text,
	`evidence_suffix` text,
	`evidence_start` integer NOT NULL,
	`evidence_end` integer NOT NULL,
	`document` text,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`addressee_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recommendations_id_unique` ON `recommendations` (`id`);--> statement-breakpoint
CREATE INDEX `recommendations_date_idx` ON `recommendations` ("date_published" DESC,`article_id`,`priority`,`id`);--> statement-breakpoint
CREATE INDEX `recommendations_date_asc_idx` ON `recommendations` (`date_published`,`article_id`,`priority`,`id`);--> statement-breakpoint
CREATE INDEX `recommendations_article_idx` ON `recommendations` (`article_id`,`priority`);--> statement-breakpoint
CREATE INDEX `recommendations_addressee_idx` ON `recommendations` (`addressee_id`,`date_published`);--> statement-breakpoint
CREATE INDEX `recommendations_domain_idx` ON `recommendations` (`domain`,`date_published`);--> statement-breakpoint
CREATE INDEX `recommendations_strength_idx` ON `recommendations` (`strength`,`date_published`);--> statement-breakpoint
CREATE INDEX `recommendations_priority_idx` ON `recommendations` (`priority`,`date_published`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`description` text,
	`actor_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `sources_name_idx` ON `sources` (`name`,`id`);--> statement-breakpoint
CREATE INDEX `sources_type_name_idx` ON `sources` (`type`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `sources_actor_idx` ON `sources` (`actor_id`);