import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { DEFAULT_RETENTION } from "../../core/personal-data/index.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import { personDataWorkbook } from "../documents/person-data-xlsx.ts";
import { AppError } from "../errors.ts";
import { attachment, fileAnswer, XLSX } from "../http/download.ts";
import { requireSession } from "../http/session.ts";
import { anonymisePersonOnRequest } from "../operations/personal-data/anonymise-request.service.ts";
import { lookUpPerson } from "../operations/personal-data/lookup.service.ts";
import type { RetentionConfig } from "../operations/personal-data/retention-config.ts";
import {
  purgePersonalData,
  retentionStatus,
} from "../operations/personal-data/retention.service.ts";
import * as access from "../services/access.service.ts";
import type { Actor } from "../services/actor.ts";
import { commonErrors, isoDate } from "./common.schemas.ts";

const tags = ["personal-data"];
const counts = z.object({ dossier: z.number(), feedback: z.number() });
const policy = z.object({ dossierYears: z.number(), feedbackYears: z.number() });

export const retentionStatusView = z.object({
  asOf: z.string(),
  policy,
  /** The policy is CCHC's inferred default (no CCHC_RETENTION_*_YEARS set to another period). */
  policyIsDefault: z.boolean(),
  everyHours: z.number(),
  closedOnOrBefore: z.object({ dossier: z.string(), feedback: z.string() }),
  due: counts,
  anonymised: counts,
  lastRun: z
    .object({
      trigger: z.enum(["schedule", "admin", "cli"]),
      asOf: z.string(),
      dossiers: z.number(),
      feedback: z.number(),
      batches: z.number(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      error: z.string().nullable(),
    })
    .nullable(),
});

export const retentionRunView = z.object({
  asOf: z.string(),
  dryRun: z.boolean(),
  anonymised: counts,
  batches: z.number(),
});

const matchedBy = z.array(z.enum(["phone", "id_number", "name"]));

/** One person's records, the person's data in full (the data subject's own request). */
export const personDataView = z.object({
  query: z.string(),
  truncated: z.boolean(),
  dossiers: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      procedureName: z.string(),
      state: z.string(),
      receivedAt: z.string(),
      dueDate: z.string(),
      finishedAt: z.string().nullable(),
      returnedAt: z.string().nullable(),
      applicantName: z.string(),
      applicantPhone: z.string(),
      applicantAddress: z.string().nullable(),
      /** In full, for the administrator handling the request. */
      applicantIdNumber: z.string().nullable(),
      anonymised: z.boolean(),
      matchedBy,
    }),
  ),
  feedback: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      state: z.string(),
      receivedAt: z.string(),
      dueDate: z.string(),
      finishedAt: z.string().nullable(),
      senderName: z.string(),
      senderPhone: z.string(),
      senderEmail: z.string().nullable(),
      senderAddress: z.string().nullable(),
      title: z.string(),
      content: z.string(),
      answer: z.string().nullable(),
      satisfactionNote: z.string().nullable(),
      anonymised: z.boolean(),
      matchedBy,
    }),
  ),
});

/** Who to look up: any of a phone, an ID number (CMND/CCCD) or a full name. */
export const personLookupBody = z.object({
  phone: z.string().max(40).optional(),
  idNumber: z.string().max(40).optional(),
  name: z.string().max(200).optional(),
});

/** Anonymising the records of one person found by the lookup, on their request. */
export const anonymiseRequestBody = personLookupBody.extend({
  reason: z.string().trim().min(5).max(500),
  dossierIds: z.array(z.uuid()).max(500).default([]),
  feedbackIds: z.array(z.uuid()).max(500).default([]),
});

export const anonymiseRequestView = z.object({
  query: z.string(),
  anonymised: counts,
  alreadyAnonymised: counts,
  codes: z.array(z.string()),
});

/** Retention runs over the whole installation: an administrator whose reach is all of it. */
async function requireInstallationManager(db: Executor, actor: Actor) {
  const scope = await access.unitScope(db, actor, "personal_data.manage");
  if (scope.kind !== "all") throw new AppError("FORBIDDEN");
}

