import { eq } from "drizzle-orm";
import type { Executor } from "../database.ts";
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
  values: { unitId: string; cutoff: string; agencyCode: string | null },
): Promise<DeskSettingsRow> {
  const [row] = await exec
    .insert(deskSettings)
    .values(values)
    .onConflictDoUpdate({
      target: deskSettings.unitId,
      set: { cutoff: values.cutoff, agencyCode: values.agencyCode, updatedAt: new Date() },
    })
    .returning();
  return row!;
}
