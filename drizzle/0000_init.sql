CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`last_used_at` text,
	`revoked_at` text,
	CONSTRAINT "api_tokens_role" CHECK("api_tokens"."role" IN ('viewer', 'reviewer', 'admin')),
	CONSTRAINT "api_tokens_hash_shape" CHECK(length("api_tokens"."token_hash") = 64)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `claim_events` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`from_value` text,
	`to_value` text,
	`note` text,
	`data` text,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "claim_events_action" CHECK("claim_events"."action" IN ('created', 'edited', 'status_changed', 'attribution_changed', 'evidence_added', 'evidence_removed', 'flag_raised', 'flag_cleared'))
);
--> statement-breakpoint
CREATE INDEX `claim_events_claim_idx` ON `claim_events` (`claim_id`,`id`);--> statement-breakpoint
CREATE TABLE `claim_flags` (
	`claim_id` text NOT NULL,
	`flag` text NOT NULL,
	`raised_at` text NOT NULL,
	`detail` text,
	PRIMARY KEY(`claim_id`, `flag`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "claim_flags_flag" CHECK("claim_flags"."flag" IN ('quote_missing', 'source_changed', 'source_unreachable', 'verdict_stale'))
);
--> statement-breakpoint
CREATE INDEX `claim_flags_flag_idx` ON `claim_flags` (`flag`,`claim_id`);--> statement-breakpoint
CREATE TABLE `claim_tags` (
	`claim_id` text NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`claim_id`, `tag`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "claim_tags_tag_present" CHECK(length(trim("claim_tags"."tag")) > 0)
);
--> statement-breakpoint
CREATE INDEX `claim_tags_tag_idx` ON `claim_tags` (`tag`,`claim_id`);--> statement-breakpoint
CREATE TABLE `claims` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`text` text NOT NULL,
	`kind` text DEFAULT 'direct_quote' NOT NULL,
	`speaker_id` text NOT NULL,
	`source_id` text NOT NULL,
	`context` text,
	`reported_via` text,
	`stated_at` text,
	`status` text DEFAULT 'unverified' NOT NULL,
	`attribution` text DEFAULT 'unchecked' NOT NULL,
	`rationale` text,
	`verdict_at` text,
	`dedupe_key` text NOT NULL,
	`flag_count` integer DEFAULT 0 NOT NULL,
	`queue_rank` integer GENERATED ALWAYS AS (CASE WHEN flag_count > 0 THEN 0 WHEN status = 'unverified' THEN 1 WHEN status = 'in_review' THEN 2 ELSE 3 END) VIRTUAL,
	`recheck_due_at` text,
	`recheck_lease_until` text,
	`recheck_failures` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`speaker_id`) REFERENCES `speakers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "claims_kind" CHECK("claims"."kind" IN ('direct_quote', 'paraphrase', 'statistic')),
	CONSTRAINT "claims_status" CHECK("claims"."status" IN ('unverified', 'in_review', 'verified', 'misleading', 'false', 'unproven', 'opinion')),
	CONSTRAINT "claims_attribution" CHECK("claims"."attribution" IN ('unchecked', 'confirmed', 'paraphrased', 'misattributed')),
	CONSTRAINT "claims_text_present" CHECK(length(trim("claims"."text")) > 0),
	CONSTRAINT "claims_verdict_has_rationale" CHECK("claims"."status" NOT IN ('verified', 'misleading', 'false', 'unproven', 'opinion') OR length(trim(coalesce("claims"."rationale", ''))) > 0),
	CONSTRAINT "claims_version_positive" CHECK("claims"."version" >= 1),
	CONSTRAINT "claims_flag_count" CHECK("claims"."flag_count" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claims_id_unique` ON `claims` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `claims_duplicate_unique` ON `claims` (`dedupe_key`,`speaker_id`,`source_id`);--> statement-breakpoint
CREATE INDEX `claims_status_idx` ON `claims` (`status`,`seq`);--> statement-breakpoint
CREATE INDEX `claims_attribution_idx` ON `claims` (`attribution`,`seq`);--> statement-breakpoint
CREATE INDEX `claims_speaker_idx` ON `claims` (`speaker_id`,`seq`);--> statement-breakpoint
CREATE INDEX `claims_source_idx` ON `claims` (`source_id`,`seq`);--> statement-breakpoint
CREATE INDEX `claims_queue_idx` ON `claims` (`queue_rank`,`seq`);--> statement-breakpoint
CREATE INDEX `claims_recheck_due_idx` ON `claims` (`recheck_due_at`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`url` text,
	`title` text,
	`note` text,
	`stance` text NOT NULL,
	`speaker_id` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`speaker_id`) REFERENCES `speakers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "evidence_stance" CHECK("evidence"."stance" IN ('supports', 'refutes', 'context')),
	CONSTRAINT "evidence_url_or_note" CHECK("evidence"."url" IS NOT NULL OR length(trim(coalesce("evidence"."note", ''))) > 0),
	CONSTRAINT "evidence_url_http" CHECK("evidence"."url" IS NULL OR "evidence"."url" LIKE 'http://%' OR "evidence"."url" LIKE 'https://%')
);
--> statement-breakpoint
CREATE INDEX `evidence_claim_idx` ON `evidence` (`claim_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `rechecks` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`source_id` text NOT NULL,
	`at` text NOT NULL,
	`outcome` text NOT NULL,
	`http_status` integer,
	`content_hash` text,
	`detail` text,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rechecks_outcome" CHECK("rechecks"."outcome" IN ('quote_present', 'quote_missing', 'source_changed', 'unreachable', 'unsupported', 'no_url', 'error')),
	CONSTRAINT "rechecks_http_status" CHECK("rechecks"."http_status" IS NULL OR "rechecks"."http_status" BETWEEN 100 AND 599)
);
--> statement-breakpoint
CREATE INDEX `rechecks_claim_idx` ON `rechecks` (`claim_id`,`at`);--> statement-breakpoint
CREATE INDEX `rechecks_outcome_idx` ON `rechecks` (`outcome`,`at`);--> statement-breakpoint
CREATE INDEX `rechecks_at_idx` ON `rechecks` (`at`);--> statement-breakpoint
CREATE TABLE `sources` (
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
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "sources_url_http" CHECK("sources"."url" IS NULL OR "sources"."url" LIKE 'http://%' OR "sources"."url" LIKE 'https://%'),
	CONSTRAINT "sources_named" CHECK("sources"."url" IS NOT NULL OR "sources"."title" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_url_unique` ON `sources` (`url`);--> statement-breakpoint
CREATE TABLE `speakers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text,
	`kind` text DEFAULT 'person' NOT NULL,
	`match_key` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "speakers_kind" CHECK("speakers"."kind" IN ('person', 'organisation', 'group', 'anonymous')),
	CONSTRAINT "speakers_name_present" CHECK(length(trim("speakers"."name")) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `speakers_match_key_unique` ON `speakers` (`match_key`);