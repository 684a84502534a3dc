/**
 * A generated province kept between bench runs (`--pg-dir DIR`): the bench's own PostgreSQL
 * cluster in DIR (`pg-cluster.ts`, created on the first run, started again on the next ones) and
 * in it the database `cchc_province`, migrated and filled by `province-generator.ts` on the first
 * run only (later runs apply the migrations added since: new indexes are built on the kept rows).
 * Later runs — `npm run bench kpi -- --pg-dir DIR`, `npm run bench registers -- --pg-dir
 * DIR` — measure the same rows without generating them again (10 M dossiers take most of an hour
 * here). The cluster is stopped at the end of each run; the folder stays until deleted by hand.
 *
 * Standalone, to generate only:
 *
 *   node --import tsx bench/support/province-database.ts --pg-dir DIR [--dossiers 10000000]
 *     [--feedback 200000]
 */
import pg from "pg";
import { openPostgres } from "../../src/server/db/database.ts";
import { runMigrations } from "../../src/server/db/migrate.ts";
import { argument } from "./arguments.ts";
import { freePort, startCluster, type Cluster } from "./pg-cluster.ts";
import { generateProvince, type Province } from "./province-generator.ts";

export const PROVINCE_DATABASE = "cchc_province";

export interface KeptProvince extends Province {
  url: string;
  cluster: Cluster;
  /** True when this run generated the rows (none were there yet). */
  generated: boolean;
  dossiers: number;
}

/**
 * Starts (or creates) the cluster in `dir` and returns the province in it, generating it first
 * when the database holds none yet.
 */
export async function keptProvince(options: {
  dir: string;
  dossiers: number;
  feedback?: number;
  log?: (line: string) => void;
}): Promise<KeptProvince> {
  const log = options.log ?? (() => {});
  const port = Number(process.env.BENCH_PG_PORT ?? (await freePort()));
  const cluster = startCluster({
    port,
    dir: options.dir,
    // Generation writes gigabytes: fewer checkpoints. Nothing a query reads depends on these.
    settings: { max_wal_size: "8GB", checkpoint_timeout: "30min", synchronous_commit: "off" },
  });
  log(
    `own PostgreSQL cluster on port ${new URL(cluster.url).port} (${cluster.dataDir}, ${cluster.reused ? "reused" : "new"})`,
  );
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  const exists =
    (await admin.query("select 1 from pg_database where datname = $1", [PROVINCE_DATABASE]))
      .rowCount === 1;
  if (!exists) await admin.query(`create database ${PROVINCE_DATABASE}`);
  await admin.end();
  const u = new URL(cluster.url);
  u.pathname = `/${PROVINCE_DATABASE}`;
  const url = u.toString();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = exists
      ? await client
          .query<{ id: string }>("select id from units where code = 'BENCH'")
          .catch(() => ({ rows: [] as { id: string }[] }))
      : { rows: [] as { id: string }[] };
    if (found.rows[0]) {
      const provinceId = found.rows[0].id;
      // Migrations added since the province was generated (new indexes) apply to it too.
      const t0 = Date.now();
      const database = await openPostgres(url);
      try {
        await runMigrations(database);
      } finally {
        await database.close();
      }
      log(`migrated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      const communeIds = (
        await client.query<{ id: string }>(
          "select id from units where parent_id = $1 order by code",
          [provinceId],
        )
      ).rows.map((r) => r.id);
      const dossiers = Number(
        (
          await client.query<{ n: string }>(
            "select count(*) as n from dossiers where unit_id = any($1::uuid[])",
            [communeIds],
          )
        ).rows[0]!.n,
      );
      if (dossiers !== options.dossiers)
        log(`the kept province holds ${dossiers.toLocaleString("en")} dossiers (not regenerated)`);
      return { url, cluster, provinceId, communeIds, generated: false, dossiers };
    }
    const database = await openPostgres(url);
    try {
      await runMigrations(database);
    } finally {
      await database.close();
    }
    const t0 = Date.now();
    const cpu0 = cluster.cpuSeconds();
    const province = await generateProvince({
      url,
      dossiers: options.dossiers,
      feedback: options.feedback,
      log,
    });
    log(
      `generated ${options.dossiers.toLocaleString("en")} dossiers in ${((Date.now() - t0) / 1000).toFixed(0)} s, PostgreSQL CPU ${(cluster.cpuSeconds() - cpu0).toFixed(0)} s`,
    );
    return { url, cluster, ...province, generated: true, dossiers: options.dossiers };
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = argument("pg-dir");
  if (!dir) {
    console.error(
      "Usage: node --import tsx bench/support/province-database.ts --pg-dir DIR [--dossiers N] [--feedback N]",
    );
    process.exit(2);
  }
  const feedback = argument("feedback");
  const province = await keptProvince({
    dir,
    dossiers: Number(argument("dossiers") ?? 1_000_000),
    feedback: feedback === undefined ? undefined : Number(feedback),
    log: (l) => console.log(`${new Date().toISOString()} ${l}`),
  });
  console.log(`province ${province.provinceId}: ${province.url} (cluster stopped, kept in ${dir})`);
  province.cluster.stop();
}
