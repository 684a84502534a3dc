-- The name suffix index's pending list at 64 kB instead of the database's (256 kB on PGlite, 4 MB
-- on PostgreSQL): the insert that overflows the list moves all its entries into the index, and a
-- name adds a dozen long ones. Set in place (what drizzle-kit wrote, a drop and a new index, would
-- rebuild it: 132 s at 10 M dossiers on PostgreSQL, 84 s at 1 M on PGlite).
ALTER INDEX "dossiers_applicant_suffix_idx" SET (gin_pending_list_limit = 64);
