-- Hand-written: counters kept by triggers, which drizzle-kit cannot express.

-- How many claims stand at each status, flagged or not: the review queue's header reads these
-- few rows instead of counting every claim on every page view (an index still walks them all).
CREATE TABLE `claim_counts` (
	`status` text NOT NULL,
	`flagged` integer NOT NULL CHECK (`flagged` IN (0, 1)),
	`n` integer NOT NULL,
	PRIMARY KEY (`status`, `flagged`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `claim_counts` (`status`, `flagged`, `n`)
	SELECT `status`, `flag_count` > 0, count(*) FROM `claims` GROUP BY `status`, `flag_count` > 0;
--> statement-breakpoint
CREATE TRIGGER `claim_counts_insert` AFTER INSERT ON `claims` BEGIN
	INSERT INTO `claim_counts` (`status`, `flagged`, `n`) VALUES (new.`status`, new.`flag_count` > 0, 1)
	ON CONFLICT (`status`, `flagged`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `claim_counts_delete` AFTER DELETE ON `claims` BEGIN
	UPDATE `claim_counts` SET `n` = `n` - 1
	WHERE `status` = old.`status` AND `flagged` = (old.`flag_count` > 0);
END;
--> statement-breakpoint
-- flag_count itself follows claim_flags (0001's triggers), so raising or clearing a flag lands here too.
CREATE TRIGGER `claim_counts_update` AFTER UPDATE OF `status`, `flag_count` ON `claims`
WHEN old.`status` IS NOT new.`status` OR (old.`flag_count` > 0) IS NOT (new.`flag_count` > 0) BEGIN
	UPDATE `claim_counts` SET `n` = `n` - 1
	WHERE `status` = old.`status` AND `flagged` = (old.`flag_count` > 0);
	INSERT INTO `claim_counts` (`status`, `flagged`, `n`) VALUES (new.`status`, new.`flag_count` > 0, 1)
	ON CONFLICT (`status`, `flagged`) DO UPDATE SET `n` = `n` + 1;
END;
