-- D1 keeps foreign keys on (PRAGMA foreign_keys is ignored there): their checks wait for the end of
-- the migration instead, when claims and rechecks point at the new sources table again.
PRAGMA defer_foreign_keys = on;--> statement-breakpoint
CREATE TABLE `__new_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text,
	`title` text,
	`publisher` text,
	`author` text,
	`published_at` text,
	`text` text,
	`content_hash` text,
	`latest_text` text,
	`latest_content_hash` text,
	`latest_fetched_at` text,
	`match_key` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "sources_url_http" CHECK("__new_sources"."url" IS NULL OR "__new_sources"."url" LIKE 'http://%' OR "__new_sources"."url" LIKE 'https://%'),
	CONSTRAINT "sources_named" CHECK("__new_sources"."url" IS NOT NULL OR "__new_sources"."title" IS NOT NULL OR "__new_sources"."publisher" IS NOT NULL),
	CONSTRAINT "sources_url_or_match_key" CHECK("__new_sources"."url" IS NULL OR "__new_sources"."match_key" IS NULL)
);
--> statement-breakpoint
INSERT INTO `__new_sources`("id", "url", "title", "publisher", "author", "published_at", "text", "content_hash", "latest_text", "latest_content_hash", "latest_fetched_at", "match_key", "created_at", "updated_at") SELECT "id", "url", "title", "publisher", "author", "published_at", "text", "content_hash", "latest_text", "latest_content_hash", "latest_fetched_at", NULL, "created_at", "updated_at" FROM `sources`;--> statement-breakpoint
DROP TABLE `sources`;--> statement-breakpoint
ALTER TABLE `__new_sources` RENAME TO `sources`;--> statement-breakpoint
PRAGMA defer_foreign_keys = off;--> statement-breakpoint
CREATE UNIQUE INDEX `sources_url_unique` ON `sources` (`url`);--> statement-breakpoint
CREATE UNIQUE INDEX `sources_match_key_unique` ON `sources` (`match_key`);