import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  DOSSIER_IMPORT_STATES,
  IMPORT_FIELDS,
  type ColumnMapping,
} from "../../core/dossier/import/index.ts";
import { DOSSIER_CHANNELS, DOSSIER_STATES, RULE_SET_IDS } from "../../core/dossier/index.ts";
import type { Executor } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { assertSafeFields } from "../http/safe-input.ts";
import { requireUnitAction } from "../http/route-access.ts";
import { requireSession } from "../http/session.ts";
import type { Actor } from "../services/actor.ts";
import {
  MAX_IMPORT_BYTES,
  getDossierImport,
  importErrorsFile,
  listDossierImports,
  listImportMappings,
  previewDossierImport,
  recoverInterruptedImports,
  removeStaleUploads,
  removeUpload,
  saveUpload,
  uploadTtlMs,
  startDossierImport,
} from "../services/dossier-import.service.ts";
import { attachment, CSV, fileAnswer } from "../http/download.ts";
import { commonErrors, idParams } from "./common.schemas.ts";
import { jobStatusView } from "./job.routes.ts";
import type { JobRunner } from "../jobs/job-runner.ts";
import { uploadsOfLiveImportJobs } from "../db/repositories/dossier-import.repository.ts";
import { dossierImportJob } from "../services/dossier-import.job.ts";
import { DOSSIER_IMPORT_JOB } from "../services/dossier-import.service.ts";

const DOSSIER_UPLOAD_SWEEP_JOB = "dossier-upload-sweep";

const mappingSchema = z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200));

const requestFields = z.object({
  unitId: z.uuid({ error: "Vui lòng chọn đơn vị nhận hồ sơ." }),
  source: z.string().trim().max(200).optional(),
  uploadId: z.uuid().optional(),
  mapping: mappingSchema.optional(),
  saveMapping: z.boolean().optional(),
});

const importView = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  source: z.string(),
  fileName: z.string(),
  fileBytes: z.number(),
  state: z.enum(DOSSIER_IMPORT_STATES),
  total: z.number().nullable(),
  processed: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  errorCount: z.number(),
  progress: z.number(),
  message: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Set when an administrator voided the dossiers this run created. */
  voided: z.object({ at: z.string(), reason: z.string(), count: z.number() }).nullable(),
  /** The background job running it (attempts, the wait before the next, the last error). */
  job: jobStatusView.nullable(),
  /** `void`: POST /api/dossier-imports/:id/void is allowed. */
  can: z.object({ void: z.boolean() }),
});

const rowError = z.object({
  row: z.number(),
  field: z.string().nullable(),
  column: z.string().nullable(),
  value: z.string(),
  message: z.string(),
});

const importedDossier = z.object({
  row: z.number(),
  code: z.string(),
  procedureCode: z.string(),
  applicantName: z.string(),
  applicantPhone: z.string(),
  applicantAddress: z.string().nullable(),
  channel: z.enum(DOSSIER_CHANNELS),
  receivedAt: z.string(),
  receivedOn: z.string(),
  dueDate: z.string(),
  finishedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  state: z.enum(DOSSIER_STATES),
  supplementCount: z.number(),
  reason: z.string().nullable(),
  digitised: z.boolean(),
  electronicResult: z.boolean(),
  onlinePayment: z.boolean(),
  ruleSet: z.enum(RULE_SET_IDS),
});

const previewView = z.object({
  uploadId: z.uuid(),
  fileName: z.string(),
  fileBytes: z.number(),
  kind: z.enum(["csv", "xlsx"]),
  source: z.string(),
  savedMapping: z.boolean(),
  headers: z.array(z.string()),
  fields: z.array(z.object({ field: z.string(), label: z.string(), required: z.boolean() })),
  mapping: mappingSchema,
  unmapped: z.array(z.string()),
  problems: z.array(
    z.object({ row: z.number().optional(), path: z.string().optional(), message: z.string() }),
  ),
  rows: z.array(
    z.object({
      row: z.number(),
      cells: z.array(z.string()),
      ok: z.boolean(),
      dossier: importedDossier.nullable(),
      errors: z.array(z.string()),
    }),
  ),
  errors: z.array(rowError),
  sampledRows: z.number(),
  invalidRows: z.number(),
});

