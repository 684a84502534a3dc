import type {
  FeedbackClassification,
  FeedbackState,
} from "../../../core/feedback/feedback-state.ts";
import type { FeedbackChannel } from "../../../core/feedback/feedback-values.ts";
import {
  and,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNotNull,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import type { Executor } from "../database.ts";
import { agencies, units } from "../schema.ts";
import { feedback } from "../schema-feedback.ts";

export type FeedbackRow = typeof feedback.$inferSelect;
export type FeedbackInsert = typeof feedback.$inferInsert;

export interface FeedbackListRow extends FeedbackRow {
  unitName: string;
  unitCode: string;
  assignedAgencyName: string | null;
}

function selectWithNames(exec: Executor) {
  return exec
    .select({
      feedback,
      unitName: units.name,
      unitCode: units.code,
      assignedAgencyName: agencies.name,
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
  q?: string;
  receivedFrom?: Date;
  receivedBefore?: Date;
  /** Open feedback whose due date is before this day. */
  overdueOn?: string;
  /** Open feedback whose due date is within these days (both included). */
  dueWithin?: { from: string; to: string };
  limit: number;
  offset: number;
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

export async function listFeedback(
  exec: Executor,
  filter: FeedbackFilter,
): Promise<{ rows: FeedbackListRow[]; total: number }> {
  const reach = reachCondition(filter.reach);
  if (reach === false) return { rows: [], total: 0 };
  const conditions: SQL[] = reach ? [reach] : [];
  if (filter.unitId) conditions.push(eq(feedback.unitId, filter.unitId));
  if (filter.state) conditions.push(eq(feedback.state, filter.state));
  if (filter.classification) conditions.push(eq(feedback.classification, filter.classification));
  if (filter.channel) conditions.push(eq(feedback.channel, filter.channel));
  if (filter.receivedFrom) conditions.push(gte(feedback.receivedAt, filter.receivedFrom));
  if (filter.receivedBefore) conditions.push(lt(feedback.receivedAt, filter.receivedBefore));
  if (filter.overdueOn) {
    conditions.push(
      inArray(feedback.state, [...OPEN_FEEDBACK_STATES]),
      lt(feedback.dueDate, filter.overdueOn),
    );
  }
  if (filter.dueWithin) {
    conditions.push(
      inArray(feedback.state, [...OPEN_FEEDBACK_STATES]),
      gte(feedback.dueDate, filter.dueWithin.from),
      lte(feedback.dueDate, filter.dueWithin.to),
    );
  }
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(feedback.code, pattern),
        ilike(feedback.senderName, pattern),
        ilike(feedback.title, pattern),
      )!,
    );
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const rows = await selectWithNames(exec)
    .where(where)
    .orderBy(desc(feedback.receivedAt), desc(feedback.code))
    .limit(filter.limit)
    .offset(filter.offset);
  const [count] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(feedback)
    .where(where);
  return { rows: flatten(rows), total: count?.n ?? 0 };
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
