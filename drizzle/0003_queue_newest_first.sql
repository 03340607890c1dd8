DROP INDEX `claims_queue_idx`;--> statement-breakpoint
CREATE INDEX `claims_queue_idx` ON `claims` (`queue_rank`,"seq" DESC);