/**
 * Reads either a multipart form (fields, then the `file`) or a JSON body naming an earlier upload.
 * Multipart text fields: unitId, source, mapping (JSON), saveMapping ("true"/"false").
 */
async function readImportRequest(
  db: Executor,
  request: FastifyRequest,
  dataDir: string,
  actor: Actor,
): Promise<z.infer<typeof requestFields> & { uploadId: string; fresh: boolean }> {
  if (!request.isMultipart()) {
    const parsed = requestFields.safeParse(request.body ?? {});
    if (!parsed.success) throw new AppError("VALIDATION_FAILED", { details: issues(parsed.error) });
    if (!parsed.data.uploadId) throw new AppError("FILE_REQUIRED");
    await requireUnitAction(db, actor, ["dossier.write"], parsed.data.unitId);
    return { ...parsed.data, uploadId: parsed.data.uploadId, fresh: false };
  }
  const fields: Record<string, unknown> = {};
  let upload: { uploadId: string } | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } })) {
      if (part.type === "file") {
        // The unit comes before the file (as the web page sends it) and is checked before a byte
        // of the file is stored.
        const unitId = requestFields.shape.unitId.safeParse(fields.unitId);
        if (!unitId.success) {
          throw new AppError("VALIDATION_FAILED", {
            details: [{ path: "unitId", message: UNIT_BEFORE_FILE }],
          });
        }
        await requireUnitAction(db, actor, ["dossier.write"], unitId.data);
        upload = await saveUpload(dataDir, actor, part.filename || "tep-nhap.csv", part.file);
      } else {
        const value = String(part.value ?? "");
        if (part.fieldname === "mapping") {
          try {
            fields.mapping = value ? (JSON.parse(value) as ColumnMapping) : undefined;
          } catch {
            throw new AppError("VALIDATION_FAILED", {
              details: [{ path: "mapping", message: "Cách ghép cột không phải JSON hợp lệ." }],
            });
          }
        } else if (part.fieldname === "saveMapping") fields.saveMapping = value !== "false";
        else fields[part.fieldname] = value || undefined;
      }
    }
    assertSafeFields(fields);
    if (upload) fields.uploadId = upload.uploadId;
    const parsed = requestFields.safeParse(fields);
    if (!parsed.success) throw new AppError("VALIDATION_FAILED", { details: issues(parsed.error) });
    if (!parsed.data.uploadId) throw new AppError("FILE_REQUIRED");
    if (upload) await requireUnitAction(db, actor, ["dossier.write"], parsed.data.unitId);
    return { ...parsed.data, uploadId: parsed.data.uploadId, fresh: upload !== null };
  } catch (error) {
    if (upload) await removeUpload(dataDir, upload.uploadId);
    throw error;
  }
}

const UNIT_BEFORE_FILE = "Vui lòng chọn đơn vị nhận hồ sơ (trường unitId phải được gửi trước tệp).";

/** A file uploaded with a request that is then refused is not kept. */
async function removedIfRefused<T>(
  dataDir: string,
  input: { uploadId: string; fresh: boolean },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (input.fresh) await removeUpload(dataDir, input.uploadId);
    throw error;
  }
}

