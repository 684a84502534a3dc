import {
  MAX_DAILY_SEQUENCE,
  firstFreeSequence,
  formatDossierCode,
  registerBookOf,
} from "../../core/dossier/index.ts";
import { applyRule } from "../errors.ts";
import type { Executor } from "../db/database.ts";
import * as caseRepository from "../db/repositories/case-register.repository.ts";
import * as dossierRepository from "../db/repositories/dossier.repository.ts";
import * as registerBooks from "../db/repositories/register-book.repository.ts";
import type { DossierInsert, DossierRow } from "../db/repositories/dossier.repository.ts";

/** How many numbers one look-up checks for codes already taken. */
const WINDOW = 50;

/**
 * Inserts a dossier received at a desk under the next free code of the unit's day
 * (`<agency code>-<YYMMDD>-<NNNN>`), in the caller's transaction.
 *
 * The unit's counter row is locked first, so the unit's receipts take numbers one at a time. A
 * number whose code a dossier that is not voided already holds (an import, another desk with the
 * same agency code, or a dossier committed meanwhile by a transaction this one waited for) is
 * skipped rather than failing the receipt; the counter then moves past it. The 10 000th number of
 * a day is refused with DOSSIER_SEQUENCE_EXHAUSTED.
 */
export async function insertWithNextCode(
  tx: Executor,
  input: { agencyCode: string; receivedOn: string; dossier: Omit<DossierInsert, "code"> },
): Promise<DossierRow> {
  const { agencyCode, receivedOn, dossier } = input;
  const unitId = dossier.unitId;
  const codeOf = (sequence: number) =>
    applyRule(() => formatDossierCode({ agencyCode, receivedOn, sequence }));
  let last = await caseRepository.lockDailyCounter(tx, "dossier", unitId, receivedOn);
  for (;;) {
    if (last >= MAX_DAILY_SEQUENCE) codeOf(last + 1); // throws DOSSIER_SEQUENCE_EXHAUSTED
    const end = Math.min(last + WINDOW, MAX_DAILY_SEQUENCE);
    const candidates = Array.from({ length: end - last }, (_, i) => codeOf(last + 1 + i));
    const taken = await dossierRepository.takenCodes(tx, candidates);
    const sequence = firstFreeSequence(last, WINDOW, (n) => taken.has(candidates[n - last - 1]!));
    if (sequence === null) {
      last = end;
      continue;
    }
    const row = await dossierRepository.insertDossierIfCodeFree(tx, {
      ...dossier,
      code: codeOf(sequence),
    });
    last = sequence;
    if (row) {
      await caseRepository.setDailyCounter(tx, "dossier", unitId, receivedOn, last);
      return row;
    }
  }
}

/**
 * The dossier's entry in the receiving unit's register book (Sổ theo dõi hồ sơ): the book the
 * unit writes in in the day's year (`registerBookOf`: book 01, or the later one its clerk set,
 * `currentRegisterBook`) and its next line, in the caller's transaction, under the unit's lock of
 * the year's books (`lockRegisterYear`, also taken by `setRegisterBookStart`). Taken before the
 * code, so a unit's receipts are written in the book in the order their codes are issued.
 */
export async function nextRegisterLine(
  tx: Executor,
  unitId: string,
  receivedOn: string,
): Promise<Pick<DossierInsert, "registerYear" | "registerBook" | "registerEntry">> {
  const { year } = registerBookOf(receivedOn);
  await registerBooks.lockRegisterYear(tx, unitId, year);
  const { book } = await registerBooks.currentRegisterBook(tx, unitId, year);
  const entry = await dossierRepository.nextRegisterEntry(tx, { unitId, year, book });
  return { registerYear: year, registerBook: book, registerEntry: entry };
}
