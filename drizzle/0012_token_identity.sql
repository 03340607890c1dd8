-- Token names identify people (issue 20): a key per name, unique among live tokens, and who
-- minted each token. The Worker keys new names with src/domain/actors.ts personKey (NFKC,
-- invisible characters removed, case folded); SQL has no NFKC, so tokens made before this
-- migration are keyed by lower(trim(name)), which is the same key for plain ASCII names.
ALTER TABLE `api_tokens` ADD `name_key` text;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `created_by` text;--> statement-breakpoint
-- Existing duplicates keep working: the oldest live token of a name takes its key, the others
-- stay without one (and are listed by the view below). Revoked tokens keep their key (the
-- unique index counts live tokens only).
UPDATE `api_tokens` SET `name_key` = lower(trim(`name`))
WHERE `revoked_at` IS NOT NULL
   OR `id` = (SELECT min(t.`id`) FROM `api_tokens` t
              WHERE t.`revoked_at` IS NULL AND lower(trim(t.`name`)) = lower(trim(`api_tokens`.`name`)));--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_live_name_unique` ON `api_tokens` (`name_key`) WHERE "api_tokens"."revoked_at" IS NULL;--> statement-breakpoint
-- The report: live tokens that share a name with another live token. Read it with
-- `wrangler d1 execute DB --remote --command "SELECT * FROM api_token_name_duplicates"`; revoke
-- all but one of each name (GET /api/v1/tokens marks them `duplicate_name` too).
CREATE VIEW `api_token_name_duplicates` AS
SELECT lower(trim(`name`)) AS `name_key`, `id`, `name`, `role`, `created_at`, `last_used_at`
FROM `api_tokens`
WHERE `revoked_at` IS NULL
  AND lower(trim(`name`)) IN (SELECT lower(trim(`name`)) FROM `api_tokens` WHERE `revoked_at` IS NULL
                              GROUP BY lower(trim(`name`)) HAVING count(*) > 1);
