CREATE TABLE "attempt_throttles" (
	"kind" text NOT NULL,
	"key_hash" text NOT NULL,
	"score" double precision NOT NULL,
	"last_attempt_at" timestamp (3) with time zone NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "attempt_throttles_kind_key_hash_pk" PRIMARY KEY("kind","key_hash")
);
--> statement-breakpoint
CREATE INDEX "attempt_throttles_last_attempt_idx" ON "attempt_throttles" USING btree ("last_attempt_at");