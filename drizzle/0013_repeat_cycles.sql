-- Hand-written: repeat_of never forms a cycle, held by the database itself. The check used to be
-- a read before the write, so two links made at the same moment (X -> Y and Y -> X) both passed
-- it. A trigger checks as the row is written, inside the batch that writes the link, and aborts
-- the whole batch (the link's events, copied evidence and version bump with it).
-- src/db/queries/claim-changes.ts recognises the abort by its text: keep the two in step.

-- First the cycles such races may have left: every claim on one is unlinked, with its
-- `repeat_unlinked` event and a version bump, so that a reviewer links the right way round. A claim
-- whose chain only leads into a cycle keeps its link. Event ids are ULIDs as the Worker makes them
-- (10 characters of millisecond time, then random ones, Crockford base32; hex is a subset of it).
WITH RECURSIVE
	walk(start, id) AS (
		SELECT `id`, `repeat_of` FROM `claims` WHERE `repeat_of` IS NOT NULL
		UNION
		SELECT walk.start, c.`repeat_of` FROM walk JOIN `claims` c ON c.`id` = walk.id WHERE c.`repeat_of` IS NOT NULL
	),
	now(ms, at) AS (
		SELECT CAST(round((julianday('now') - 2440587.5) * 86400000) AS INTEGER), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
	),
	stamp(t) AS (
		SELECT substr(a, ((ms >> 45) & 31) + 1, 1) || substr(a, ((ms >> 40) & 31) + 1, 1) || substr(a, ((ms >> 35) & 31) + 1, 1) ||
			substr(a, ((ms >> 30) & 31) + 1, 1) || substr(a, ((ms >> 25) & 31) + 1, 1) || substr(a, ((ms >> 20) & 31) + 1, 1) ||
			substr(a, ((ms >> 15) & 31) + 1, 1) || substr(a, ((ms >> 10) & 31) + 1, 1) || substr(a, ((ms >> 5) & 31) + 1, 1) ||
			substr(a, ((ms >> 0) & 31) + 1, 1)
		FROM now, (SELECT '0123456789ABCDEFGHJKMNPQRSTVWXYZ' AS a)
	)
INSERT INTO `claim_events` (`id`, `claim_id`, `at`, `actor`, `action`, `from_value`, `to_value`, `note`)
SELECT 'evt_' || stamp.t || upper(hex(randomblob(8))), c.`id`, now.at, 'migration 0013', 'repeat_unlinked',
	c.`repeat_of`, NULL,
	'The repeat links formed a cycle; unlinked so that a reviewer can link the right way round.'
FROM `claims` c, now, stamp
WHERE c.`id` IN (SELECT start FROM walk WHERE id = start);
--> statement-breakpoint
WITH RECURSIVE walk(start, id) AS (
	SELECT `id`, `repeat_of` FROM `claims` WHERE `repeat_of` IS NOT NULL
	UNION
	SELECT walk.start, c.`repeat_of` FROM walk JOIN `claims` c ON c.`id` = walk.id WHERE c.`repeat_of` IS NOT NULL
)
UPDATE `claims` SET `repeat_of` = NULL, `version` = `version` + 1, `updated_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE `id` IN (SELECT start FROM walk WHERE id = start);
--> statement-breakpoint

-- From then on: a claim may not repeat itself, nor a claim whose chain of repeats reaches it. The
-- chain is followed to its end whatever its length (UNION stops on a claim already seen, and each
-- step is a primary-key lookup). A new claim cannot close a longer cycle: no claim can name it yet.
CREATE TRIGGER `claims_repeat_of_acyclic_update` BEFORE UPDATE OF `repeat_of` ON `claims`
WHEN NEW.`repeat_of` IS NOT NULL AND NEW.`id` IN (
	WITH RECURSIVE chain(id) AS (
		SELECT NEW.`repeat_of`
		UNION
		SELECT c.`repeat_of` FROM `claims` c JOIN chain ON c.`id` = chain.id WHERE c.`repeat_of` IS NOT NULL
	)
	SELECT id FROM chain
)
BEGIN
	SELECT RAISE(ABORT, 'repeat_of would close a cycle');
END;
--> statement-breakpoint
CREATE TRIGGER `claims_repeat_of_acyclic_insert` BEFORE INSERT ON `claims`
WHEN NEW.`repeat_of` = NEW.`id`
BEGIN
	SELECT RAISE(ABORT, 'repeat_of would close a cycle');
END;
