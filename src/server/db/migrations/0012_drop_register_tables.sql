DROP TABLE "dossier_daily_counters" CASCADE;--> statement-breakpoint
DROP TABLE "dossier_events" CASCADE;--> statement-breakpoint
DROP TABLE "feedback_daily_counters" CASCADE;--> statement-breakpoint
DROP TABLE "feedback_events" CASCADE;