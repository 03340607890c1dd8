CREATE TABLE `claim_corrections` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`reason` text NOT NULL,
	`changes` text NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "claim_corrections_reason_present" CHECK(length(trim("claim_corrections"."reason")) > 0)
);
--> statement-breakpoint
CREATE INDEX `claim_corrections_claim_idx` ON `claim_corrections` (`claim_id`,`at`);--> statement-breakpoint
CREATE TABLE `claim_publications` (
	`claim_id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`published` integer DEFAULT false NOT NULL,
	`first_published_at` text,
	`republished_at` text,
	`unpublished_at` text,
	`snapshot` text,
	`search_text` text,
	`signed_off_by` text,
	`signed_off_at` text,
	`signed_off_version` integer,
	`revision` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "claim_publications_published_has_snapshot" CHECK(NOT "claim_publications"."published" OR "claim_publications"."snapshot" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claim_publications_slug_unique` ON `claim_publications` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `claim_publications_revision_unique` ON `claim_publications` (`revision`);--> statement-breakpoint
CREATE INDEX `claim_publications_listed_idx` ON `claim_publications` (`published`,`first_published_at`,`claim_id`);--> statement-breakpoint
-- The history's CHECK on actions grows the publishing actions: SQLite rebuilds the table for it.
-- D1 keeps foreign keys on (PRAGMA foreign_keys is ignored there): checks wait for the end.
PRAGMA defer_foreign_keys = on;--> statement-breakpoint
CREATE TABLE `__new_claim_events` (
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
	CONSTRAINT "claim_events_action" CHECK("__new_claim_events"."action" IN ('created', 'edited', 'status_changed', 'attribution_changed', 'evidence_added', 'evidence_removed', 'flag_raised', 'flag_cleared', 'repeat_linked', 'repeat_unlinked', 'published', 'signed_off', 'unpublished', 'corrected'))
);
--> statement-breakpoint
INSERT INTO `__new_claim_events`("id", "claim_id", "at", "actor", "action", "from_value", "to_value", "note", "data") SELECT "id", "claim_id", "at", "actor", "action", "from_value", "to_value", "note", "data" FROM `claim_events` ORDER BY rowid;--> statement-breakpoint
DROP TABLE `claim_events`;--> statement-breakpoint
ALTER TABLE `__new_claim_events` RENAME TO `claim_events`;--> statement-breakpoint
PRAGMA defer_foreign_keys = off;--> statement-breakpoint
CREATE INDEX `claim_events_claim_idx` ON `claim_events` (`claim_id`,`id`);--> statement-breakpoint
-- Dropping the old table dropped its triggers: the history stays append-only (as in 0001).
CREATE TRIGGER `claim_events_no_update` BEFORE UPDATE ON `claim_events` BEGIN
	SELECT RAISE(ABORT, 'claim_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `claim_events_no_delete` BEFORE DELETE ON `claim_events` BEGIN
	SELECT RAISE(ABORT, 'claim_events is append-only');
END;
