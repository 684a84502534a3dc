import type {
  FeedbackClassification,
  FeedbackState,
} from "../../../core/feedback/feedback-state.ts";
import type { FeedbackChannel } from "../../../core/feedback/feedback-values.ts";
import { and, desc, eq, gte, inArray, isNotNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../database.ts";
import { agencies, units } from "../schema.ts";
import { feedback } from "../schema-feedback.ts";
import * as cases from "./case-register.repository.ts";
import { forgetRegisterTotals } from "../register-total-cache.ts";

export type FeedbackRow = typeof feedback.$inferSelect;
export type FeedbackInsert = typeof feedback.$inferInsert;

export interface FeedbackListRow extends FeedbackRow, cases.CaseListNames {
  assignedAgencyName: string | null;
}

function selectWithNames(exec: Executor) {
  return exec
    .select({
      feedback,
      unitName: units.name,
      unitCode: units.code,
      assignedAgencyName: agencies.name,
      cursorAt: cases.cursorAtOf(feedback.receivedAt),
    })
    .from(feedback)
    .innerJoin(units, eq(units.id, feedback.unitId))
    .leftJoin(agencies, eq(agencies.id, feedback.assignedAgencyId));
}

type Joined = Awaited<ReturnType<ReturnType<typeof selectWithNames>["execute"]>>[number];

function flatten(rows: Joined[]): FeedbackListRow[] {
  return cases.flattenJoined(rows, "feedback");
}

/** Which feedback a reader reaches: whole units, plus feedback assigned to an agency in a unit. */
export interface FeedbackReach {
  /** null: every unit. */
  unitIds: string[] | null;
  agencyReach: { unitIds: string[]; agencyId: string }[];
}

export interface FeedbackFilter {
  reach: FeedbackReach;
  unitId?: string;
  state?: FeedbackState;
  classification?: FeedbackClassification;
  channel?: FeedbackChannel;
  /** A part of a code (any letter case), or of the sender's name or the title (folded). */
  q?: string;
  /**
   * Where `q` may match the sender's name and the title: in every feedback listed (absent), or
   * only in this reach (the feedback whose senders the reader sees in full; none: codes only).
   */
  textSearchReach?: FeedbackReach;
  receivedFrom?: Date;
  receivedBefore?: Date;
  /** Open feedback whose due date is before this day. */
  overdueOn?: string;
  /** Open feedback whose due date is within these days (both included). */
  dueWithin?: { from: string; to: string };
  limit: number;
  /** The page after this row of the register's order (received_at desc, code desc, id desc). */
  after?: FeedbackPosition;
  /**
   * The total the list's first page answered (carried by the cursor): answered again without
   * counting. Only with `after`.
   */
  knownTotal?: cases.KnownCaseTotal;
  /**
   * Which ways a search's page may be read (tests comparing them): the cap of its count and
   * direct read (`registerTotalCap`), its walk's window (`registerSearchWalk`; false: none).
   */
  paths?: { cap?: number; walk?: number | false };
}

/** A row's place in the feedback register's order: `cursorAt`, the code and the id. */
export type FeedbackPosition = Required<cases.CasePosition>;

function reachCondition(reach: FeedbackReach): SQL | undefined | false {
  if (reach.unitIds === null) return undefined;
  const parts: SQL[] = [];
  if (reach.unitIds.length > 0) parts.push(inArray(feedback.unitId, reach.unitIds));
  for (const { unitIds, agencyId } of reach.agencyReach) {
    if (unitIds.length === 0) continue;
    parts.push(and(inArray(feedback.unitId, unitIds), eq(feedback.assignedAgencyId, agencyId))!);
  }
  if (parts.length === 0) return false;
  return or(...parts)!;
}

export const OPEN_FEEDBACK_STATES = ["received", "classified", "assigned"] as const;

/** The feedback register's columns; `open` as in feedback_register_open_idx's predicate. */
const FEEDBACK_REGISTER: cases.CaseRegisterTable = {
  table: feedback,
  id: feedback.id,
  code: feedback.code,
  unitId: feedback.unitId,
  state: feedback.state,
  receivedAt: feedback.receivedAt,
  dueDate: feedback.dueDate,
  searchFolded: feedback.searchFolded,
  open: sql.raw(
    `${feedback.state.name} in (${OPEN_FEEDBACK_STATES.map((state) => `'${state}'`).join(", ")})`,
  ),
  tieBreak: feedback.code,
};

/**
 * A page of the register, newest first (ties by code, then id), and its total (exact up to
 * REGISTER_TOTAL_CAP, as the dossier register counts).
 *
 * Keyset pagination (`casePageQueries`): each page reads one range of an index in this order
 * (feedback_register_*: a unit, the province, a state, an agency, the open ones) however deep it
 * is; the count stops at the cap.
 */
export async function listFeedback(
  exec: Executor,
  filter: FeedbackFilter,
): Promise<cases.CasePage<FeedbackListRow>> {
  return cases.readCasePage(
    await feedbackRegisterQueries(exec, filter),
    filter.limit,
    flatten,
    filter.after && filter.knownTotal
      ? filter.knownTotal
      : { exec, register: "feedback", ...feedbackTotalKey(filter) },
  );
}

/**
 * The key of a page's kept total: the reach and every filter but the cursor and the page size;
 * the units whose writes change it (null: every unit).
 */
export function feedbackTotalKey(filter: FeedbackFilter) {
  const { reach } = filter;
  const units =
    filter.unitId !== undefined
      ? [filter.unitId]
      : reach.unitIds === null
        ? null
        : [...reach.unitIds, ...reach.agencyReach.flatMap((agency) => agency.unitIds)];
  return { key: cases.countedFilterKey(filter), units };
}

/**
 * The two queries of a register page (one row more than the page, and the capped count), or null
 * when the reader reaches no feedback at all; after one read of the code index for a search
 * (`codeMatchOf`: a code searched whole or by its beginning reads a range of
 * feedback_code_lower_idx, not the trigrams every code of the province shares).
 */
export async function feedbackRegisterQueries(exec: Executor, filter: FeedbackFilter) {
  const reach = reachCondition(filter.reach);
  if (reach === false) return null;
  const own: SQL[] = [];
  if (filter.classification) own.push(eq(feedback.classification, filter.classification));
  if (filter.channel) own.push(eq(feedback.channel, filter.channel));
  const conditions = [
    ...(reach ? [reach] : []),
    ...cases.caseListConditions(FEEDBACK_REGISTER, filter, own),
  ];
  if (filter.dueWithin) {
    conditions.push(
      FEEDBACK_REGISTER.open,
      gte(feedback.dueDate, filter.dueWithin.from),
      lte(feedback.dueDate, filter.dueWithin.to),
    );
  }
  // Senders' names and titles match where the reader sees them in full (`textSearchReach`).
  const textScope = filter.textSearchReach ? reachCondition(filter.textSearchReach) : undefined;
  // A function of the executor: the page's feedback limited alone first, then joined; and a
  // search's page read from its matches when they are at most the cap (`casePageQueries`).
  const select = (from: Executor) => selectWithNames(from).$dynamic();
  const codeMatch = filter.q
    ? await cases.codeMatchOf(exec, FEEDBACK_REGISTER, filter.q, reach)
    : undefined;
  return cases.casePageQueries(exec, FEEDBACK_REGISTER, select, conditions, {
    ...filter,
    ...filter.paths,
    textScope,
    codeMatch,
  });
}

export async function findFeedbackById(
  exec: Executor,
  id: string,
): Promise<FeedbackListRow | null> {
  return flatten(await selectWithNames(exec).where(eq(feedback.id, id)))[0] ?? null;
}

/** Every feedback with this code (codes are unique per unit, not across units). */
export async function findFeedbackByCode(exec: Executor, code: string): Promise<FeedbackListRow[]> {
  return flatten(await selectWithNames(exec).where(eq(feedback.code, code)));
}

/** The published answers of a unit, newest first. */
export async function listPublishedFeedback(
  exec: Executor,
  unitId: string,
  limit: number,
  offset: number,
): Promise<{ rows: FeedbackListRow[]; total: number }> {
  const where = and(eq(feedback.unitId, unitId), eq(feedback.state, "published"));
  const rows = await selectWithNames(exec)
    .where(where)
    .orderBy(desc(feedback.publishedAt), desc(feedback.code))
    .limit(limit)
    .offset(offset);
  const [count] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(feedback)
    .where(where);
  return { rows: flatten(rows), total: count?.n ?? 0 };
}

/** Locks the row for the rest of the transaction, so steps never interleave. */
export async function lockFeedback(exec: Executor, id: string): Promise<FeedbackRow | null> {
  const [row] = await exec.select().from(feedback).where(eq(feedback.id, id)).for("update");
  return row ?? null;
}

export async function insertFeedback(exec: Executor, values: FeedbackInsert) {
  const [row] = await exec.insert(feedback).values(values).returning();
  forgetRegisterTotals({ register: "feedback", unitId: row!.unitId });
  return row!;
}

export async function updateFeedback(exec: Executor, id: string, values: Partial<FeedbackInsert>) {
  const [row] = await exec
    .update(feedback)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(feedback.id, id))
    .returning();
  // Every kept feedback total is counted again: a change may move the feedback to another unit or
  // agency, and the unit it left is not known here.
  forgetRegisterTotals({ register: "feedback" });
  return row!;
}

/** What the on-time rate needs of the feedback units received in [from, before). */
export async function feedbackForRate(exec: Executor, unitIds: string[], from: Date, before: Date) {
  if (unitIds.length === 0) return [];
  return exec
    .select({
      state: feedback.state,
      dueDate: feedback.dueDate,
      transferDueDate: feedback.transferDueDate,
      finishedAt: feedback.finishedAt,
    })
    .from(feedback)
    .where(
      and(
        inArray(feedback.unitId, unitIds),
        gte(feedback.receivedAt, from),
        lt(feedback.receivedAt, before),
      ),
    );
}

/** Satisfaction answers recorded on published feedback (for the count on the public page). */
export async function countSatisfaction(exec: Executor, unitId: string) {
  return exec
    .select({ satisfaction: feedback.satisfaction, n: sql<number>`count(*)::int` })
    .from(feedback)
    .where(and(eq(feedback.unitId, unitId), isNotNull(feedback.satisfaction)))
    .groupBy(feedback.satisfaction);
}
