import {
  checkRegisterBookStart,
  registerBookNumber,
  registerEntryNumber,
  vietnamLocal,
  type RegisterBookPosition,
} from "../../core/dossier/index.ts";
import type { Executor } from "../db/database.ts";
import * as registerBooks from "../db/repositories/register-book.repository.ts";
import { applyRule } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { readableDeskUnit } from "./desk-unit.ts";
import { runUseCase } from "./use-case.ts";

/**
 * Where a unit's register book (Sổ theo dõi hồ sơ) stands, and where its desk sets CCHC's
 * numbering to go on from (issue 12: a paper book kept earlier in the year). Read by whoever reads
 * the unit's dossiers; set by those who keep its one-stop catalogue (`procedure.write`: the unit's
 * clerk, an administrator above it), under the rules of `checkRegisterBookStart`.
 */

/** The action that sets the starting point: the desk's own set-up, like its procedure catalogue. */
const SETTER = "procedure.write";

export interface RegisterBookStartInput {
  year: number;
  book: number;
  nextEntry: number;
}

const thisYearAt = (now: Date) => Number(vietnamLocal(now).date.slice(0, 4));

function view(
  unit: { id: string; name: string },
  position: RegisterBookPosition,
  thisYear: number,
  canUpdate: boolean,
) {
  const nextEntry = position.lastEntry + 1;
  return {
    unitId: unit.id,
    unitName: unit.name,
    year: position.year,
    book: position.book,
    /** The last line written (0: none yet). */
    lastEntry: position.lastEntry,
    nextEntry,
    /** "01/2026" */
    bookNumber: registerBookNumber(position),
    /** "000124" */
    nextEntryNumber: registerEntryNumber({ entry: nextEntry }),
    /** The years a starting point may be set for: this year (Vietnam time) and the next. */
    settableYears: [thisYear, thisYear + 1],
    can: { update: canUpdate },
  };
}

/** The book the unit's receipts write in in `year` (this year when left out), and its next line. */
export async function getRegisterBook(
  db: Executor,
  actor: Actor,
  unitId: string,
  year: number | undefined,
  now: Date = new Date(),
) {
  const unit = await readableDeskUnit(db, actor, unitId);
  const thisYear = thisYearAt(now);
  const position = await registerBooks.currentRegisterBook(db, unitId, year ?? thisYear);
  const canUpdate = (await access.check(db, actor, SETTER, "unit", [unitId])).has(unitId);
  return { data: view(unit, position, thisYear, canUpdate) };
}

/**
 * Sets where the unit's numbering of `year` goes on from: receipts then write in `book`, the next
 * one at `nextEntry`. Under the lock receipts take (`lockRegisterYear`), so a receipt running
 * meanwhile is either written before (and the check sees its line) or after (at the new point).
 */
export async function setRegisterBookStart(
  db: Executor,
  actor: Actor,
  unitId: string,
  input: RegisterBookStartInput,
  now: Date = new Date(),
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const unit = await readableDeskUnit(tx, actor, unitId);
    await access.require(tx, actor, SETTER, "unit", unitId);
    const thisYear = thisYearAt(now);
    // The year is checked before it names a lock.
    applyRule(() =>
      checkRegisterBookStart(input, { year: input.year, book: 1, lastEntry: 0 }, thisYear),
    );
    await registerBooks.lockRegisterYear(tx, unitId, input.year);
    const before = await registerBooks.currentRegisterBook(tx, unitId, input.year);
    applyRule(() => checkRegisterBookStart(input, before, thisYear));
    const after: RegisterBookPosition = {
      year: input.year,
      book: input.book,
      lastEntry: input.nextEntry - 1,
    };
    await registerBooks.setRegisterBookLastEntry(tx, { unitId, ...after });
    await audit({
      action: "desk.register_book_start",
      entityId: unitId,
      unitId,
      before,
      after,
      summary: `Đặt Sổ theo dõi hồ sơ của ${unit.name}: quyển ${registerBookNumber(after)}, hồ sơ tiếp theo vào số ${registerEntryNumber({ entry: input.nextEntry })} (trước đó: quyển ${registerBookNumber(before)}, số tiếp theo ${registerEntryNumber({ entry: before.lastEntry + 1 })})`,
    });
    return { data: view(unit, after, thisYear, true) };
  });
}
