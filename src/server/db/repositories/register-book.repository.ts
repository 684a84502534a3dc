import { and, desc, eq, sql } from "drizzle-orm";
import type { RegisterBookPosition } from "../../../core/dossier/index.ts";
import { unopenedBook } from "../../../core/dossier/index.ts";
import type { Executor } from "../database.ts";
import { dossierRegisterBooks } from "../schema-one-stop.ts";

/**
 * The lock of a unit's register books of a year, held to the end of the transaction: every
 * receipt takes it before its line, and so does setting where the numbering goes on from, so a
 * receipt never writes in a book or at a line a concurrent setting has just moved past (no twin,
 * no gap). Two units whose keys collide merely wait for each other.
 */
export async function lockRegisterYear(exec: Executor, unitId: string, year: number) {
  await exec.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`dossier_register_books:${unitId}`}), ${year}::int)`,
  );
}

/**
 * The book receipts of the unit write in this year: the highest it has (book 01 when none was
 * opened yet), and its last line written (0: none).
 */
export async function currentRegisterBook(
  exec: Executor,
  unitId: string,
  year: number,
): Promise<RegisterBookPosition> {
  const [row] = await exec
    .select({ book: dossierRegisterBooks.book, lastEntry: dossierRegisterBooks.lastEntry })
    .from(dossierRegisterBooks)
    .where(and(eq(dossierRegisterBooks.unitId, unitId), eq(dossierRegisterBooks.year, year)))
    .orderBy(desc(dossierRegisterBooks.book))
    .limit(1);
  return row ? { year, book: row.book, lastEntry: row.lastEntry } : unopenedBook(year);
}

/** Sets a book's last line written (the line before the next one to issue); opens it if new. */
export async function setRegisterBookLastEntry(
  exec: Executor,
  book: { unitId: string; year: number; book: number; lastEntry: number },
) {
  await exec
    .insert(dossierRegisterBooks)
    .values(book)
    .onConflictDoUpdate({
      target: [dossierRegisterBooks.unitId, dossierRegisterBooks.year, dossierRegisterBooks.book],
      set: { lastEntry: book.lastEntry },
    });
}
