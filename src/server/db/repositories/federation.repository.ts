/** SQL of federation: the identity, children, parent, and the snapshots sent and received. */
import { and, asc, desc, eq } from "drizzle-orm";
import type { Executor } from "../database.ts";
import { units } from "../schema.ts";
import {
  federationChildren,
  federationIdentity,
  federationParent,
  federationReceived,
  federationSent,
} from "../schema-federation.ts";

export type IdentityRow = typeof federationIdentity.$inferSelect;
export type ChildRow = typeof federationChildren.$inferSelect;
export type ParentRow = typeof federationParent.$inferSelect;
export type SentRow = typeof federationSent.$inferSelect;
export type ReceivedRow = typeof federationReceived.$inferSelect;

export async function findIdentity(exec: Executor): Promise<IdentityRow | null> {
  const [row] = await exec.select().from(federationIdentity).where(eq(federationIdentity.id, 1));
  return row ?? null;
}

/** Creates the identity unless another request did at the same moment (theirs stands). */
export async function insertIdentity(
  exec: Executor,
  values: { publicKey: string; privateKeyEncrypted: string },
): Promise<IdentityRow> {
  await exec
    .insert(federationIdentity)
    .values({ id: 1, ...values })
    .onConflictDoNothing();
  return (await findIdentity(exec))!;
}

export async function listChildren(exec: Executor) {
  return exec
    .select({
      child: federationChildren,
      unitName: units.name,
      unitCode: units.code,
    })
    .from(federationChildren)
    .innerJoin(units, eq(units.id, federationChildren.unitId))
    .orderBy(asc(federationChildren.createdAt), asc(federationChildren.id));
}

export async function findChild(exec: Executor, id: string) {
  const [row] = await exec
    .select({ child: federationChildren, unitName: units.name, unitCode: units.code })
    .from(federationChildren)
    .innerJoin(units, eq(units.id, federationChildren.unitId))
    .where(eq(federationChildren.id, id));
  return row ?? null;
}

export async function findChildByInstance(exec: Executor, instanceId: string) {
  const [row] = await exec
    .select({ child: federationChildren, unitName: units.name, unitCode: units.code })
    .from(federationChildren)
    .innerJoin(units, eq(units.id, federationChildren.unitId))
    .where(eq(federationChildren.instanceId, instanceId));
  return row ?? null;
}

export async function insertChild(exec: Executor, values: typeof federationChildren.$inferInsert) {
  const [row] = await exec
    .insert(federationChildren)
    .values(values)
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function revokeChild(exec: Executor, id: string, by: string | null, at: Date) {
  await exec
    .update(federationChildren)
    .set({ revokedAt: at, revokedById: by })
    .where(eq(federationChildren.id, id));
}

export async function findParent(exec: Executor): Promise<ParentRow | null> {
  const [row] = await exec.select().from(federationParent).where(eq(federationParent.id, 1));
  return row ?? null;
}

export async function upsertParent(
  exec: Executor,
  values: { url: string; instanceId: string; publicKey: string; updatedById: string | null },
) {
  await exec
    .insert(federationParent)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({
      target: federationParent.id,
      set: { ...values, updatedAt: new Date() },
    });
  return (await findParent(exec))!;
}

export async function sentOfReport(exec: Executor, reportId: string) {
  return exec
    .select()
    .from(federationSent)
    .where(eq(federationSent.reportId, reportId))
    .orderBy(desc(federationSent.version));
}

export async function findSent(exec: Executor, reportId: string, version: number) {
  const [row] = await exec
    .select()
    .from(federationSent)
    .where(and(eq(federationSent.reportId, reportId), eq(federationSent.version, version)));
  return row ?? null;
}

export async function upsertSentQueued(
  exec: Executor,
  values: {
    reportId: string;
    version: number;
    parentUrl: string;
    jobId: string;
    queuedById: string | null;
  },
) {
  const now = new Date();
  await exec
    .insert(federationSent)
    .values({ ...values, status: "queued", queuedAt: now })
    .onConflictDoUpdate({
      target: [federationSent.reportId, federationSent.version],
      set: {
        ...values,
        status: "queued",
        attempts: 0,
        lastError: null,
        sentAt: null,
        queuedAt: now,
        updatedAt: now,
      },
    });
}

export async function updateSent(
  exec: Executor,
  reportId: string,
  version: number,
  values: Partial<Pick<SentRow, "status" | "attempts" | "lastError" | "sentAt">>,
) {
  await exec
    .update(federationSent)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(federationSent.reportId, reportId), eq(federationSent.version, version)));
}

/** The versions of one child's report received so far (with their content digests). */
export async function receivedOf(exec: Executor, childId: string, remoteReportId: string) {
  return exec
    .select()
    .from(federationReceived)
    .where(
      and(
        eq(federationReceived.childId, childId),
        eq(federationReceived.remoteReportId, remoteReportId),
      ),
    )
    .orderBy(asc(federationReceived.remoteVersion));
}

export async function insertReceived(
  exec: Executor,
  values: typeof federationReceived.$inferInsert,
) {
  const [row] = await exec
    .insert(federationReceived)
    .values(values)
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}
