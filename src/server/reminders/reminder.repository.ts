/** SQL of the reminders: open dated tasks of issued plans, recipients, notifications. */
import { and, desc, eq, gte, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { userRoles, users } from "../db/schema.ts";
import { notifications, plans, planTasks, taskOccurrences } from "../db/schema-plan.ts";

/** Open tasks of issued plans, with the open dated occurrences of recurring ones. */
export async function openTasksOfIssuedPlans(exec: Executor) {
  const tasks = await exec
    .select({
      taskId: planTasks.id,
      planId: plans.id,
      planTitle: plans.title,
      unitId: plans.unitId,
      leadAgencyId: planTasks.leadAgencyId,
      text: planTasks.text,
      dueDate: planTasks.dueDate,
      status: planTasks.status,
    })
    .from(planTasks)
    .innerJoin(plans, eq(plans.id, planTasks.planId))
    .where(
      and(eq(plans.status, "issued"), inArray(planTasks.status, ["not_started", "in_progress"])),
    );
  const ids = tasks.map((t) => t.taskId);
  const occurrences =
    ids.length === 0
      ? []
      : await exec.select().from(taskOccurrences).where(inArray(taskOccurrences.taskId, ids));
  return { tasks, occurrences };
}

/**
 * Active users to remind: officers of the lead agencies, focal officers and leaders of the units
 * (the service gives leaders only the overdue tasks).
 */
export async function reminderRecipients(exec: Executor, agencyIds: string[], unitIds: string[]) {
  if (agencyIds.length === 0 && unitIds.length === 0) return [];
  const conditions = [];
  if (agencyIds.length > 0)
    conditions.push(
      and(eq(userRoles.role, "agency_officer"), inArray(userRoles.agencyId, agencyIds)),
    );
  if (unitIds.length > 0)
    conditions.push(
      and(inArray(userRoles.role, ["focal_officer", "leader"]), inArray(userRoles.unitId, unitIds)),
    );
  return exec
    .selectDistinct({
      userId: users.id,
      email: users.email,
      role: userRoles.role,
      unitId: userRoles.unitId,
      agencyId: userRoles.agencyId,
    })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(users.isActive, true), or(...conditions)));
}

export type NotificationInsert = typeof notifications.$inferInsert;

/** Inserts the notifications not sent before; returns only the new ones. */
export async function insertNewNotifications(exec: Executor, values: NotificationInsert[]) {
  if (values.length === 0) return [];
  return exec
    .insert(notifications)
    .values(values)
    .onConflictDoNothing({
      target: [notifications.userId, notifications.kind, notifications.dedupeKey],
    })
    .returning();
}

export async function listNotifications(exec: Executor, userId: string, limit: number) {
  return exec
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

export async function countUnread(exec: Executor, userId: string) {
  const [row] = await exec
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.count ?? 0;
}

export async function markRead(exec: Executor, userId: string, id: string) {
  const rows = await exec
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export async function markAllRead(exec: Executor, userId: string) {
  await exec
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

/** Notifications of the last day not yet e-mailed, to users with an address. */
export async function notificationsToEmail(exec: Executor, since: Date) {
  return exec
    .select({
      id: notifications.id,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      email: users.email,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(
      and(
        isNull(notifications.emailedAt),
        gte(notifications.createdAt, since),
        eq(users.isActive, true),
        isNotNull(users.email),
      ),
    );
}

export async function markEmailed(exec: Executor, ids: string[]) {
  if (ids.length === 0) return;
  await exec
    .update(notifications)
    .set({ emailedAt: new Date() })
    .where(inArray(notifications.id, ids));
}
