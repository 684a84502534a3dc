import { MAX_DOSSIER_IMPORT_BYTES } from "../../core/files/upload-limits.ts";
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, type WriteStream } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  DuplicateCodes,
  IMPORT_FIELDS,
  IMPORT_FIELD_LABELS,
  REQUIRED_IMPORT_FIELDS,
  headerKey,
  parseFileRow,
  resolveMapping,
  type ColumnMapping,
  type ImportRowError,
  type ImportedDossier,
  type ResolvedMapping,
} from "../../core/dossier/import/index.ts";
import { scopeIncludes } from "../../core/access/role-policy.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { UnitValidity } from "../../core/organization/unit-validity.ts";
import { csvLine } from "../../core/text/csv-field.ts";
import { copyFirstColumn } from "../db/copy-text.ts";
import { executorKind, type Executor } from "../db/database.ts";
import { lanesOf } from "../db/pglite-lanes.ts";
import { importBatchBudget, nextBatchSize, PGLITE_IMPORT_BATCH } from "../db/statement-budget.ts";
import * as repository from "../db/repositories/dossier-import.repository.ts";
import type { DossierImportRow } from "../db/repositories/dossier-import.repository.ts";
import { codeSpaceOfUnit } from "../db/repositories/one-stop-desk.repository.ts";
import { findUnitById } from "../db/repositories/unit.repository.ts";
import { countCsvRows, type ImportSheet } from "../documents/dossier-import-reader.ts";
import { parseInWorker as parseFileInWorker } from "../documents/parse-in-worker.ts";
import { AppError, type ErrorDetail } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import type { ParsedBatch } from "./dossier-import-batches.ts";
import { parseInWorker, type BatchStream } from "./dossier-import-parser.ts";
import { appendAuditEvent, runUseCase } from "./use-case.ts";
import { replayChangesAfter } from "../cache/kept-values.ts";
import {
  enqueueJob,
  findJobBySubject,
  jobsBySubjects,
  type JobRow,
} from "../jobs/job.repository.ts";

/*
 * Bulk import of dossier records exported from the provincial one-stop system.
 *
 * - The file is streamed twice at most: a quick line count for the progress bar (CSV only), then
 *   one pass that parses, validates and writes. Memory holds one batch and the set of codes seen.
 * - Idempotent by dossier code: a multi-row upsert per batch; unchanged rows are not touched.
 * - One transaction per batch (rows, progress counters and an audit event together): a failure
 *   never leaves half a batch. Earlier batches stay, which is safe because re-running the same file
 *   converges to the same result.
 * - Rows with problems are skipped and written to an errors CSV; problems of the file itself
 *   (unreadable, wrong columns, mostly invalid rows in the first batch) stop the run before any
 *   write.
 */

export const MAX_IMPORT_BYTES = MAX_DOSSIER_IMPORT_BYTES;
export const BATCH_SIZE = 10_000;
/*
 * On the embedded database a batch's transaction holds the one connection for its whole length
 * (in PGlite's worker thread, not the server's): there each batch is sized to a time budget
 * (importBatchBudget, statement-budget.ts: 30 ms while people use the database, 100 ms while
 * nobody does, from the last batch's measured time), so that requests get the connection back in
 * between whatever the table's size and the load.
 */
const PREVIEW_ROWS = 20;
const SAMPLE_ROWS = 1_000;
const MAX_PREVIEW_ERRORS = 200;
/** Below this share of valid rows in the first batch the file is taken for the wrong file. */
const MIN_VALID_SHARE = 0.5;
const MIN_ROWS_FOR_SHARE = 20;
export const DEFAULT_SOURCE = "Hệ thống Một cửa tỉnh";

const importDir = (dataDir: string) => join(dataDir, "dossier-imports");
const uploadPath = (dataDir: string, id: string) => join(importDir(dataDir), "uploads", id);
const errorsPath = (dataDir: string, id: string) => join(importDir(dataDir), `${id}.errors.csv`);

/* ---------- uploads ---------- */

interface UploadMeta {
  fileName: string;
  bytes: number;
  userId: string | null;
}