function issues(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

export function dossierImportRoutes(
  db: Executor,
  dataDir: string,
  jobs: JobRunner,
): FastifyPluginAsyncZod {
  return async (app) => {
    jobs.register(DOSSIER_IMPORT_JOB, dossierImportJob(db, dataDir));
    await recoverInterruptedImports(db);
    // Uploads previewed but never imported (or left by a crash) are swept at start and
    // regularly, a recurring job; those a queued or running import needs are kept.
    const ttl = uploadTtlMs();
    jobs.register(DOSSIER_UPLOAD_SWEEP_JOB, {
      everyMs: Math.min(ttl, 10 * 60_000),
      async run() {
        await removeStaleUploads(dataDir, ttl, Date.now(), await uploadsOfLiveImportJobs(db));
      },
    });

    app.post(
      "/api/dossier-imports/preview",
      {
        config: { access: { actions: ["dossier.write"] } },
        schema: {
          tags: ["one-stop"],
          summary:
            "Xem trước tệp hồ sơ xuất từ hệ thống Một cửa tỉnh: cách ghép cột, các dòng đầu, lỗi từng dòng (không lưu hồ sơ)",
          description:
            "multipart/form-data: `file` (CSV UTF-8 hoặc .xlsx), `unitId`, `source`, `mapping` (JSON trường → tên cột); hoặc JSON `{ uploadId, unitId, source, mapping }` để xem lại với cách ghép cột khác.",
          consumes: ["multipart/form-data", "application/json"],
          // 409 DESK_AGENCY_CODE_MISSING: the unit has no code space to import into.
          response: {
            200: z.object({ data: previewView }),
            ...commonErrors,
            409: commonErrors[400],
          },
        },
      },
      async (request) => {
        const actor = requireSession(request).actor;
        const input = await readImportRequest(db, request, dataDir, actor);
        return removedIfRefused(dataDir, input, () =>
          previewDossierImport(db, dataDir, actor, input),
        );
      },
    );

    app.post(
      "/api/dossier-imports",
      {
        config: { access: { actions: ["dossier.write"] } },
        schema: {
          tags: ["one-stop"],
          summary:
            "Nhập hồ sơ từ tệp xuất của hệ thống Một cửa tỉnh (chạy nền; theo dõi bằng GET /api/dossier-imports/:id)",
          description:
            "Như bản xem trước; thêm `saveMapping` (mặc định lưu cách ghép cột cho nguồn). Nhập theo mã hồ sơ: nhập lại cùng tệp không thay đổi gì, dòng đã sửa được cập nhật.",
          consumes: ["multipart/form-data", "application/json"],
          response: {
            202: z.object({ data: importView }),
            ...commonErrors,
            409: commonErrors[400],
          },
        },
      },
      async (request, reply) => {
        const actor = requireSession(request).actor;
        const input = await readImportRequest(db, request, dataDir, actor);
        const result = await removedIfRefused(dataDir, input, () =>
          startDossierImport(db, dataDir, actor, input, jobs),
        );
        return reply.status(202).send(result);
      },
    );

    app.get(
      "/api/dossier-imports",
      {
        schema: {
          tags: ["one-stop"],
          summary: "Các lượt nhập hồ sơ gần đây",
          querystring: z.object({ unitId: z.uuid().optional() }),
          response: { 200: z.object({ data: z.array(importView) }), ...commonErrors },
        },
      },
      async (request) =>
        listDossierImports(db, requireSession(request).actor, request.query.unitId),
    );

    app.get(
      "/api/dossier-imports/mappings",
      {
        schema: {
          tags: ["one-stop"],
          summary: "Cách ghép cột đã lưu theo nguồn dữ liệu của đơn vị",
          querystring: z.object({ unitId: z.uuid() }),
          response: {
            200: z.object({
              data: z.array(
                z.object({ source: z.string(), mapping: mappingSchema, updatedAt: z.string() }),
              ),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) =>
        listImportMappings(db, requireSession(request).actor, request.query.unitId),
    );

    app.get(
      "/api/dossier-imports/:id",
      {
        schema: {
          tags: ["one-stop"],
          summary: "Tiến độ và kết quả một lượt nhập hồ sơ",
          params: idParams,
          response: { 200: z.object({ data: importView }), ...commonErrors },
        },
      },
      async (request) => getDossierImport(db, requireSession(request).actor, request.params.id),
    );

    app.get(
      "/api/dossier-imports/:id/errors.csv",
      {
        schema: {
          tags: ["one-stop"],
          summary: "Tải danh sách dòng lỗi của lượt nhập (CSV UTF-8)",
          params: idParams,
          response: { ...fileAnswer(CSV, "Tệp CSV (UTF-8)"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const { stream, fileName } = await importErrorsFile(
          db,
          dataDir,
          requireSession(request).actor,
          request.params.id,
        );
        return reply
          .type(CSV)
          .header("content-disposition", attachment(fileName.normalize("NFD")))
          .send(stream);
      },
    );
  };
}
