import type {
  FeedbackClassification,
  FeedbackState,
} from "../../../core/feedback/feedback-state.ts";
import type { FeedbackChannel } from "../../../core/feedback/feedback-values.ts";
import { and, desc, eq, gte, inArray, isNotNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { searchKey } from "../../../core/text/vietnamese-text.ts";
import type { Executor } from "../database.ts";
import { agencies, units } from "../schema.ts";
import { feedback } from "../schema-feedback.ts";
import { NAME_SEARCH_MIN_LENGTH, REGISTER_TOTAL_CAP } from "./dossier.repository.ts";

export type FeedbackRow = typeof feedback.$inferSelect;
export type FeedbackInsert = typeof feedback.$inferInsert;

export interface FeedbackListRow extends FeedbackRow {
  unitName: string;
  unitCode: string;
  assignedAgencyName: string | null;
  /** `received_at` in UTC to the microsecond ("YYYY-MM-DD HH:MM:SS.ffffff"): a register cursor. */
  cursorAt: string;
}

function selectWithNames(exec: Executor) {
  return exec
    .select({
      feedback,
      unitName: units.name,
      unitCode: units.code,
      assignedAgencyName: agencies.name,
      cursorAt: sql<string>`to_char(${feedback.receivedAt} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`,
    })
    .from(feedback)
    .innerJoin(units, eq(units.id, feedback.unitId))
    .leftJoin(agencies, eq(agencies.id, feedback.assignedAgencyId));
}

type Joined = Awaited<ReturnType<ReturnType<typeof selectWithNames>["execute"]>>[number];

function flatten(rows: Joined[]): FeedbackListRow[] {
  return rows.map(({ feedback: row, ...names }) => ({ ...row, ...names }));
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
}

/** A row's place in the feedback register's order: `cursorAt`, the code and the id. */
export interface FeedbackPosition {
  at: string;
  code: string;
  id: string;
}

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

/** Written out as in feedback_register_open_idx's predicate, so PostgreSQL sees it implies it. */
const OPEN = sql.raw(
  `${feedback.state.name} in (${OPEN_FEEDBACK_STATES.map((state) => `'${state}'`).join(", ")})`,
);

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A page of the register, newest first (ties by code, then id), and its total (exact up to
 * REGISTER_TOTAL_CAP, as the dossier register counts).
 *
 * Keyset pagination: a page starts after the given row, so each page reads one range of an index
 * in this order (feedback_register_*: a unit, the province, a state, an agency, the open ones)
 * however deep it is; the count stops at the cap.
 */
export async function listFeedback(
  exec: Executor,
  filter: FeedbackFilter,
): Promise<{ rows: FeedbackListRow[]; total: number; totalCapped: boolean; hasMore: boolean }> {
  const queries = feedbackRegisterQueries(exec, filter);
  if (queries === null) return { rows: [], total: 0, totalCapped: false, hasMore: false };
  const [rows, [counted]] = [await queries.page, await queries.count];
  const n = counted?.n ?? 0;
  return {
    rows: flatten(rows.slice(0, filter.limit)),
    total: Math.min(n, REGISTER_TOTAL_CAP),
    totalCapped: n > REGISTER_TOTAL_CAP,
    hasMore: rows.length > filter.limit,
  };
}

/**
 * The two queries of a register page (one row more than the page, and the capped count), or null
 * when the reader reaches no feedback at all.
 */
export function feedbackRegisterQueries(exec: Executor, filter: FeedbackFilter) {
  const reach = reachCondition(filter.reach);
  if (reach === false) return null;
  const conditions: SQL[] = reach ? [reach] : [];
  if (filter.unitId) conditions.push(eq(feedback.unitId, filter.unitId));
  if (filter.state) conditions.push(eq(feedback.state, filter.state));
  if (filter.classification) conditions.push(eq(feedback.classification, filter.classification));
  if (filter.channel) conditions.push(eq(feedback.channel, filter.channel));
  if (filter.receivedFrom) conditions.push(gte(feedback.receivedAt, filter.receivedFrom));
  if (filter.receivedBefore) conditions.push(lt(feedback.receivedAt, filter.receivedBefore));
  if (filter.overdueOn) {
    conditions.push(OPEN, lt(feedback.dueDate, filter.overdueOn));
  }
  if (filter.dueWithin) {
    conditions.push(
      OPEN,
      gte(feedback.dueDate, filter.dueWithin.from),
      lte(feedback.dueDate, filter.dueWithin.to),
    );
  }
  if (filter.q) {
    // Codes: a part of `lower(code)` through trigrams (feedback_code_trgm_idx) from three
    // characters, its beginning under three; the sender's name or the title: a part of the folded
    // column (feedback_search_trgm_idx), folded by the same rule as the generated column.
    const lowered = escapeLike(filter.q.toLowerCase());
    const code =
      filter.q.length >= NAME_SEARCH_MIN_LENGTH
        ? sql`lower(${feedback.code}) like ${`%${lowered}%`}`
        : sql`lower(${feedback.code}) like ${`${lowered}%`}`;
    // A reader who sees some feedback masked matches names and titles only where shown in full
    // (`textSearchReach`), so a masked sender cannot be confirmed by searching their name.
    const text = searchKey(filter.q);
    const where = filter.textSearchReach ? reachCondition(filter.textSearchReach) : undefined;
    const byText = sql`${feedback.searchFolded} like ${`%${escapeLike(text)}%`}`;
    conditions.push(
      text.length < NAME_SEARCH_MIN_LENGTH || where === false
        ? code
        : or(code, where === undefined ? byText : and(where, byText))!,
    );
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const after = filter.after
    ? and(
        where,
        sql`(${feedback.receivedAt}, ${feedback.code}, ${feedback.id}) < (${filter.after.at}::timestamp at time zone 'UTC', ${filter.after.code}, ${filter.after.id}::uuid)`,
      )
    : where;
  const order = [desc(feedback.receivedAt), desc(feedback.code), desc(feedback.id)];
  const page = selectWithNames(exec)
    .where(after)
    .orderBy(...order)
    .limit(filter.limit + 1);
  const capped = exec
    .select({ one: sql`1`.as("one") })
    .from(feedback)
    .where(where)
    // In the register's order, so the count reads the same index range as the pages.
    .orderBy(...order)
    .limit(REGISTER_TOTAL_CAP + 1)
    .as("capped");
  const count = exec.select({ n: sql<number>`count(*)::int` }).from(capped);
  return { page, count };
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
  return row!;
}

export async function updateFeedback(exec: Executor, id: string, values: Partial<FeedbackInsert>) {
  const [row] = await exec
    .update(feedback)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(feedback.id, id))
    .returning();
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
