import { executorKind, type Executor } from "./database.ts";

/**
 * Runs `work`'s statements as one turn of the embedded database's connection (pglite-lanes.ts):
 * a request of several short statements otherwise queues once per statement, each time behind
 * the turn running then (a search's window, an import batch) — the public lookup made 4 to 6.
 * On PGlite it is one transaction that commits whatever `work` ends with: an error thrown by
 * `work` is passed on after its earlier statements are kept, exactly as without it (a wrong
 * lookup's charge must stay). On PostgreSQL `work` runs on the pool as before.
 */
export async function inOneTurn<T>(db: Executor, work: (exec: Executor) => Promise<T>): Promise<T> {
  if (executorKind(db) !== "pglite") return work(db);
  const outcome = await db.transaction(async (tx) => {
    try {
      return { ok: true as const, value: await work(tx) };
    } catch (error) {
      return { ok: false as const, error };
    }
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