/** Streams an uploaded file to the data folder; returns its id for the preview and the import. */
export async function saveUpload(
  dataDir: string,
  actor: Actor,
  fileName: string,
  stream: Readable & { truncated?: boolean },
): Promise<{ uploadId: string; fileName: string; bytes: number }> {
  const uploadId = randomUUID();
  const path = uploadPath(dataDir, uploadId);
  await mkdir(join(importDir(dataDir), "uploads"), { recursive: true });
  try {
    await pipeline(stream, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    const code = (error as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE" || stream.truncated) throw tooLarge();
    throw error;
  }
  if (stream.truncated) {
    await rm(path, { force: true });
    throw tooLarge();
  }
  const { size } = await stat(path);
  if (size === 0) {
    await rm(path, { force: true });
    throw new AppError("FILE_REQUIRED");
  }
  const meta: UploadMeta = { fileName, bytes: size, userId: actor.userId };
  await writeFile(`${path}.json`, JSON.stringify(meta));
  return { uploadId, fileName, bytes: size };
}

function tooLarge() {
  return new AppError("DOSSIER_IMPORT_FILE_TOO_LARGE", {
    params: { limit: Math.round(MAX_IMPORT_BYTES / 1024 / 1024) },
  });
}

async function uploadOf(dataDir: string, actor: Actor, uploadId: string) {
  const path = uploadPath(dataDir, uploadId);
  if (!/^[0-9a-f-]{36}$/.test(uploadId) || !existsSync(`${path}.json`))
    throw new AppError("DOSSIER_IMPORT_UPLOAD_NOT_FOUND");
  const meta = JSON.parse(await readFile(`${path}.json`, "utf8")) as UploadMeta;
  if (meta.userId !== actor.userId) throw new AppError("DOSSIER_IMPORT_UPLOAD_NOT_FOUND");
  return { path, meta };
}

export async function removeUpload(dataDir: string, uploadId: string) {
  const path = uploadPath(dataDir, uploadId);
  await rm(path, { force: true });
  await rm(`${path}.json`, { force: true });
}

/** Errors that mean the stored file itself cannot be imported: it is removed at once. */
const FILE_ERRORS = new Set([
  "FILE_UNSUPPORTED",
  "FILE_REQUIRED",
  "FILE_TOO_COMPLEX",
  "FILE_PARSE_TIMEOUT",
  "DOSSIER_IMPORT_UNREADABLE",
]);

async function withUploadRemovedOnFileError<T>(
  dataDir: string,
  uploadId: string,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof AppError) || FILE_ERRORS.has(error.code))
      await removeUpload(dataDir, uploadId);
    throw error;
  }
}

/** CCHC_UPLOAD_TTL_MINUTES (default 60): uploads not imported are removed after this long. */
export function uploadTtlMs(env: NodeJS.ProcessEnv = process.env): number {
  const minutes = Number(env.CCHC_UPLOAD_TTL_MINUTES ?? "");
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : 60) * 60_000;
}

/**
 * Removes stored uploads (and their notes) older than `maxAgeMs`, except those a queued or
 * running import still needs (`keep`); returns how many.
 */
export async function removeStaleUploads(
  dataDir: string,
  maxAgeMs: number,
  now = Date.now(),
  keep: ReadonlySet<string> = new Set(),
): Promise<number> {
  const dir = join(importDir(dataDir), "uploads");
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const id = name.replace(/\.json$/, "");
    if (name.endsWith(".json") && names.includes(id)) continue; // with its file
    if (keep.has(id)) continue;
    try {
      const { mtimeMs } = await stat(join(dir, name));
      if (now - mtimeMs < maxAgeMs) continue;
    } catch {
      continue;
    }
    await removeUpload(dataDir, id);
    removed += 1;
  }
  return removed;
}

/* ---------- shared steps ---------- */

async function requireUnitWrite(exec: Executor, actor: Actor, unitId: string) {
  const readable = await access.check(exec, actor, "dossier.read", "unit", [unitId]);
  const unit = readable.has(unitId) ? await findUnitById(exec, unitId) : null;
  if (!unit) throw new AppError("UNIT_NOT_FOUND");
  await access.require(exec, actor, "dossier.write", "unit", unitId);
  return unit;
}

/**
 * The agency codes an import into the unit may carry (its code space, see codeSpaceOfUnit). A
 * unit without an agency code issues no codes at its desk either (DESK_AGENCY_CODE_MISSING), so
 * there is no code space to import into until an administrator sets it.
 */
