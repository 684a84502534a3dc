-- A text's suffixes as `search_suffixes` (migration 0039) gives them, and each again under the week
-- its record was received, as `W<week>:<suffix>` (the week counted from 01/01/1970 in seconds of
-- 604,800; a folded text is lower case, so no suffix of its own begins with "W"): a search's page
-- reads the matches of its newest weeks first (`'W2970:thi thuy':* | 'W2969:thi thuy':*`) instead
-- of every match, each visited for its receipt time to be sorted (10 M dossiers: a whole name's
-- 5,787 matches, ≈ 15 ms of PostgreSQL's CPU a page). The epoch does not depend on the time zone.
CREATE FUNCTION search_suffixes_weekly(text, timestamptz) RETURNS tsvector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT array_to_tsvector(array(
    SELECT week.prefix || substr($1, i, 200)
    FROM generate_series(1, length($1) - 2) AS i,
      (VALUES (''), ('W' || floor(extract(epoch FROM $2) / 604800)::bigint || ':')) AS week(prefix)
    WHERE substr($1, i, 1) <> ' ')) $$;--> statement-breakpoint
DROP INDEX "dossiers_applicant_suffix_idx";--> statement-breakpoint
CREATE INDEX "dossiers_applicant_weekly_suffix_idx" ON "dossiers" USING gin (search_suffixes_weekly("applicant_name_folded", "received_at")) WITH (gin_pending_list_limit=64);--> statement-breakpoint
DROP FUNCTION search_suffixes(text);