export function personalDataRoutes(
  db: Executor,
  config: RetentionConfig = { everyHours: 0, policy: DEFAULT_RETENTION },
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/admin/personal-data/retention",
      {
        config: { access: { actions: ["personal_data.manage"] } },
        schema: {
          tags,
          summary:
            "Thời hạn lưu trữ dữ liệu cá nhân đang áp dụng, số bản ghi đến hạn ẩn danh và lần chạy gần nhất",
          querystring: z.object({ asOf: isoDate.optional() }),
          response: { 200: z.object({ data: retentionStatusView }), ...commonErrors },
        },
      },
      async (request) => {
        const { actor } = requireSession(request);
        await requireInstallationManager(db, actor);
        const asOf = request.query.asOf ?? vietnamDate(new Date());
        const status = await retentionStatus(db, config.policy, asOf);
        const last = status.lastRun;
        return {
          data: {
            ...status,
            policyIsDefault:
              status.policy.dossierYears === DEFAULT_RETENTION.dossierYears &&
              status.policy.feedbackYears === DEFAULT_RETENTION.feedbackYears,
            everyHours: config.everyHours,
            lastRun: last
              ? {
                  trigger: last.trigger as "schedule" | "admin" | "cli",
                  asOf: last.asOf,
                  dossiers: last.dossiers,
                  feedback: last.feedback,
                  batches: last.batches,
                  startedAt: last.startedAt.toISOString(),
                  finishedAt: last.finishedAt?.toISOString() ?? null,
                  error: last.error,
                }
              : null,
          },
        };
      },
    );
    app.post(
      "/api/admin/personal-data/retention/run",
      {
        config: { access: { actions: ["personal_data.manage"] } },
        schema: {
          tags,
          summary: "Ẩn danh ngay dữ liệu cá nhân đã hết thời hạn lưu trữ (hoặc chạy thử)",
          body: z.object({
            asOf: isoDate.optional(),
            dryRun: z.boolean().default(false),
            batchSize: z.number().int().min(1).max(10_000).optional(),
          }),
          response: { 200: z.object({ data: retentionRunView }), ...commonErrors },
        },
      },
      async (request) => {
        const { actor } = requireSession(request);
        await requireInstallationManager(db, actor);
        const result = await purgePersonalData(db, actor, config.policy, {
          asOf: request.body.asOf ?? vietnamDate(new Date()),
          dryRun: request.body.dryRun,
          batchSize: request.body.batchSize,
          trigger: "admin",
        });
        return {
          data: {
            asOf: result.asOf,
            dryRun: result.dryRun,
            anonymised: result.anonymised,
            batches: result.batches,
          },
        };
      },
    );

    app.post(
      "/api/admin/personal-data/lookup",
      {
        config: { access: { actions: ["personal_data.manage"] } },
        schema: {
          tags,
          summary:
            "Tra cứu toàn bộ hồ sơ và phản ánh, kiến nghị của một người (theo số điện thoại, số CMND/CCCD hoặc họ tên) trong phạm vi quản trị; có ghi nhật ký",
          body: personLookupBody,
          response: { 200: z.object({ data: personDataView }), ...commonErrors },
        },
      },
      async (request) => {
        const { actor } = requireSession(request);
        return { data: await lookUpPerson(db, actor, request.body, "lookup") };
      },
    );
    app.post(
      "/api/admin/personal-data/anonymise",
      {
        config: { access: { actions: ["personal_data.manage"] } },
        schema: {
          tags,
          summary:
            "Ẩn danh theo yêu cầu các hồ sơ và phản ánh, kiến nghị đã kết thúc của một người (tìm bằng tra cứu) trong một giao dịch; từ chối nếu còn bản ghi đang giải quyết; có ghi nhật ký",
          body: anonymiseRequestBody,
          response: {
            200: z.object({ data: anonymiseRequestView }),
            ...commonErrors,
            409: commonErrors[400],
          },
        },
      },
      async (request) => {
        const { actor } = requireSession(request);
        return { data: await anonymisePersonOnRequest(db, actor, request.body) };
      },
    );
    app.post(
      "/api/admin/personal-data/export.xlsx",
      {
        config: { access: { actions: ["personal_data.manage"] } },
        schema: {
          tags,
          summary:
            "Xuất ra tệp Excel toàn bộ hồ sơ và phản ánh, kiến nghị của một người trong phạm vi quản trị; có ghi nhật ký",
          body: personLookupBody,
          response: { ...fileAnswer(XLSX, "Tệp Excel"), ...commonErrors },
        },
      },
      async (request, reply) => {
        const { actor } = requireSession(request);
        const data = await lookUpPerson(db, actor, request.body, "export");
        const buffer = await personDataWorkbook(data);
        return reply
          .header("content-type", XLSX)
          .header("content-disposition", attachment("du-lieu-ca-nhan.xlsx"))
          .send(buffer);
      },
    );
  };
}
