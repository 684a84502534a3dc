/**
 * Creates and fills a PGlite folder with the demo (without plans). The benches run it in a child
 * process of their own (`--prepare DIR`) so the measured server starts on a closed folder.
 */
export async function prepareDemoFolder(dir: string): Promise<void> {
  const { openPglite } = await import("../../src/server/db/database.ts");
  const { runMigrations } = await import("../../src/server/db/migrate.ts");
  const { loadDemo } = await import("../../src/server/demo/load-demo.ts");
  const database = await openPglite(dir);
  await runMigrations(database);
  await loadDemo(database.db, { plans: false });
  await database.close();
}
