import { eq, sql } from "drizzle-orm";
import { queryRows, type Executor } from "../database.ts";
import { deskSettings } from "../schema-one-stop.ts";

export type DeskSettingsRow = typeof deskSettings.$inferSelect;

export async function findDeskSettings(
  exec: Executor,
  unitId: string,
): Promise<DeskSettingsRow | null> {
  const [row] = await exec.select().from(deskSettings).where(eq(deskSettings.unitId, unitId));
  return row ?? null;
}

export async function upsertDeskSettings(
  exec: Executor,
  values: {
    unitId: string;
    cutoff: string;
    agencyCode: string | null;
    receivingBody: string | null;
  },
): Promise<DeskSettingsRow> {
  const [row] = await exec
    .insert(deskSettings)
    .values(values)
    .onConflictDoUpdate({
      target: deskSettings.unitId,
      set: {
        cutoff: values.cutoff,
        agencyCode: values.agencyCode,
        receivingBody: values.receivingBody,
        updatedAt: new Date(),
      },
    })
    .returning();
  return row!;
}

/**
 * A unit's code space: the agency code of its desk, then those of the desks of units merged into
 * it (at any depth), whose history it now holds. Units without an agency code add nothing.
 */
export async function codeSpaceOfUnit(exec: Executor, unitId: string): Promise<string[]> {
  const rows = await queryRows<{ agency_code: string }>(
    exec,
    sql`with recursive lineage(id, depth) as (
        select ${unitId}::uuid, 0
        union
        select u.id, l.depth + 1 from units u join lineage l on u.merged_into_id = l.id
        where l.depth < 20)
      select d.agency_code from desk_settings d join lineage l on l.id = d.unit_id
      where d.agency_code is not null
      order by l.depth, d.agency_code`,
  );
  return [...new Set(rows.map((row) => row.agency_code))];
}
