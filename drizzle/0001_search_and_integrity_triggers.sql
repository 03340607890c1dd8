-- Hand-written: what drizzle-kit cannot express.

-- Full-text search over claim text, context and speaker name. The FTS rowid is the claim's
-- `seq` (an INTEGER PRIMARY KEY, so it survives VACUUM); triggers keep the index in step.
CREATE VIRTUAL TABLE `claims_fts` USING fts5(
	`text`, `context`, `speaker_name`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `claims_fts_insert` AFTER INSERT ON `claims` BEGIN
	INSERT INTO `claims_fts` (rowid, `text`, `context`, `speaker_name`)
	VALUES (new.`seq`, new.`text`, coalesce(new.`context`, ''),
		(SELECT `name` FROM `speakers` WHERE `id` = new.`speaker_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `claims_fts_update` AFTER UPDATE OF `text`, `context`, `speaker_id` ON `claims` BEGIN
	DELETE FROM `claims_fts` WHERE rowid = old.`seq`;
	INSERT INTO `claims_fts` (rowid, `text`, `context`, `speaker_name`)
	VALUES (new.`seq`, new.`text`, coalesce(new.`context`, ''),
		(SELECT `name` FROM `speakers` WHERE `id` = new.`speaker_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `claims_fts_delete` AFTER DELETE ON `claims` BEGIN
	DELETE FROM `claims_fts` WHERE rowid = old.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `claims_fts_speaker_rename` AFTER UPDATE OF `name` ON `speakers` BEGIN
	UPDATE `claims_fts` SET `speaker_name` = new.`name`
	WHERE rowid IN (SELECT `seq` FROM `claims` WHERE `speaker_id` = new.`id`);
END;
--> statement-breakpoint

-- claims.flag_count mirrors claim_flags, so the queue can order flagged claims first from an index.
CREATE TRIGGER `claim_flags_count_insert` AFTER INSERT ON `claim_flags` BEGIN
	UPDATE `claims` SET `flag_count` = `flag_count` + 1 WHERE `id` = new.`claim_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `claim_flags_count_delete` AFTER DELETE ON `claim_flags` BEGIN
	UPDATE `claims` SET `flag_count` = `flag_count` - 1 WHERE `id` = old.`claim_id`;
END;
--> statement-breakpoint

-- The history is append-only.
CREATE TRIGGER `claim_events_no_update` BEFORE UPDATE ON `claim_events` BEGIN
	SELECT RAISE(ABORT, 'claim_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `claim_events_no_delete` BEFORE DELETE ON `claim_events` BEGIN
	SELECT RAISE(ABORT, 'claim_events is append-only');
END;
