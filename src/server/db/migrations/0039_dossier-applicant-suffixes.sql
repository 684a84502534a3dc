-- Every suffix of a folded text of three characters or more that starts at a character other than
-- a space, each cut at 200 characters, as the lexemes of a tsvector: a part of the text of 3 to
-- 200 characters (a register search's name part is at least 3, its `q` at most 200) is the prefix
-- of one of them, so `search_suffixes(t) @@ '<part>':*` holds exactly when `t` contains the part.
-- Cut so that a long text stays far below a tsvector's 1 MB (a name of 300 characters, the
-- import's longest: at most 60,000 characters of lexemes).
CREATE FUNCTION search_suffixes(text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT array_to_tsvector(array(
    SELECT substr($1, i, 200) FROM generate_series(1, length($1) - 2) AS i
    WHERE substr($1, i, 1) <> ' ')) $$;--> statement-breakpoint
DROP INDEX "dossiers_applicant_trgm_idx";--> statement-breakpoint
CREATE INDEX "dossiers_applicant_suffix_idx" ON "dossiers" USING gin (search_suffixes("applicant_name_folded"));
