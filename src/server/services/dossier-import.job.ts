/**
 * The `dossier-import` job: runs a queued import (`startDossierImport` queues it with the run).
 * A file that cannot be imported fails the run at once; any other error is tried again by the job
 * runner, resuming after the committed batches; when the attempts are spent (or the process died
 * on the last one) the run is marked failed. The upload is removed when the run ends either way.
 * A run done is followed by ANALYZE of the tables it filled (on PGlite at a quiet moment).
 */
import { existsSync } from "node:fs";
import { utimes } from "node:fs/promises";
import { resolveMapping } from "../../core/dossier/import/index.ts";
import type { Executor } from "../db/database.ts";
import * as repository from "../db/repositories/dossier-import.repository.ts";
import { findUnitById } from "../db/repositories/unit.repository.ts";
import { AppError } from "../errors.ts";
import type { JobKind } from "../jobs/job-runner.ts";
import { analyzeAfterImport } from "../operations/analyze/analyze.ts";
import {
  columnProblems,
  executeImport,
  IMPORT_SYSTEM_FAILURE,
  importCodeSpace,
  importSheetHead,
  liveRuns,
  removeUpload,
  storedUploadPath,
  type DossierImportJobPayload,
} from "./dossier-import.service.ts";

export function dossierImportJob(db: Executor, dataDir: string): JobKind {
  return {
    retry: { baseDelayMs: 30_000, maxDelayMs: 5 * 60_000 },
    isPermanent: (error) => error instanceof AppError,
    async run(raw, context) {
      const payload = raw as unknown as DossierImportJobPayload;
      const run = await repository.findImport(db, payload.importId);
      if (!run || run.state !== "running") return; // finished meanwhile: nothing to do
      try {
        const path = storedUploadPath(dataDir, payload.uploadId);
        if (!existsSync(path)) throw new AppError("DOSSIER_IMPORT_UPLOAD_NOT_FOUND");
        // In use again: the stale-upload sweep goes by the file's time.
        await utimes(path, new Date(), new Date());
        const sheet = await importSheetHead(path);
        const resolved = resolveMapping(sheet.headers, payload.mapping);
        const problems = columnProblems(resolved, sheet.headers);
        if (problems.length > 0)
          throw new AppError("DOSSIER_IMPORT_COLUMNS_INVALID", { details: problems });
        const unit = await findUnitById(db, run.unitId);
        if (!unit) throw new AppError("UNIT_NOT_FOUND");
        const agencyCodes = await importCodeSpace(db, unit);
        const progress = { bytesRead: () => 0 };
        liveRuns.set(run.id, { bytesRead: () => progress.bytesRead(), fileBytes: run.fileBytes });
        try {
          await executeImport(
            db,
            dataDir,
            { ...payload.actor, grants: [] },
            {
              job: run,
              kind: sheet.kind,
              resolved,
              agencyCodes,
              unit,
              path,
              progress,
              signal: context.signal,
            },
          );
        } finally {
          liveRuns.delete(run.id);
        }
        await removeUpload(dataDir, payload.uploadId);
      } catch (error) {
        if (error instanceof AppError) {
          await repository.updateImport(db, run.id, {
            state: "failed",
            message: error.message,
            finishedAt: new Date(),
          });
          await removeUpload(dataDir, payload.uploadId);
        } else if (!context.signal.aborted && context.attempt < context.maxAttempts) {
          await repository.updateImport(db, run.id, {
            message: `Lần thử ${context.attempt}/${context.maxAttempts} gặp lỗi hệ thống; các lô đã ghi được giữ nguyên, hệ thống sẽ tự thử lại.`,
          });
        }
        throw error;
      }
      // Fresh statistics for the planner (its register plans depend on the table's size), once the
      // run is done: on the embedded database at a quiet moment, which may be minutes away.
      await analyzeAfterImport(db, context.signal);
    },
    async onFailed(job) {
      const payload = job.payload as unknown as DossierImportJobPayload;
      const run = await repository.findImport(db, payload.importId);
      if (run?.state === "running")
        await repository.updateImport(db, run.id, {
          state: "failed",
          message: IMPORT_SYSTEM_FAILURE,
          finishedAt: new Date(),
        });
      await removeUpload(dataDir, payload.uploadId);
    },
  };
}
