import { and, eq, gte } from "drizzle-orm";
import { AUDIT_ACTIONS, type FullReadAction } from "../../core/audit/audit-actions.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import * as auditRepository from "../db/repositories/audit.repository.ts";
import { auditEvents } from "../db/schema.ts";
import type { Actor } from "./actor.ts";
import { appendAuditEvent } from "./use-case.ts";

/*
 * Who read a citizen's personal data in full (ND 13/2023): a dossier's or feedback's detail shown
 * unmasked, a document printed with the applicant's data. One audit entry per user, record and
 * kind of read per day (Vietnam's day), so the register and repeated views do not flood the
 * hash-chained log; masked reads are not logged. Written in the reading request.
 */

export interface FullRead {
  action: FullReadAction;
  entityId: string;
  unitId: string | null;
  summary: string;
}

/** Midnight of today in Vietnam (UTC+7), as an instant. */
function startOfVietnamDay(now: Date): Date {
  return new Date(`${vietnamDate(now)}T00:00:00+07:00`);
}

async function loggedToday(exec: Executor, actor: Actor, read: FullRead, since: Date) {
  const rows = await exec
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, AUDIT_ACTIONS[read.action]),
        eq(auditEvents.entityId, read.entityId),
        eq(auditEvents.action, read.action),
        eq(auditEvents.actorId, actor.userId!),
        gte(auditEvents.at, since),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Logs the read unless this user already read this record this way today. */
export async function logFullRead(db: Executor, actor: Actor, read: FullRead): Promise<void> {
  // The system itself (CLI, jobs) is not a reader.
  if (actor.userId === null) return;
  const since = startOfVietnamDay(new Date());
  if (await loggedToday(db, actor, read, since)) return;
  await db.transaction(async (tx) => {
    const exec = tx as unknown as Executor;
    // Under the chain's lock, so two reads at once write one entry.
    await auditRepository.lockAuditChain(exec);
    if (await loggedToday(exec, actor, read, since)) return;
    await appendAuditEvent(exec, actor, read);
  });
}
