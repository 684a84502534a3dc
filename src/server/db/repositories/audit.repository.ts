import { and, asc, desc, eq, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../database.ts";
import { auditEvents } from "../schema.ts";

export type AuditRow = typeof auditEvents.$inferSelect;
export type AuditInsert = typeof auditEvents.$inferInsert;

/** Serialises appends to the chain across connections for the rest of the transaction. */
export async function lockAuditChain(exec: Executor) {
  await exec.execute(sql`select pg_advisory_xact_lock(7261001)`);
}

export async function lastAuditHash(exec: Executor): Promise<string | null> {
  const rows = await exec
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return rows[0]?.hash ?? null;
}

export async function nextAuditId(exec: Executor): Promise<number> {
  const result = (await exec.execute(sql`select nextval('audit_events_id_seq')::int as id`)) as {
    rows: { id: number }[];
  };
  return Number(result.rows[0]!.id);
}

export async function insertAuditEvent(exec: Executor, values: AuditInsert & { id: number }) {
  await exec.execute(sql`
    insert into audit_events (id, at, actor_id, actor_name, action, entity_type, entity_id, unit_id,
      before_digest, after_digest, summary, prev_hash, hash)
    overriding system value
    values (${values.id}, ${values.at.toISOString()}, ${values.actorId ?? null}, ${values.actorName},
      ${values.action}, ${values.entityType}, ${values.entityId ?? null}, ${values.unitId ?? null},
      ${values.beforeDigest ?? null}, ${values.afterDigest ?? null}, ${values.summary},
      ${values.prevHash}, ${values.hash})`);
}

export interface AuditFilter {
  actorId?: string;
  entityType?: string;
  action?: string;
  from?: Date;
  to?: Date;
  before?: number;
  unitIds?: string[] | null;
  limit: number;
}

export async function listAuditEvents(exec: Executor, filter: AuditFilter): Promise<AuditRow[]> {
  const conditions: SQL[] = [];
  if (filter.actorId) conditions.push(eq(auditEvents.actorId, filter.actorId));
  if (filter.entityType) conditions.push(eq(auditEvents.entityType, filter.entityType));
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.from) conditions.push(gte(auditEvents.at, filter.from));
  if (filter.to) conditions.push(lte(auditEvents.at, filter.to));
  if (filter.before) conditions.push(lt(auditEvents.id, filter.before));
  return exec
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(filter.limit);
}

/** Every entry in chain order, in pages, for verification. */
export async function* allAuditEventsInOrder(exec: Executor, pageSize = 5000) {
  let after = 0;
  for (;;) {
    const page = await exec
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.id} > ${after}`)
      .orderBy(asc(auditEvents.id))
      .limit(pageSize);
    if (page.length === 0) return;
    yield* page;
    after = page[page.length - 1]!.id;
  }
}
