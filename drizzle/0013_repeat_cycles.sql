-- Hand-written: repeat_of never forms a cycle, held by the database itself. The check used to be
-- a read before the write, so two links made at the same moment (X -> Y and Y -> X) both passed
-- it. A trigger checks as the row is written, inside the batch that writes the link, and aborts
-- the whole batch (the link's events, copied evidence and version bump with it).
-- src/db/queries/claim-changes.ts recognises the abort by its text: keep the two in step.

-- A claim may not repeat itself, nor a claim whose chain of repeats reaches it. The
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