async function importCodeSpace(exec: Executor, unit: { id: string; name: string }) {
  const agencyCodes = await codeSpaceOfUnit(exec, unit.id);
  if (agencyCodes.length === 0)
    throw new AppError("DESK_AGENCY_CODE_MISSING", { params: { unit: unit.name } });
  return agencyCodes;
}

async function mappingFor(
  exec: Executor,
  unitId: string,
  source: string,
  headers: string[],
  given: ColumnMapping | undefined,
) {
  const saved = await repository.findMapping(exec, unitId, source);
  // A saved choice whose column this file lacks falls back to recognising the headers.
  const present = new Set(headers.map(headerKey));
  const usable = Object.fromEntries(
    Object.entries(saved?.mapping ?? {}).filter(([, header]) => present.has(headerKey(header))),
  ) as ColumnMapping;
  const resolved = resolveMapping(headers, given ?? usable);
  return { resolved, saved: saved !== null };
}

function columnProblems(resolved: ResolvedMapping, headers: string[]): ErrorDetail[] {
  if (headers.every((h) => h === ""))
    return [{ row: 1, message: "Dòng đầu tiên của tệp phải là dòng tiêu đề cột." }];
  return resolved.problems.map((p) => ({ row: 1, path: p.field ?? undefined, message: p.message }));
}

export const IMPORT_FIELD_LIST = IMPORT_FIELDS.map((field) => ({
  field,
  label: IMPORT_FIELD_LABELS[field],
  required: REQUIRED_IMPORT_FIELDS.includes(field),
}));

function shown(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().replace("T", " ").slice(0, 19);
  return String(value);
}

/* ---------- preview ---------- */

export interface PreviewInput {
  unitId: string;
  source?: string;
  uploadId: string;
  mapping?: ColumnMapping;
}

/** The detected mapping, the first rows parsed and the problems of the first rows. */
export async function previewDossierImport(
  db: Executor,
  dataDir: string,
  actor: Actor,
  input: PreviewInput,
) {
  const unit = await requireUnitWrite(db, actor, input.unitId);
  const agencyCodes = await importCodeSpace(db, unit);
  const source = input.source?.trim() || DEFAULT_SOURCE;
  const { path, meta } = await uploadOf(dataDir, actor, input.uploadId);
  // Read in a worker thread (time and memory limited); a file that cannot be read is removed.
  const sheet = await withUploadRemovedOnFileError(dataDir, input.uploadId, () =>
    parseFileInWorker("importSheetHead", { path, maxRows: SAMPLE_ROWS }),
  );
  {
    const { resolved, saved } = await mappingFor(
      db,
      input.unitId,
      source,
      sheet.headers,
      input.mapping,
    );
    const procedureCodes = new Set((await repository.procedureIdsByCode(db, input.unitId)).keys());
    const rows: {
      row: number;
      cells: string[];
      ok: boolean;
      dossier: ImportedDossier | null;
      errors: string[];
    }[] = [];
    const errors: ImportRowError[] = [];
    let sampled = 0;
    let invalid = 0;
    const problems = columnProblems(resolved, sheet.headers);
    if (problems.length === 0) {
      const duplicates = new DuplicateCodes();
      const context = {
        headers: sheet.headers,
        indexes: resolved.indexes,
        today: vietnamDate(new Date()),
        procedureCodes,
        agencyCodes: new Set(agencyCodes),
        unit,
      };
      for (const { row, cells } of sheet.rows) {
        const result = parseFileRow(cells, row, context, duplicates, resolved.mapping.code!);
        if (result.ok === "empty") continue;
        sampled += 1;
        const rowErrors = result.ok ? [] : result.errors;
        if (rowErrors.length > 0) invalid += 1;
        for (const error of rowErrors) if (errors.length < MAX_PREVIEW_ERRORS) errors.push(error);
        if (rows.length < PREVIEW_ROWS) {
          rows.push({
            row,
            cells: sheet.headers.map((_, i) => shown(cells[i])),
            ok: rowErrors.length === 0,
            dossier: result.ok === true && rowErrors.length === 0 ? result.dossier : null,
            errors: rowErrors.map((e) => e.message),
          });
        }
        if (sampled >= SAMPLE_ROWS) break;
      }
    }
    return {
      data: {
        uploadId: input.uploadId,
        fileName: meta.fileName,
        fileBytes: meta.bytes,
        kind: sheet.kind,
        source,
        savedMapping: saved,
        headers: sheet.headers,
        fields: IMPORT_FIELD_LIST,
        mapping: resolved.mapping,
        unmapped: resolved.unmapped,
        problems,
        rows,
        errors,
        sampledRows: sampled,
        invalidRows: invalid,
      },
    };
  }
}

