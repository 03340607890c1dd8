ALTER TABLE `claim_publications` ADD `speaker_key` text;--> statement-breakpoint
CREATE INDEX `claim_publications_speaker_idx` ON `claim_publications` (`speaker_key`,`published`,`first_published_at`);--> statement-breakpoint
ALTER TABLE `claims` ADD `first_verdict_at` text;--> statement-breakpoint
ALTER TABLE `speakers` ADD `public_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `speakers_public_key_unique` ON `speakers` (`public_key`);--> statement-breakpoint

-- Hand-written from here: the counters the dashboard and GET /api/v1/stats read (src/db/queries/stats.ts),
-- kept by triggers in the statement that changes a claim, so no request ever counts every claim.
-- One row per (scope, metric, day, key): scope '*' is the whole desk, 's:<speaker id>' one speaker,
-- 't:<tag>' one tag. `day` is '' for a count as it stands now, else the UTC day (YYYY-MM-DD) of a
-- change in the history. Metrics:
--   status    ''    <status>    claims at each status now
--   assigned  ''    <assignee>  open claims (unverified, in review) each person has now
--   repeats   ''    ''          claims marked as repeating an earlier claim now
--   flag      ''    <flag>      claims carrying each flag now (verdict_stale: verdicts due for re-review)
--   open      day   ''          +1 when a claim becomes open that day, -1 when it stops being open
--   verdict   day   <actor>     verdicts given that day, by who gave them (status_changed events)
--   ttv       day   <hours>     claims whose first verdict came that day, by whole hours since filing
--   recheck   day   <outcome>   re-check visits that day, by outcome
-- A tag's history counts the claims that had the tag at the time; a speaker's, the claims that
-- were theirs. Rows may stand at 0.
CREATE TABLE `stat_counters` (
	`scope` text NOT NULL,
	`metric` text NOT NULL,
	`day` text NOT NULL,
	`key` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY (`scope`, `metric`, `day`, `key`)
) WITHOUT ROWID;
--> statement-breakpoint
-- The speakers with most false and misleading verdicts: their status rows, found without the others.
CREATE INDEX `stat_counters_metric_idx` ON `stat_counters` (`metric`, `key`, `day`, `scope`);
--> statement-breakpoint
-- A bump of one metric for one claim, fanned out to every scope the claim is in: the desk, its
-- speaker and each of its tags (or only `only_scope` when given). Written as a view with an
-- INSTEAD OF trigger so that the fan-out is said once; every trigger below inserts here.
CREATE VIEW `stat_bumps` AS
	SELECT NULL AS `claim_id`, NULL AS `speaker_id`, NULL AS `only_scope`, NULL AS `metric`, NULL AS `day`, NULL AS `key`, NULL AS `n`;
--> statement-breakpoint
CREATE TRIGGER `stat_bumps_fan_out` INSTEAD OF INSERT ON `stat_bumps` BEGIN
	INSERT INTO `stat_counters` (`scope`, `metric`, `day`, `key`, `n`)
	SELECT coalesce(new.`only_scope`, '*'), new.`metric`, new.`day`, new.`key`, new.`n` WHERE true
	ON CONFLICT (`scope`, `metric`, `day`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
	INSERT INTO `stat_counters` (`scope`, `metric`, `day`, `key`, `n`)
	SELECT 's:' || new.`speaker_id`, new.`metric`, new.`day`, new.`key`, new.`n`
	WHERE new.`only_scope` IS NULL AND new.`speaker_id` IS NOT NULL
	ON CONFLICT (`scope`, `metric`, `day`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
	INSERT INTO `stat_counters` (`scope`, `metric`, `day`, `key`, `n`)
	SELECT 't:' || `tag`, new.`metric`, new.`day`, new.`key`, new.`n` FROM `claim_tags`
	WHERE new.`only_scope` IS NULL AND `claim_id` = new.`claim_id`
	ON CONFLICT (`scope`, `metric`, `day`, `key`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint

-- The counts of the claims already there (before the triggers, so nothing is counted twice).
UPDATE `claims` SET `first_verdict_at` = (
	SELECT min(e.`at`) FROM `claim_events` e WHERE e.`claim_id` = `claims`.`id` AND e.`action` = 'status_changed'
		AND e.`to_value` IN ('verified', 'misleading', 'false', 'unproven', 'opinion'));
--> statement-breakpoint
INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT `id`, `speaker_id`, 'status', '', `status`, 1 FROM `claims`;
--> statement-breakpoint
INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT `id`, `speaker_id`, 'assigned', '', `assignee`, 1 FROM `claims`
		WHERE `assignee` IS NOT NULL AND `status` IN ('unverified', 'in_review');
--> statement-breakpoint
INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT `id`, `speaker_id`, 'repeats', '', '', 1 FROM `claims` WHERE `repeat_of` IS NOT NULL;
--> statement-breakpoint
INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, c.`speaker_id`, 'flag', '', f.`flag`, 1 FROM `claim_flags` f JOIN `claims` c ON c.`id` = f.`claim_id`;
--> statement-breakpoint
INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT `id`, `speaker_id`, 'ttv', substr(`first_verdict_at`, 1, 10),
		max(0, (CAST(strftime('%s', `first_verdict_at`) AS INTEGER) - CAST(strftime('%s', `created_at`) AS INTEGER)) / 3600), 1
		FROM `claims` WHERE `first_verdict_at` IS NOT NULL;
--> statement-breakpoint
-- The open claims' history, read back from the status changes: a claim opens on the day it was
-- filed (at the status its first change came from, else the one it has), then each change moves it.
INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, c.`speaker_id`, 'open', substr(c.`created_at`, 1, 10), '', 1 FROM `claims` c
	WHERE coalesce((SELECT e.`from_value` FROM `claim_events` e WHERE e.`claim_id` = c.`id` AND e.`action` = 'status_changed'
		ORDER BY e.`at`, e.`id` LIMIT 1), c.`status`) IN ('unverified', 'in_review');
--> statement-breakpoint
INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, c.`speaker_id`, 'open', substr(e.`at`, 1, 10), '',
		CASE WHEN e.`to_value` IN ('unverified', 'in_review') THEN 1 ELSE -1 END
	FROM `claim_events` e JOIN `claims` c ON c.`id` = e.`claim_id`
	WHERE e.`action` = 'status_changed'
		AND (e.`from_value` IN ('unverified', 'in_review')) IS NOT (e.`to_value` IN ('unverified', 'in_review'));
--> statement-breakpoint
INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, c.`speaker_id`, 'verdict', substr(e.`at`, 1, 10), e.`actor`, 1
	FROM `claim_events` e JOIN `claims` c ON c.`id` = e.`claim_id`
	WHERE e.`action` = 'status_changed' AND e.`to_value` IN ('verified', 'misleading', 'false', 'unproven', 'opinion');
--> statement-breakpoint
INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, c.`speaker_id`, 'recheck', substr(r.`at`, 1, 10), r.`outcome`, 1
	FROM `rechecks` r JOIN `claims` c ON c.`id` = r.`claim_id`;
--> statement-breakpoint

-- From now on, the triggers. A new claim: its status, and open from the day it was filed. Its tags
-- come after it (claim_tags' triggers add the claim to them).
CREATE TRIGGER `stats_claims_insert` AFTER INSERT ON `claims` BEGIN
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT new.`id`, new.`speaker_id`, 'status', '', new.`status`, 1;
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT new.`id`, new.`speaker_id`, 'open', substr(new.`created_at`, 1, 10), '', 1
		WHERE new.`status` IN ('unverified', 'in_review');
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT new.`id`, new.`speaker_id`, 'assigned', '', new.`assignee`, 1
		WHERE new.`assignee` IS NOT NULL AND new.`status` IN ('unverified', 'in_review');
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT new.`id`, new.`speaker_id`, 'repeats', '', '', 1 WHERE new.`repeat_of` IS NOT NULL;
END;
--> statement-breakpoint
-- A change of status, speaker, assignee or repeat link: what the claim counted for before is taken
-- back and what it counts for now is added (a speaker's change moves it between speakers).
CREATE TRIGGER `stats_claims_update` AFTER UPDATE OF `status`, `speaker_id`, `assignee`, `repeat_of` ON `claims`
WHEN old.`status` IS NOT new.`status` OR old.`speaker_id` IS NOT new.`speaker_id`
	OR old.`assignee` IS NOT new.`assignee` OR (old.`repeat_of` IS NULL) IS NOT (new.`repeat_of` IS NULL)
BEGIN
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT old.`id`, old.`speaker_id`, 'status', '', old.`status`, -1
		WHERE old.`status` IS NOT new.`status` OR old.`speaker_id` IS NOT new.`speaker_id`;
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT new.`id`, new.`speaker_id`, 'status', '', new.`status`, 1
		WHERE old.`status` IS NOT new.`status` OR old.`speaker_id` IS NOT new.`speaker_id`;
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT old.`id`, old.`speaker_id`, 'open', substr(new.`updated_at`, 1, 10), '', -1
		WHERE old.`status` IN ('unverified', 'in_review')
			AND (new.`status` NOT IN ('unverified', 'in_review') OR old.`speaker_id` IS NOT new.`speaker_id`);
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT new.`id`, new.`speaker_id`, 'open', substr(new.`updated_at`, 1, 10), '', 1
		WHERE new.`status` IN ('unverified', 'in_review')
			AND (old.`status` NOT IN ('unverified', 'in_review') OR old.`speaker_id` IS NOT new.`speaker_id`);
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT old.`id`, old.`speaker_id`, 'assigned', '', old.`assignee`, -1
		WHERE old.`assignee` IS NOT NULL AND old.`status` IN ('unverified', 'in_review');
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT new.`id`, new.`speaker_id`, 'assigned', '', new.`assignee`, 1
		WHERE new.`assignee` IS NOT NULL AND new.`status` IN ('unverified', 'in_review');
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT old.`id`, old.`speaker_id`, 'repeats', '', '', -1
		WHERE old.`repeat_of` IS NOT NULL
			AND (new.`repeat_of` IS NULL OR old.`speaker_id` IS NOT new.`speaker_id`);
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT new.`id`, new.`speaker_id`, 'repeats', '', '', 1
		WHERE new.`repeat_of` IS NOT NULL
			AND (old.`repeat_of` IS NULL OR old.`speaker_id` IS NOT new.`speaker_id`);
END;
--> statement-breakpoint
-- The first verdict a claim gets (verdict_at is cleared when a verdict is withdrawn; this stays).
CREATE TRIGGER `stats_claims_first_verdict` AFTER UPDATE OF `verdict_at` ON `claims`
WHEN new.`verdict_at` IS NOT NULL AND new.`first_verdict_at` IS NULL
BEGIN
	UPDATE `claims` SET `first_verdict_at` = new.`verdict_at` WHERE `seq` = new.`seq`;
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	VALUES (new.`id`, new.`speaker_id`, 'ttv', substr(new.`verdict_at`, 1, 10),
		max(0, (CAST(strftime('%s', new.`verdict_at`) AS INTEGER) - CAST(strftime('%s', new.`created_at`) AS INTEGER)) / 3600), 1);
END;
--> statement-breakpoint
CREATE TRIGGER `stats_claims_delete` AFTER DELETE ON `claims` BEGIN
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT old.`id`, old.`speaker_id`, 'status', '', old.`status`, -1;
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT old.`id`, old.`speaker_id`, 'assigned', '', old.`assignee`, -1
		WHERE old.`assignee` IS NOT NULL AND old.`status` IN ('unverified', 'in_review');
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT old.`id`, old.`speaker_id`, 'repeats', '', '', -1 WHERE old.`repeat_of` IS NOT NULL;
END;
--> statement-breakpoint
-- A tag given to a claim brings what the claim counts for now into the tag's scope; taken away, takes it out.
CREATE TRIGGER `stats_claim_tags_insert` AFTER INSERT ON `claim_tags` BEGIN
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `only_scope`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, NULL, 't:' || new.`tag`, 'status', '', c.`status`, 1 FROM `claims` c WHERE c.`id` = new.`claim_id`;
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `only_scope`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, NULL, 't:' || new.`tag`, 'open', substr(c.`updated_at`, 1, 10), '', 1 FROM `claims` c
		WHERE c.`id` = new.`claim_id` AND c.`status` IN ('unverified', 'in_review');
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `only_scope`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, NULL, 't:' || new.`tag`, 'assigned', '', c.`assignee`, 1 FROM `claims` c
		WHERE c.`id` = new.`claim_id` AND c.`assignee` IS NOT NULL AND c.`status` IN ('unverified', 'in_review');
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `only_scope`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, NULL, 't:' || new.`tag`, 'repeats', '', '', 1 FROM `claims` c
		WHERE c.`id` = new.`claim_id` AND c.`repeat_of` IS NOT NULL;
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `only_scope`, `metric`, `day`, `key`, `n`)
	SELECT f.`claim_id`, NULL, 't:' || new.`tag`, 'flag', '', f.`flag`, 1 FROM `claim_flags` f
		WHERE f.`claim_id` = new.`claim_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_claim_tags_delete` AFTER DELETE ON `claim_tags` BEGIN
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `only_scope`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, NULL, 't:' || old.`tag`, 'status', '', c.`status`, -1 FROM `claims` c WHERE c.`id` = old.`claim_id`;
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `only_scope`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, NULL, 't:' || old.`tag`, 'open', substr(c.`updated_at`, 1, 10), '', -1 FROM `claims` c
		WHERE c.`id` = old.`claim_id` AND c.`status` IN ('unverified', 'in_review');
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `only_scope`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, NULL, 't:' || old.`tag`, 'assigned', '', c.`assignee`, -1 FROM `claims` c
		WHERE c.`id` = old.`claim_id` AND c.`assignee` IS NOT NULL AND c.`status` IN ('unverified', 'in_review');
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `only_scope`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, NULL, 't:' || old.`tag`, 'repeats', '', '', -1 FROM `claims` c
		WHERE c.`id` = old.`claim_id` AND c.`repeat_of` IS NOT NULL;
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `only_scope`, `metric`, `day`, `key`, `n`)
	SELECT f.`claim_id`, NULL, 't:' || old.`tag`, 'flag', '', f.`flag`, -1 FROM `claim_flags` f
		WHERE f.`claim_id` = old.`claim_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_claim_flags_insert` AFTER INSERT ON `claim_flags` BEGIN
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, c.`speaker_id`, 'flag', '', new.`flag`, 1 FROM `claims` c WHERE c.`id` = new.`claim_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_claim_flags_delete` AFTER DELETE ON `claim_flags` BEGIN
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, c.`speaker_id`, 'flag', '', old.`flag`, -1 FROM `claims` c WHERE c.`id` = old.`claim_id`;
END;
--> statement-breakpoint
-- Verdicts by who gave them, from the history (the event names the actor; the claim does not).
-- ANY LATER REBUILD OF claim_events MUST CREATE THIS TRIGGER AGAIN (as 0011 says of the outbox's).
CREATE TRIGGER `stats_claim_events_verdict` AFTER INSERT ON `claim_events`
WHEN new.`action` = 'status_changed' AND new.`to_value` IN ('verified', 'misleading', 'false', 'unproven', 'opinion')
BEGIN
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, c.`speaker_id`, 'verdict', substr(new.`at`, 1, 10), new.`actor`, 1 FROM `claims` c
	WHERE c.`id` = new.`claim_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_rechecks_insert` AFTER INSERT ON `rechecks` BEGIN
	INSERT INTO `stat_bumps` (`claim_id`, `speaker_id`, `metric`, `day`, `key`, `n`)
	SELECT c.`id`, c.`speaker_id`, 'recheck', substr(new.`at`, 1, 10), new.`outcome`, 1 FROM `claims` c
	WHERE c.`id` = new.`claim_id`;
END;
--> statement-breakpoint

-- Every speaker gets a public key: their public page is named by it, never by the internal id.
UPDATE `speakers` SET `public_key` = lower(hex(randomblob(8))) WHERE `public_key` IS NULL;
--> statement-breakpoint
CREATE TRIGGER `speakers_public_key` AFTER INSERT ON `speakers` WHEN new.`public_key` IS NULL BEGIN
	UPDATE `speakers` SET `public_key` = lower(hex(randomblob(8))) WHERE `id` = new.`id`;
END;
--> statement-breakpoint
-- The public speaker page lists what was published under a speaker: each publication keeps the
-- public key of the speaker its snapshot was taken from (publishing and correcting write the snapshot).
UPDATE `claim_publications` SET `speaker_key` = (SELECT s.`public_key` FROM `claims` c JOIN `speakers` s ON s.`id` = c.`speaker_id`
	WHERE c.`id` = `claim_publications`.`claim_id`);
--> statement-breakpoint
CREATE TRIGGER `claim_publications_speaker_insert` AFTER INSERT ON `claim_publications` BEGIN
	UPDATE `claim_publications` SET `speaker_key` = (SELECT s.`public_key` FROM `claims` c JOIN `speakers` s ON s.`id` = c.`speaker_id`
		WHERE c.`id` = new.`claim_id`)
	WHERE `claim_id` = new.`claim_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `claim_publications_speaker_update` AFTER UPDATE OF `snapshot` ON `claim_publications`
WHEN new.`snapshot` IS NOT old.`snapshot`
BEGIN
	UPDATE `claim_publications` SET `speaker_key` = (SELECT s.`public_key` FROM `claims` c JOIN `speakers` s ON s.`id` = c.`speaker_id`
		WHERE c.`id` = new.`claim_id`)
	WHERE `claim_id` = new.`claim_id`;
END;
