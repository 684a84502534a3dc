-- The code trigram index's pending list at 64 kB, as the name suffix index's (0040): a code adds
-- two dozen trigrams, and the insert that overflows a 256 kB list (PGlite) moved them all into the
-- index in one statement, an import batch of 50 rows held 100–130 ms on an idle machine at 1 M
-- dossiers (75–113 ms at 64 kB). Set in place: drizzle-kit's drop and create would rebuild it.
ALTER INDEX "dossiers_code_trgm_idx" SET (gin_pending_list_limit = 64);
