import { MAX_UPLOAD_BYTES } from "../core/files/upload-limits.ts";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { LogController, type FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import { DEFAULT_SESSION_CACHE_SECONDS } from "./auth/session-cache.ts";
import type { Database } from "./db/database.ts";
import { logLifecycleEvent } from "./db/pglite-restart.ts";
import { DatabaseReachability } from "./db/reachability.ts";
import { enableRegisterTotalCache } from "./db/register-total-cache.ts";
import { AppError } from "./errors.ts";
import {
  clientErrorHandler,
  DEFAULT_BODY_LIMIT,
  frameworkErrors,
  MULTIPART_LIMITS,
  registerErrorHandler,
} from "./http/error-handler.ts";
import { lazyRequestLogger } from "./http/lazy-request-logger.ts";
import { logHooks, logRedaction, serializeError, serializeRequest } from "./http/log-safety.ts";
import { recordRouteTable } from "./http/route-table.ts";
import { registerSafeInput } from "./http/safe-input.ts";
import { registerSecurityHeaders } from "./http/security-headers.ts";
import { createHttpServer } from "./http/http-server.ts";
import { HealthFastPath } from "./http/health-fast-path.ts";
import { registerRequestMemo } from "./http/request-memo.ts";
import { registerRouteAccess } from "./http/route-access.ts";
import { registerDenyByDefault, registerSessionHandling } from "./http/session.ts";
import type { TrustProxySetting } from "./trust-proxy.ts";
import { JobRunner, type JobRunnerOptions } from "./jobs/job-runner.ts";
import { ANALYZE_JOB, analyzeJob } from "./operations/analyze/analyze.ts";
import { checkpointThresholds } from "./operations/checkpoint/checkpoint-due.ts";
import { startCheckpointer } from "./operations/checkpoint/checkpointer.ts";
import { KPI_RECOMPUTE_JOB, kpiRecomputeJob } from "./services/kpi-recompute.job.ts";
import { BACKUP_JOB, backupJob } from "./operations/backup/backup-job.ts";
import type { BackupSchedule } from "./operations/backup/backup.service.ts";
import type { ReminderConfig } from "./reminders/reminder-config.ts";
import { REMINDER_JOB, reminderJob } from "./reminders/reminder-job.ts";
import type { RetentionConfig } from "./operations/personal-data/retention-config.ts";
import { RETENTION_JOB, retentionJob } from "./operations/personal-data/retention-job.ts";
import { jobRoutes } from "./routes/job.routes.ts";
import { registerDossierMetrics } from "./services/dossier-metrics.ts";
import { registerSipasMetrics } from "./services/sipas-metrics.ts";
import { kpiRoutes } from "./routes/kpi.routes.ts";
import { dashboardRoutes } from "./routes/dashboard.routes.ts";
import { feedbackRoutes } from "./routes/feedback.routes.ts";
import { feedbackPublicRoutes } from "./routes/feedback-public.routes.ts";
import { sipasRoutes } from "./routes/sipas.routes.ts";
import { sipasPublicRoutes } from "./routes/sipas-public.routes.ts";
import { reportRoutes } from "./routes/report.routes.ts";
import { federationRoutes } from "./routes/federation.routes.ts";
import type { FederationSettings } from "./services/federation-keys.ts";
import { FEDERATION_SEND_JOB, federationSendJob } from "./services/federation.service.ts";
import { REPORT_REMINDER_JOB, reportReminderJob } from "./services/report-reminders.ts";
import { agencyRoutes } from "./routes/agency.routes.ts";
import { backupRoutes } from "./routes/backup.routes.ts";
import { personalDataRoutes } from "./routes/personal-data.routes.ts";
import { auditRoutes } from "./routes/audit.routes.ts";
import { calendarRoutes } from "./routes/calendar.routes.ts";
import { dossierRoutes } from "./routes/dossier.routes.ts";
import { dossierImportRoutes } from "./routes/dossier-import.routes.ts";
import { oneStopPublicRoutes } from "./routes/one-stop-public.routes.ts";
import { procedureRoutes } from "./routes/procedure.routes.ts";
import { authRoutes } from "./routes/auth.routes.ts";
import { healthRoutes } from "./routes/health.routes.ts";
import { planImportRoutes } from "./routes/plan-import.routes.ts";
import { methodologyRoutes } from "./routes/methodology.routes.ts";
import { homeRoutes } from "./routes/home.routes.ts";
import { scorecardRoutes } from "./routes/scorecard.routes.ts";
import { notificationRoutes } from "./routes/notification.routes.ts";
import { planRoutes } from "./routes/plan.routes.ts";
import { taskRoutes } from "./routes/task.routes.ts";
import { taskExcelRoutes } from "./routes/task-excel.routes.ts";
import { unitRoutes } from "./routes/unit.routes.ts";
import { userRoutes } from "./routes/user.routes.ts";
import { registerWeb } from "./web/web-static.ts";

z.config(z.locales.vi());

export interface AppOptions {
  database: Database;
  secureCookies?: boolean;
  /** Which peers may set X-Forwarded-For: their addresses/CIDRs, or a hop count (config.ts). */
  trustProxy?: TrustProxySetting;
  /** The clock of the sign-in and public lookup throttles (tests move it forward). */
  now?: () => Date;
  logLevel?: string;
  /** Where the log goes (tests capture it); standard output by default. */
  logStream?: DestinationStream;
  webDir?: string | null;
  /** Where evidence files are kept (the data folder, never under the web root). */
  dataDir: string;
  /** Task reminders (the server's; test apps run none unless given). */
  reminders?: ReminderConfig & { today?: () => string };
  /** CCHC_PUBLIC_URL, read by `publicBaseUrl` (never localhost): the receipt's QR; none when null. */
  publicUrl?: string | null;
  /** Federation between instances: CCHC_FEDERATION_SECRET (off without it). */
  federation?: FederationSettings;
  /** Personal-data retention: the periods (admin page) and the job (none unless given). */
  retention?: RetentionConfig & { today?: () => string };
  /** Scheduled backups into dataDir/backups (the server's; test apps take none unless given). */
  backups?: BackupSchedule & { now?: () => Date };
  /** PGlite: ANALYZE every table this often, a recurring job (CCHC_ANALYZE_EVERY_HOURS); 0 or none: never. */
  analyzeEveryHours?: number;
  /**
   * PGlite: checkpoint once `walMb` MB of write-ahead log were written since the last, when no
   * request is using it (sixteen times as many, whatever), looking every `everyMs` (default 30 s);
   * CCHC_CHECKPOINT_WAL_MB. 0 or none: only when closed, as PGlite alone does.
   */
  checkpoint?: { walMb: number; everyMs?: number };
  /**
   * Resolved sessions kept this many seconds in this process (CCHC_SESSION_CACHE_SECONDS, default
   * 5; 0: every request reads its session), on this clock in ms (tests move it).
   */
  sessionCache?: { seconds: number; clock?: () => number };
  /**
   * Register totals (a page's capped count) kept this many seconds in this process
   * (CCHC_REGISTER_TOTAL_CACHE_SECONDS, default 5 for `cchc serve`; none when not given), on this
   * clock in ms (tests move it).
   */
  registerTotalCache?: { seconds: number; clock?: () => number };
  /**
   * PGlite: log a warning for every turn that held its one connection this many ms or longer
   * (CCHC_PGLITE_SLOW_MS, default 1,000 for `cchc serve`; none when not given or 0).
   */
  pgliteSlowMs?: number;
  /** The job runner's timing (tests shorten it). */
  jobs?: Pick<JobRunnerOptions, "pollMs" | "leaseMs" | "concurrency">;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The background job runner: started when the app is ready, stopped when it closes. */
    jobs: JobRunner;
  }
}