/* ---------- running an import ---------- */

export interface ImportInput {
  unitId: string;
  source?: string;
  uploadId: string;
  mapping?: ColumnMapping;
  /** Save the mapping used as the source's mapping (default true). */
  saveMapping?: boolean;
}

interface LiveRun {
  bytesRead(): number;
  fileBytes: number;
}

/** Runs in progress in this process, for the byte-level progress of files not yet counted. */
export const liveRuns = new Map<string, LiveRun>();

/** The job that runs an import, as the import's page shows it. */
function jobView(job: JobRow | null | undefined) {
  if (!job) return null;
  return {
    state: job.state,
    attempt: job.attempts,
    maxAttempts: job.maxAttempts,
    /** When the next attempt starts, while one is waiting after a failure. */
    nextAttemptAt: job.state === "queued" && job.attempts > 0 ? job.runAt.toISOString() : null,
    lastError: job.lastError,
  };
}

function toView(row: DossierImportRow, canVoid = false, job?: JobRow | null) {
  const live = liveRuns.get(row.id);
  let progress = 0;
  if (row.state !== "running") progress = row.state === "done" ? 1 : 0;
  else if (row.total) progress = Math.min(1, row.processed / row.total);
  else if (live && live.fileBytes > 0) progress = Math.min(1, live.bytesRead() / live.fileBytes);
  return {
    id: row.id,
    unitId: row.unitId,
    source: row.source,
    fileName: row.fileName,
    fileBytes: row.fileBytes,
    state: row.state,
    total: row.total,
    processed: row.processed,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    errorCount: row.errorCount,
    progress: Math.round(progress * 1000) / 1000,
    message: row.message,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    voided: row.voidedAt
      ? {
          at: row.voidedAt.toISOString(),
          reason: row.voidReason ?? "",
          count: row.voidedCount ?? 0,
        }
      : null,
    job: jobView(job),
    can: { void: canVoid && row.state !== "running" && row.voidedAt === null },
  };
}

export type DossierImportView = ReturnType<typeof toView>;

export class ErrorFile {
  private readonly out: WriteStream;
  count = 0;

  constructor(path: string) {
    this.out = createWriteStream(path);
    this.out.write("\uFEFFDòng,Cột,Giá trị,Lỗi\n");
  }

