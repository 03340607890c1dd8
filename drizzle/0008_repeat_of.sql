-- A claim may repeat an earlier one (repeat_of), and the history learns two actions for it.
-- SQLite cannot alter a CHECK, so claim_events is rebuilt; dropping it drops its append-only
-- triggers, which are created again below.
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
	CONSTRAINT "claim_events_action" CHECK("__new_claim_events"."action" IN ('created', 'edited', 'status_changed', 'attribution_changed', 'evidence_added', 'evidence_removed', 'flag_raised', 'flag_cleared', 'repeat_linked', 'repeat_unlinked'))
);
--> statement-breakpoint
INSERT INTO `__new_claim_events`("id", "claim_id", "at", "actor", "action", "from_value", "to_value", "note", "data") SELECT "id", "claim_id", "at", "actor", "action", "from_value", "to_value", "note", "data" FROM `claim_events` ORDER BY rowid;--> statement-breakpoint
DROP TABLE `claim_events`;--> statement-breakpoint
ALTER TABLE `__new_claim_events` RENAME TO `claim_events`;--> statement-breakpoint
CREATE INDEX `claim_events_claim_idx` ON `claim_events` (`claim_id`,`id`);--> statement-breakpoint
CREATE TRIGGER `claim_events_no_update` BEFORE UPDATE ON `claim_events` BEGIN
	SELECT RAISE(ABORT, 'claim_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `claim_events_no_delete` BEFORE DELETE ON `claim_events` BEGIN
	SELECT RAISE(ABORT, 'claim_events is append-only');
END;
--> statement-breakpoint
ALTER TABLE `claims` ADD `repeat_of` text REFERENCES claims(id);--> statement-breakpoint
CREATE INDEX `claims_repeat_of_idx` ON `claims` (`repeat_of`,`seq`);
