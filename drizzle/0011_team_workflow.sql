-- Team workflow: claims get an assignee, internal notes, and outgoing webhooks (endpoints, the
-- delivery outbox and its attempt log). The history learns `assigned` and `unassigned`: SQLite
-- cannot alter a CHECK, so claim_events is rebuilt as in 0008, its append-only triggers created
-- again, and the outbox trigger added on it.
CREATE TABLE `claim_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_id` text NOT NULL,
	`author` text NOT NULL,
	`text` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "claim_notes_text_present" CHECK(length(trim("claim_notes"."text")) > 0)
);
--> statement-breakpoint
CREATE INDEX `claim_notes_claim_idx` ON `claim_notes` (`claim_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`delivery_id` text NOT NULL,
	`at` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`http_status` integer,
	`error` text,
	`ok` integer NOT NULL,
	FOREIGN KEY (`delivery_id`) REFERENCES `webhook_deliveries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_attempts_delivery_idx` ON `webhook_attempts` (`delivery_id`,`at`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`endpoint_id` text NOT NULL,
	`event_type` text NOT NULL,
	`claim_id` text NOT NULL,
	`event_id` text NOT NULL,
	`created_at` text NOT NULL,
	`payload` text,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`lease_until` text,
	`delivered_at` text,
	FOREIGN KEY (`endpoint_id`) REFERENCES `webhook_endpoints`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "webhook_deliveries_state" CHECK("webhook_deliveries"."state" IN ('pending', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_endpoint_idx` ON `webhook_deliveries` (`endpoint_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_claim_idx` ON `webhook_deliveries` (`claim_id`,`event_type`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`description` text,
	`events` text NOT NULL,
	`secret` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`failing_since` text,
	`last_success_at` text,
	`last_failure_at` text,
	`disabled_at` text,
	`disabled_reason` text,
	CONSTRAINT "webhook_endpoints_url_http" CHECK("webhook_endpoints"."url" LIKE 'http://%' OR "webhook_endpoints"."url" LIKE 'https://%'),
	CONSTRAINT "webhook_endpoints_secret_shape" CHECK("webhook_endpoints"."secret" LIKE 'whsec_%')
);
--> statement-breakpoint
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
	CONSTRAINT "claim_events_action" CHECK("__new_claim_events"."action" IN ('created', 'edited', 'status_changed', 'attribution_changed', 'evidence_added', 'evidence_removed', 'flag_raised', 'flag_cleared', 'repeat_linked', 'repeat_unlinked', 'published', 'signed_off', 'unpublished', 'corrected', 'assigned', 'unassigned'))
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
-- The webhook outbox: an event that lands writes one delivery per enabled endpoint that wants
-- its type, in the same statement (so in the same batch as the change: a change that fails
-- writes neither). One change that writes two events of a type (status and attribution in one
-- review) is one delivery. The action-to-type mapping is src/domain/webhooks.ts
-- WEBHOOK_EVENT_ACTIONS. ANY LATER REBUILD OF claim_events MUST CREATE THIS TRIGGER AGAIN.
CREATE TRIGGER `claim_events_webhook_outbox` AFTER INSERT ON `claim_events`
WHEN EXISTS (SELECT 1 FROM `webhook_endpoints` WHERE `disabled_at` IS NULL)
BEGIN
	INSERT INTO `webhook_deliveries` (`id`, `endpoint_id`, `event_type`, `claim_id`, `event_id`, `created_at`, `state`, `attempts`, `next_attempt_at`)
	SELECT 'msg_' || lower(hex(randomblob(16))), e.`id`, t.`type`, NEW.`claim_id`, NEW.`id`, NEW.`at`, 'pending', 0, NEW.`at`
	FROM (SELECT CASE NEW.`action`
			WHEN 'created' THEN 'claim.created'
			WHEN 'status_changed' THEN 'claim.reviewed'
			WHEN 'attribution_changed' THEN 'claim.reviewed'
			WHEN 'flag_raised' THEN 'claim.flagged'
			WHEN 'assigned' THEN 'claim.assigned'
			WHEN 'published' THEN 'claim.published'
			WHEN 'corrected' THEN 'claim.published'
		END AS `type`) AS t
	JOIN `webhook_endpoints` AS e ON e.`disabled_at` IS NULL
		AND EXISTS (SELECT 1 FROM json_each(e.`events`) WHERE json_each.value = t.`type`)
	WHERE t.`type` IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM `webhook_deliveries` AS d
			WHERE d.`claim_id` = NEW.`claim_id` AND d.`event_type` = t.`type` AND d.`created_at` = NEW.`at` AND d.`endpoint_id` = e.`id`);
END;
--> statement-breakpoint
ALTER TABLE `claims` ADD `assignee` text;--> statement-breakpoint
CREATE INDEX `claims_assignee_idx` ON `claims` (`assignee`,`seq`);