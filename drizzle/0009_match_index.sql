-- Hand-written: the index the claim matcher asks ("Checked before?"), which drizzle-kit cannot express.

-- Apart from the search table (claims_fts, no stemming: a reader's words find those words), the
-- matcher's index stems (porter), so "attacked" meets "attacks"; the speaker's name has its own
-- column so a query can weigh it (bm25 column weights). The rowid is the claim's seq.
CREATE VIRTUAL TABLE `claims_match` USING fts5(
	`text`, `context`, `speaker_name`,
	tokenize = 'porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- How many claims hold each stem: the rerank weighs shared words by rarity (IDF).
CREATE VIRTUAL TABLE `claims_match_vocab` USING fts5vocab(`claims_match`, 'row');
--> statement-breakpoint
INSERT INTO `claims_match` (rowid, `text`, `context`, `speaker_name`)
	SELECT c.`seq`, c.`text`, coalesce(c.`context`, ''), s.`name`
	FROM `claims` c JOIN `speakers` s ON s.`id` = c.`speaker_id`;
--> statement-breakpoint
CREATE TRIGGER `claims_match_insert` AFTER INSERT ON `claims` BEGIN
	INSERT INTO `claims_match` (rowid, `text`, `context`, `speaker_name`)
	VALUES (new.`seq`, new.`text`, coalesce(new.`context`, ''),
		(SELECT `name` FROM `speakers` WHERE `id` = new.`speaker_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `claims_match_update` AFTER UPDATE OF `text`, `context`, `speaker_id` ON `claims` BEGIN
	DELETE FROM `claims_match` WHERE rowid = old.`seq`;
	INSERT INTO `claims_match` (rowid, `text`, `context`, `speaker_name`)
	VALUES (new.`seq`, new.`text`, coalesce(new.`context`, ''),
		(SELECT `name` FROM `speakers` WHERE `id` = new.`speaker_id`));
END;
--> statement-breakpoint
CREATE TRIGGER `claims_match_delete` AFTER DELETE ON `claims` BEGIN
	DELETE FROM `claims_match` WHERE rowid = old.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `claims_match_speaker_rename` AFTER UPDATE OF `name` ON `speakers` BEGIN
	UPDATE `claims_match` SET `speaker_name` = new.`name`
	WHERE rowid IN (SELECT `seq` FROM `claims` WHERE `speaker_id` = new.`id`);
END;
