import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.ts";
import { publicBaseUrl } from "../core/dossier/index.ts";
import type { Config } from "./config.ts";
import { demoLoginsText, loadDemo, requireDemoPasswordChange } from "./demo/load-demo.ts";
import { openDatabase } from "./runtime.ts";
import { reminderConfig } from "./reminders/reminder-config.ts";
import { retentionConfig } from "./operations/personal-data/retention-config.ts";
import { analyzeEveryHours } from "./operations/analyze/analyze.ts";
import { checkpointWalMb } from "./operations/checkpoint/checkpoint-due.ts";
import { sessionCacheSeconds } from "./auth/session-cache.ts";
import { registerTotalCacheSeconds } from "./db/register-total-cache.ts";
import { backupSchedule } from "./operations/backup/backup.service.ts";
import { pgliteSlowMs } from "./db/pglite-lanes.ts";
import { removeStaleParseTempDirs } from "./documents/worker-temp-dir.ts";

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, loads the demo on first start, and listens. */
export async function startServer(config: Config): Promise<RunningServer> {
  const opened = await openDatabase(config);
  try {
    if (config.loadDemo && (await loadDemo(opened.database.db))) {
      console.log(demoLoginsText(config.environment));
    }
    // Outside development, a demo account still on the shared password must change it first.
    if (config.environment !== "development") await requireDemoPasswordChange(opened.database.db);
    const app = await buildApp({
      database: opened.database,
      secureCookies: config.secureCookies,
      trustProxy: config.trustProxy,
      logLevel: config.logLevel,
      webDir: config.webDir,
      dataDir: config.dataDir,
      reminders: reminderConfig(),
      retention: retentionConfig(),
      backups: backupSchedule(),
      analyzeEveryHours: analyzeEveryHours(),
      checkpoint: { walMb: checkpointWalMb() },
      sessionCache: { seconds: sessionCacheSeconds() },
      registerTotalCache: { seconds: registerTotalCacheSeconds() },
      pgliteSlowMs: pgliteSlowMs(),
      publicUrl: publicBaseUrl(process.env.CCHC_PUBLIC_URL),
      federation: { secret: config.federationSecret },
    });
    const address = await app.listen({ port: config.port, host: config.host });
    // Not waited for: reading the temporary folder need not delay the first request.
    void removeStaleParseTempDirs().then((stale) => {
      if (stale > 0)
        app.log.info({ folders: stale }, "removed parse folders left by a stopped server");
    });
    const port = (app.server.address() as { port: number }).port;
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await app.close();
      await opened.close();
    };
    console.log(
      `CCHC đang chạy tại ${address.replace(/0\.0\.0\.0|127\.0\.0\.1/, "localhost")} ` +
        `(cơ sở dữ liệu: ${opened.database.kind === "pglite" ? `PGlite trong ${config.dataDir}` : "PostgreSQL"})`,
    );
    return { app, url: `http://127.0.0.1:${port}`, stop };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
