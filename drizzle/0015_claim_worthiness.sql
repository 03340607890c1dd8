-- How worth checking each claim's words are (src/worthiness), scored when the claim is filed and
-- kept; null for the claims filed before this migration (the list "most worth checking" puts them
-- last). The index serves GET /claims?sort=worth and the queue's "Most worth checking first".
ALTER TABLE `claims` ADD `worthiness` real;--> statement-breakpoint
CREATE INDEX `claims_worthiness_idx` ON `claims` (coalesce("worthiness", -1) DESC,"seq" DESC);
