import { and, desc, eq, notInArray } from "drizzle-orm";
import type { Executor } from "../database.ts";
import { signInDevices, users } from "../schema.ts";

/** The user id of a remembered browser, if it belongs to the account with this username. */
export async function findDeviceOfUsername(
  exec: Executor,
  tokenHash: string,
  username: string,
): Promise<string | null> {
  const rows = await exec
    .select({ userId: signInDevices.userId })
    .from(signInDevices)
    .innerJoin(users, eq(users.id, signInDevices.userId))
    .where(and(eq(signInDevices.tokenHash, tokenHash), eq(users.username, username)));
  return rows[0]?.userId ?? null;
}

export async function isDeviceOfUser(exec: Executor, tokenHash: string, userId: string) {
  const rows = await exec
    .select({ userId: signInDevices.userId })
    .from(signInDevices)
    .where(and(eq(signInDevices.tokenHash, tokenHash), eq(signInDevices.userId, userId)));
  return rows.length === 1;
}

/** Remembers a browser of the user and forgets all but their `keep` newest ones. */
export async function insertDevice(
  exec: Executor,
  values: { tokenHash: string; userId: string; createdAt: Date },
  keep: number,
) {
  await exec.insert(signInDevices).values(values);
  const newest = exec
    .select({ tokenHash: signInDevices.tokenHash })
    .from(signInDevices)
    .where(eq(signInDevices.userId, values.userId))
    .orderBy(desc(signInDevices.createdAt))
    .limit(keep);
  await exec
    .delete(signInDevices)
    .where(
      and(eq(signInDevices.userId, values.userId), notInArray(signInDevices.tokenHash, newest)),
    );
}
