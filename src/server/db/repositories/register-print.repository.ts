import { and, asc, between, eq, gte, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { DossierState } from "../../../core/dossier/dossier-state.ts";
import type { Executor } from "../database.ts";
import { agencies } from "../schema.ts";
import { caseEvents } from "../schema-case-register.ts";
import { dossiers, procedures } from "../schema-one-stop.ts";

/**
 * The lines of a unit's register book (Sổ theo dõi hồ sơ) written for dossiers received in a
 * period, for the printed book: dossiers with a line (received at the desk), not voided, in the
 * book's order (year, book, line). The unique index of the lines (`dossiers_register_entry_key`)
 * gives the order; the years are bounded by the period's, so a read never goes past them.
 */

export interface RegisterPrintRange {
  unitId: string;
  /** The period's first instant (its first day's midnight in Vietnam). */
  from: Date;
  /** The instant after its last day. */
  until: Date;
  fromYear: number;
  toYear: number;
}

const inRange = (range: RegisterPrintRange) =>
  and(
    eq(dossiers.unitId, range.unitId),
    isNotNull(dossiers.registerEntry),
    between(dossiers.registerYear, range.fromYear, range.toYear),
    isNull(dossiers.voidedAt),
    gte(dossiers.receivedAt, range.from),
    lt(dossiers.receivedAt, range.until),
  );

/** How many lines the period holds, and the books they are in (in order). */
export async function registerPrintSummary(exec: Executor, range: RegisterPrintRange) {
  const rows = await exec
    .select({
      year: dossiers.registerYear,
      book: dossiers.registerBook,
      count: sql<number>`count(*)::int`,
    })
    .from(dossiers)
    .where(inRange(range))
    .groupBy(dossiers.registerYear, dossiers.registerBook)
    .orderBy(asc(dossiers.registerYear), asc(dossiers.registerBook));
  return {
    count: rows.reduce((sum, row) => sum + Number(row.count), 0),
    books: rows.map((row) => ({ year: row.year!, book: row.book! })),
  };
}

export interface RegisterPrintRow {
  id: string;
  code: string;
  registerYear: number;
  registerBook: number;
  registerEntry: number;
  procedureName: string;
  documentSets: number | null;
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string | null;
  leadAgencyName: string | null;
  receivedAt: Date;
  originalDueDate: string;
  dueDate: string;
  returnedAt: Date | null;
  state: DossierState;
}

/** `limit` lines of the period after the first `offset`, in the book's order. */
export async function registerPrintRows(
  exec: Executor,
  range: RegisterPrintRange,
  offset: number,
  limit: number,
): Promise<RegisterPrintRow[]> {
  const rows = await exec
    .select({
      id: dossiers.id,
      code: dossiers.code,
      registerYear: dossiers.registerYear,
      registerBook: dossiers.registerBook,
      registerEntry: dossiers.registerEntry,
      procedureName: procedures.name,
      documentSets: dossiers.documentSets,
      applicantName: dossiers.applicantName,
      applicantPhone: dossiers.applicantPhone,
      applicantAddress: dossiers.applicantAddress,
      leadAgencyName: agencies.name,
      receivedAt: dossiers.receivedAt,
      originalDueDate: dossiers.originalDueDate,
      dueDate: dossiers.dueDate,
      returnedAt: dossiers.returnedAt,
      state: dossiers.state,
    })
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .leftJoin(agencies, eq(agencies.id, dossiers.handlerAgencyId))
    .where(inRange(range))
    .orderBy(asc(dossiers.registerYear), asc(dossiers.registerBook), asc(dossiers.registerEntry))
    .offset(offset)
    .limit(limit);
  return rows.map((row) => ({
    ...row,
    registerYear: row.registerYear!,
    registerBook: row.registerBook!,
    registerEntry: row.registerEntry!,
  }));
}

/**
 * The hand-over moments of the dossiers as recorded in their history: the first hand-over to an
 * agency (the dossier sent to the body that settles it) and the last "resolve" step (the result
 * back at the desk). A dossier without such a step has no entry.
 */
export async function registerPrintMoments(
  exec: Executor,
  ids: readonly string[],
): Promise<Map<string, { handedOverAt: Date | null; resultAt: Date | null }>> {
  const moments = new Map<string, { handedOverAt: Date | null; resultAt: Date | null }>();
  if (ids.length === 0) return moments;
  const rows = await exec
    .select({
      caseId: caseEvents.caseId,
      handedOverAt: sql<
        Date | string | null
      >`min(${caseEvents.at}) filter (where ${caseEvents.action} = 'hand_over')`,
      resultAt: sql<
        Date | string | null
      >`max(${caseEvents.at}) filter (where ${caseEvents.action} = 'resolve')`,
    })
    .from(caseEvents)
    .where(
      and(
        eq(caseEvents.register, "dossier"),
        inArray(caseEvents.caseId, [...ids]),
        inArray(caseEvents.action, ["hand_over", "resolve"]),
      ),
    )
    .groupBy(caseEvents.caseId);
  for (const row of rows) {
    moments.set(row.caseId, {
      handedOverAt: row.handedOverAt ? new Date(row.handedOverAt) : null,
      resultAt: row.resultAt ? new Date(row.resultAt) : null,
    });
  }
  return moments;
}