  add(error: ImportRowError) {
    this.count += 1;
    this.out.write(`${csvLine([error.row, error.column, error.value, error.message])}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.out.end(resolve));
  }
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === "23505";

/**
 * Writes one batch in the caller's transaction. A batch of codes never seen before (the usual case
 * when loading history) goes in with one COPY. If any code exists (a re-import, an overlap,
 * another unit's dossier) that COPY fails with a unique violation and the caller runs the batch
 * again, in a new transaction, through the upsert, which tells new, updated and unchanged rows
 * apart. (A savepoint around the COPY would avoid the second transaction but costs PostgreSQL a
 * third more work on every batch: measured 8.3 s against 6.1 s of server CPU for 200,000 rows.)
 */
async function writeDossiers(tx: Executor, unitId: string, batch: ParsedBatch, upsert: boolean) {
  if (!upsert) {
    await repository.copyNewDossiers(tx, batch.data);
    return { inserted: batch.count, updated: 0, otherUnit: [] };
  }
  const { inserted, updated, otherUnitCodes } = await repository.upsertCopiedDossiers(
    tx,
    unitId,
    batch.data,
  );
  if (otherUnitCodes.length === 0) return { inserted, updated, otherUnit: [] };
  const taken = new Set(otherUnitCodes);
  const otherUnit = copyFirstColumn(batch.data).flatMap((code, i) =>
    taken.has(code) ? [{ code, row: batch.rows[i]! }] : [],
  );
  return { inserted, updated, otherUnit };
}

/** Validates the request and creates the run; the returned `run` does the work. */
async function prepareImport(db: Executor, dataDir: string, actor: Actor, input: ImportInput) {
  const source = input.source?.trim() || DEFAULT_SOURCE;
  const unit = await requireUnitWrite(db, actor, input.unitId);
  await importCodeSpace(db, unit);
  const { path, meta } = await uploadOf(dataDir, actor, input.uploadId);
  // In use from now on: the stale-upload sweep goes by the file's time.
  await utimes(path, new Date(), new Date());
  const sheet = await withUploadRemovedOnFileError(dataDir, input.uploadId, () =>
    parseFileInWorker("importSheetHead", { path, maxRows: 0 }),
  );
  let job: DossierImportRow;
  let queued: JobRow | null = null;
  let resolved: ResolvedMapping;
  {
    ({ resolved } = await mappingFor(db, input.unitId, source, sheet.headers, input.mapping));
    const problems = columnProblems(resolved, sheet.headers);
    if (problems.length > 0)
      throw new AppError("DOSSIER_IMPORT_COLUMNS_INVALID", { details: problems });
    if (await repository.findRunningImport(db, input.unitId))
      throw new AppError("DOSSIER_IMPORT_BUSY");
    job = await runUseCase(db, actor, async ({ tx, audit }) => {
      if (input.saveMapping !== false) {
        const saved = await repository.saveMapping(tx, {
          unitId: input.unitId,
          source,
          mapping: resolved.mapping,
          updatedById: actor.userId,
        });
        await audit({
          action: "dossier.import_mapping",
          entityId: saved.id,
          unitId: input.unitId,
          after: saved.mapping,
          summary: `Lưu cách ghép cột nhập hồ sơ cho nguồn “${source}”`,
        });
      }
      const created = await repository.insertImport(tx, {
        unitId: input.unitId,
        source,
        fileName: meta.fileName.slice(0, 255),
        fileBytes: meta.bytes,
        state: "running",
        total: null,
        startedById: actor.userId,
      });
      // Queued with the run, so a run exists exactly when its job does.
      const payload: DossierImportJobPayload = {
        importId: created.id,
        uploadId: input.uploadId,
        mapping: resolved.mapping,
        actor: { userId: actor.userId, name: actor.name },
      };
      queued = await enqueueJob(tx, {
        kind: DOSSIER_IMPORT_JOB,
        payload: { ...payload },
        maxAttempts: 3,
        subject: importJobSubject(created.id),
        unitId: input.unitId,
      });
      return created;
    });
  }
  return { job, queued: queued! };
}

export const DOSSIER_IMPORT_JOB = "dossier-import";
export const importJobSubject = (importId: string) => `${DOSSIER_IMPORT_JOB}:${importId}`;

export interface DossierImportJobPayload {
  importId: string;
  uploadId: string;
  mapping: ColumnMapping;
  actor: { userId: string | null; name: string };
}

/** The stored upload of a queued run (the job's payload names it). */
export const storedUploadPath = uploadPath;
export const importSheetHead = (path: string) =>
  parseFileInWorker("importSheetHead", { path, maxRows: 0 });
export { columnProblems, importCodeSpace };

/**
 * One attempt at a run (the `dossier-import` job). A later attempt resumes after the batches an
 * earlier one committed (`job.processed` counts the rows of committed batches; the parser ends a
 * batch exactly there, since batches sized by time do not split the file the same way twice);
 * their parse errors are written to the errors file again.
 * Throws AppError when the file cannot be imported (the caller marks the run failed), anything
 * else when another attempt may succeed.
 */
export async function executeImport(
  db: Executor,
  dataDir: string,
  actor: Actor,
  work: {
    job: DossierImportRow;
    kind: ImportSheet["kind"];
    resolved: ResolvedMapping;
    agencyCodes: string[];
    unit: UnitValidity;
    path: string;
    progress: { bytesRead: () => number };
    signal: AbortSignal;
  },
) {
  const { job, resolved } = work;
  const unitId = job.unitId;
  const resumeAfter = job.processed;
  const errorFile = new ErrorFile(errorsPath(dataDir, job.id));
  let parser: BatchStream | null = null;
  try {
    if (work.kind === "csv" && job.total === null) {
      await repository.updateImport(db, job.id, { total: await countCsvRows(work.path) });
    }
    const procedureIds = await repository.procedureIdsByCode(db, unitId);
    const sizedByTime = executorKind(db) === "pglite";
    // The handle's lanes tell whether people are using the database (smaller batches then).
    const lanes = lanesOf(db);
    // On PGlite each batch's index entries are moved out of the GIN pending lists right after it,
    // in turns of their own (flushPendingLists), instead of by the batch that overflows a list.
    const pendingLists = sizedByTime ? await repository.dossierGinIndexes(db) : [];
    const codeColumn = resolved.mapping.code!;
    parser = parseInWorker({
      path: work.path,
      indexes: resolved.indexes,
      today: vietnamDate(new Date()),
      procedureIds: [...procedureIds],
      agencyCodes: work.agencyCodes,
      unit: { name: work.unit.name, validFrom: work.unit.validFrom, validTo: work.unit.validTo },
      unitId,
      importId: job.id,
      codeColumn,
      batchSize: sizedByTime ? PGLITE_IMPORT_BATCH.first : BATCH_SIZE,
      resumeAfter,
    });
    work.progress.bytesRead = parser.bytesRead;

    // The register totals its rows change are forgotten again once the batch has committed.
    const commitBatch = (batch: ParsedBatch, number: number, upsert: boolean) =>
      replayChangesAfter(() =>
        db.transaction(async (txDb) => {
          // From the turn's start (not the wait for it) to its last statement: what it held.
          const began = performance.now();
          const tx = txDb as unknown as Executor;
          const written = await writeDossiers(tx, unitId, batch, upsert);
          const { inserted, updated, otherUnit } = written;
          const unchanged = batch.count - otherUnit.length - inserted - updated;
          const errors = batch.invalidRows + otherUnit.length;
          await repository.addImportProgress(tx, job.id, {
            processed: batch.processed,
            inserted,
            updated,
            unchanged,
            errors,
          });
          await appendAuditEvent(tx, actor, {
            action: "dossier.import",
            entityId: job.id,
            unitId,
            summary: `Nhập hồ sơ từ “${job.source}” (${job.fileName}), lô ${number}: ${inserted} mới, ${updated} cập nhật, ${unchanged} không đổi, ${errors} dòng lỗi`,
          });
          if (sizedByTime) {
            const ms = performance.now() - began;
            const budget = importBatchBudget(lanes?.requestTurnsLastSecond() ?? 0);
            parser?.setBatchSize(nextBatchSize({ rows: batch.processed, ms }, budget));
          }
          return written;
        }),
      );

    const writeBatch = async (batch: ParsedBatch, number: number) => {
      let written: Awaited<ReturnType<typeof commitBatch>>;
      try {
        written = await commitBatch(batch, number, false);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        written = await commitBatch(batch, number, true);
      }
      await repository.flushPendingLists(db, pendingLists);
      for (const r of written.otherUnit) {
        errorFile.add({
          row: r.row,
          field: "code",
          column: codeColumn,
          value: r.code,
          message: `Dòng ${r.row}, cột “${codeColumn}”: mã hồ sơ “${r.code}” đã thuộc một đơn vị khác; không nhập.`,
        });
      }
    };

    let batchNumber = 0;
    let seen = 0;
    let pending: Promise<void> = Promise.resolve();
    let failure: unknown = null;
    for await (const batch of parser.batches) {
      for (const error of batch.errors) errorFile.add(error);
      work.signal.throwIfAborted();
      if (
        batchNumber === 0 &&
        batch.processed >= MIN_ROWS_FOR_SHARE &&
        batch.count < batch.processed * MIN_VALID_SHARE
      ) {
        throw new AppError("DOSSIER_IMPORT_UNREADABLE", {
          params: {
            reason: `${batch.processed - batch.count} trong ${batch.processed} dòng đầu có lỗi — tệp có lẽ không phải bản xuất hồ sơ hoặc ghép cột chưa đúng; xem tệp lỗi`,
          },
        });
      }
      await pending;
      if (failure) throw failure;
      // Yield once per batch so the server keeps answering requests (progress polls included)
      // while an import runs, whatever answers without I/O in between.
      await new Promise((resolve) => setImmediate(resolve));
      batchNumber += 1;
      seen += batch.processed;
      if (seen <= resumeAfter) continue; // committed by an earlier attempt
      // Written while the worker parses the next batch; awaited before the next write starts.
      pending = writeBatch(batch, batchNumber).catch((error: unknown) => {
        failure = error;
      });
    }
    await pending;
    if (failure) throw failure;
    const finished = await repository.findImport(db, job.id);
    await repository.updateImport(db, job.id, {
      state: "done",
      total: finished!.processed,
      message: null,
      finishedAt: new Date(),
    });
  } finally {
    await parser?.stop();
    await errorFile.close();
  }
}

/** The message of a run that failed for a reason other than its file. */
export const IMPORT_SYSTEM_FAILURE =
  "Lỗi hệ thống khi ghi dữ liệu; lô đang ghi đã được hủy nguyên vẹn. Có thể chạy lại cùng tệp: các dòng đã nhập sẽ không bị nhập trùng.";

/** Queues an import and returns at once; the job runner runs it in the background. */
export async function startDossierImport(
  db: Executor,
  dataDir: string,
  actor: Actor,
  input: ImportInput,
  jobs: { wake(): void },
) {
  const { job, queued } = await prepareImport(db, dataDir, actor, input);
  jobs.wake();
  return { data: toView(job, false, queued) };
}

async function readableImport(db: Executor, actor: Actor, id: string) {
  const row = await repository.findImport(db, id);
  if (!row) throw new AppError("DOSSIER_IMPORT_NOT_FOUND");
  const readable = await access.check(db, actor, "dossier.read", "unit", [row.unitId]);
  if (!readable.has(row.unitId)) throw new AppError("DOSSIER_IMPORT_NOT_FOUND");
  return row;
}

export async function getDossierImport(db: Executor, actor: Actor, id: string) {
  const row = await readableImport(db, actor, id);
  const mayVoid = await access.check(db, actor, "dossier.void", "unit", [row.unitId]);
  const job = await findJobBySubject(db, importJobSubject(row.id));
  return { data: toView(row, mayVoid.has(row.unitId), job) };
}

export async function listDossierImports(db: Executor, actor: Actor, unitId?: string) {
  const scope = await access.unitScope(db, actor, "dossier.read");
  let ids = access.scopeToIds(scope);
  if (unitId) ids = ids === null || ids.includes(unitId) ? [unitId] : [];
  const rows = await repository.listImports(db, ids, 20);
  const voidScope = await access.unitScope(db, actor, "dossier.void");
  const jobs = await jobsBySubjects(
    db,
    rows.map((row) => importJobSubject(row.id)),
  );
  const jobOf = new Map(jobs.map((job) => [job.subject, job]));
  return {
    data: rows.map((row) =>
      toView(row, scopeIncludes(voidScope, row.unitId), jobOf.get(importJobSubject(row.id))),
    ),
  };
}

export async function listImportMappings(db: Executor, actor: Actor, unitId: string) {
  const readable = await access.check(db, actor, "dossier.read", "unit", [unitId]);
  if (!readable.has(unitId)) throw new AppError("UNIT_NOT_FOUND");
  const rows = await repository.listMappings(db, unitId);
  return {
    data: rows.map((r) => ({
      source: r.source,
      mapping: r.mapping,
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}

/** The errors CSV of a run (a header-only file when the run had none). */
export async function importErrorsFile(db: Executor, dataDir: string, actor: Actor, id: string) {
  const row = await readableImport(db, actor, id);
  const path = errorsPath(dataDir, id);
  const stream = existsSync(path)
    ? createReadStream(path)
    : Readable.from(["\uFEFFDòng,Cột,Giá trị,Lỗi\n"]);
  const base = row.fileName.replace(/\.[^.]+$/, "");
  return { stream, fileName: `loi-nhap-ho-so-${base}.csv` };
}

/**
 * Runs left "running" without a job to finish them (started before imports ran as jobs): mark
 * them failed. Runs whose job is queued or running are resumed by the job runner.
 */
export async function recoverInterruptedImports(db: Executor) {
  await repository.failInterruptedImports(
    db,
    "Máy chủ đã dừng khi đang nhập; các lô đã ghi được giữ nguyên. Hãy chạy lại cùng tệp để nhập tiếp (các dòng đã nhập không bị trùng).",
  );
}
