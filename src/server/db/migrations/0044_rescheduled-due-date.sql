-- The latest apology letter's new return date kept on its dossier (insertApologyLetter sets it with
-- each letter): a register page read it from apology_letters for every row it listed. Filled here
-- for the letters issued before, the latest by issue time as the page chose it.
ALTER TABLE "dossiers" ADD COLUMN "rescheduled_due_date" date;--> statement-breakpoint
UPDATE "dossiers" d SET "rescheduled_due_date" = (SELECT a."new_due_date" FROM "apology_letters" a
  WHERE a."dossier_id" = d."id" ORDER BY a."issued_at" DESC LIMIT 1)
  WHERE d."id" IN (SELECT "dossier_id" FROM "apology_letters");