export { MAX_UPLOAD_BYTES };

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const reachability = DatabaseReachability.of(options.database.db, options.database.available);
  const healthFastPath = new HealthFastPath(options.database.kind, reachability);
  const app = Fastify({
    // `GET /api/health` answered before routing while its answer is known (health-fast-path.ts).
    serverFactory: (handler, settings) =>
      createHttpServer(settings, (request, response) => {
        if (!healthFastPath.answer(request, response)) handler(request, response);
      }),
    logger: {
      level: options.logLevel ?? "info",
      ...(options.logStream ? { stream: options.logStream } : {}),
      // No citizen's personal data in the log (src/server/http/log-safety.ts).
      serializers: { err: serializeError, req: serializeRequest },
      redact: logRedaction,
      hooks: logHooks,
    },
    // One line per request is noise for an office server; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // A request's logger is made when it first logs (most never do): http/lazy-request-logger.ts.
    childLoggerFactory: lazyRequestLogger,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Malformed requests get the documented error body, even those refused before routing.
    clientErrorHandler,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  recordRouteTable(app);
  registerDenyByDefault(app);
  registerSafeInput(app);

  const securityHeaders = await registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        // Offices reach CCHC over plain HTTP on their LAN; forcing HTTPS would blank the page.
        upgradeInsecureRequests: options.secureCookies ? [] : null,
      },
    },
  });
  healthFastPath.open(securityHeaders);
  // The embedded database's worker dying and coming back (pglite-restart.ts): logged, and health
  // follows at once rather than after its cached probe.
  const unwatch = options.database.onLifecycle?.((event) => {
    if (event.kind === "restarted") reachability.forget();
    else reachability.markDown();
    logLifecycleEvent(app.log, event);
  });
  if (unwatch)
    app.addHook("onClose", async () => {
      unwatch();
    });
  app.addHook("preClose", (done) => {
    healthFastPath.close();
    done();
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError("RATE_LIMITED"),
  });
  await app.register(multipart, { limits: { ...MULTIPART_LIMITS } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "CCHC API",
        description: "API của hệ thống quản lý cải cách hành chính (CCHC).",
        version: "0.1.0",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "cchc_session" },
          csrf: { type: "apiKey", in: "header", name: "x-csrf-token" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  // The API description is open to all, like the source it is generated from.
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/docs")) route.config = { ...route.config, public: true };
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });

  if (options.database.lanes && options.pgliteSlowMs) {
    // What made the public lookup wait: the lanes cannot interrupt a running statement
    // (pglite-lanes.ts). The SQL without its parameters nor quoted literals (personal data).
    options.database.lanes.reportSlowTurns(options.pgliteSlowMs, (turn) =>
      app.log.warn(
        {
          lane: turn.lane,
          kind: turn.kind,
          ms: Math.round(turn.holdMs),
          statements: turn.statements,
          statementMs: Math.round(turn.slowestMs),
          sql: turn.sql,
        },
        "embedded database: a slow turn held the connection",
      ),
    );
  }
  registerRequestMemo(app, options.database.db);
  registerSessionHandling(
    app,
    options.database.db,
    options.sessionCache ?? { seconds: DEFAULT_SESSION_CACHE_SECONDS },
  );
  registerRouteAccess(app, options.database.db);
  if (options.registerTotalCache) {
    const totals = enableRegisterTotalCache(
      options.database.db,
      options.registerTotalCache.seconds,
      options.registerTotalCache.clock,
    );
    app.addHook("onClose", () => totals?.close());
  }
  registerDossierMetrics();
  registerSipasMetrics();
  const db = options.database.db;
  // One runner for every background job; the embedded database has one process (the data
  // folder's lock), so a starting runner takes over the jobs a crashed one left running.
  const jobs = new JobRunner(db, {
    ...options.jobs,
    ownsAllJobs: options.database.kind === "pglite",
    log: app.log,
  });
  app.decorate("jobs", jobs);
  app.addHook("onReady", () => jobs.start());
  app.addHook("onClose", () => jobs.stop());
  if (options.reminders) {
    const reminders = reminderJob(db, options.reminders, app.log, options.reminders);
    if (reminders) jobs.register(REMINDER_JOB, reminders);
    const reportReminders = reportReminderJob(
      db,
      options.reminders.intervalMinutes,
      app.log,
      options.reminders,
    );
    if (reportReminders) jobs.register(REPORT_REMINDER_JOB, reportReminders);
  }
  if (options.retention) {
    const retention = retentionJob(db, options.retention, app.log, options.retention);
    if (retention) jobs.register(RETENTION_JOB, retention);
  }
  if (options.backups) {
    const backups = backupJob(
      options.database,
      options.dataDir,
      options.backups,
      app.log,
      options.backups,
    );
    if (backups) jobs.register(BACKUP_JOB, backups);
  }
  const analyze = analyzeJob(db, options.analyzeEveryHours ?? 0, app.log);
  if (analyze) jobs.register(ANALYZE_JOB, analyze);
  if (options.database.kind === "pglite" && options.checkpoint && options.checkpoint.walMb > 0) {
    const checkpointer = startCheckpointer(db, {
      thresholds: checkpointThresholds(options.checkpoint.walMb),
      log: app.log,
      everyMs: options.checkpoint.everyMs,
    });
    app.addHook("onClose", () => checkpointer.stop());
  }
  await app.register(healthRoutes(options.database.kind, reachability));
  await app.register(
    authRoutes(db, { secureCookies: options.secureCookies ?? false, now: options.now }),
  );
  await app.register(unitRoutes(db));
  await app.register(agencyRoutes(db));
  await app.register(userRoutes(db));
  await app.register(auditRoutes(db));
  await app.register(backupRoutes(options.database, options.dataDir));
  await app.register(personalDataRoutes(db, options.retention));
  await app.register(planRoutes(db));
  await app.register(notificationRoutes(db));
  await app.register(homeRoutes(db));
  await app.register(planImportRoutes(db));
  await app.register(methodologyRoutes(db));
  await app.register(scorecardRoutes(db, options.dataDir));
  await app.register(taskRoutes(db, options.dataDir));
  await app.register(taskExcelRoutes(db));
  await app.register(calendarRoutes(db));
  await app.register(procedureRoutes(db));
  await app.register(dossierRoutes(db, { publicUrl: options.publicUrl ?? null }));
  await app.register(dossierImportRoutes(db, options.dataDir, jobs));
  await app.register(jobRoutes(db));
  await app.register(oneStopPublicRoutes(db, options.now));
  await app.register(feedbackRoutes(db));
  await app.register(feedbackPublicRoutes(db, options.now));
  await app.register(sipasRoutes(db));
  await app.register(
    sipasPublicRoutes(db, { secureCookies: options.secureCookies ?? false, now: options.now }),
  );
  await app.register(kpiRoutes(db));
  await app.register(dashboardRoutes(db));
  await app.register(reportRoutes(db));
  jobs.register(KPI_RECOMPUTE_JOB, kpiRecomputeJob(db));
  jobs.register(FEDERATION_SEND_JOB, federationSendJob(db, options.federation ?? { secret: null }));
  await app.register(federationRoutes(db, options.federation, jobs));

  await registerWeb(app, options.webDir ?? null);
  return app;
}
