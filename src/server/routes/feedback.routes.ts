import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { FEEDBACK_CLASSIFICATIONS, FEEDBACK_STATES } from "../../core/feedback/index.ts";
import { FEEDBACK_CHANNELS } from "../../core/feedback/feedback-values.ts";
import { NAME_SEARCH_COVERAGES } from "../../core/personal-data/index.ts";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import {
  getFeedback,
  getPublicationPreview,
  listFeedback,
  registerFeedback,
  transitionFeedback,
  type RegisterFeedbackInput,
} from "../services/feedback.service.ts";
import { booleanQuery, commonErrors, idParams, isoDate } from "./common.schemas.ts";
import {
  feedbackDetailView,
  feedbackTransitionBody,
  feedbackView,
  publicationPreview,
  registerFeedbackBody,
} from "./feedback.schemas.ts";

const detail = z.object({ data: feedbackDetailView });

/** Staff API of citizens' feedback (PAKN): register, list, one feedback, its steps. */
export function feedbackRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/feedback",
      {
        schema: {
          tags: ["feedback"],
          summary: "Sổ theo dõi phản ánh, kiến nghị: danh sách được phép xem, lọc và quá hạn",
          querystring: z.object({
            unitId: z.uuid().optional(),
            state: z.enum(FEEDBACK_STATES).optional(),
            classification: z.enum(FEEDBACK_CLASSIFICATIONS).optional(),
            channel: z.enum(FEEDBACK_CHANNELS).optional(),
            q: z.string().max(200).optional(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            overdue: booleanQuery.optional(),
            dueSoon: booleanQuery.optional(),
            limit: z.coerce.number().int().min(1).max(500).optional(),
            /** The `nextCursor` of the previous page (keyset pagination); none for the first. */
            cursor: z.string().max(400).optional(),
          }),
          response: {
            200: z.object({
              data: z.array(feedbackView),
              /** Exact up to 10 000; beyond, 10 000 with `totalCapped`. */
              total: z.number(),
              /** More than `total` feedback match ("hơn 10.000 phản ánh, kiến nghị"). */
              totalCapped: z.boolean(),
              /** The cursor of the next page; null on the last page. */
              nextCursor: z.string().nullable(),
              can: z.object({ register: z.boolean() }),
              /**
               * Whether `q` matches senders' names and titles for this reader: in every record ("all"), only
               * in those shown in full ("some"), or nowhere, codes only ("none").
               */
              nameSearch: z.enum(NAME_SEARCH_COVERAGES),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) => listFeedback(db, requireSession(request).actor, request.query),
    );

    app.get(
      "/api/feedback/:id",
      {
        schema: {
          tags: ["feedback"],
          summary: "Chi tiết phản ánh, kiến nghị với lịch sử xử lý",
          params: idParams,
          response: { 200: detail, ...commonErrors },
        },
      },
      async (request) => getFeedback(db, requireSession(request).actor, request.params.id),
    );

    app.get(
      "/api/feedback/:id/publication-preview",
      {
        schema: {
          tags: ["feedback"],
          summary:
            "Xem trước nội dung sẽ công khai: tiêu đề, nội dung, câu trả lời đã che thông tin cá nhân",
          params: idParams,
          response: {
            200: z.object({ data: publicationPreview }),
            ...commonErrors,
            409: commonErrors[400],
          },
        },
      },
      async (request) =>
        getPublicationPreview(db, requireSession(request).actor, request.params.id),
    );

    app.post(
      "/api/feedback",
      {
        config: { access: { actions: ["feedback.write"] } },
        schema: {
          tags: ["feedback"],
          summary:
            "Tiếp nhận phản ánh, kiến nghị từ mọi kênh (cấp mã PAKN.YYYYMMDD.NNNN, tính hạn xử lý)",
          body: registerFeedbackBody,
          response: { 201: detail, ...commonErrors, 409: commonErrors[400] },
        },
      },
      async (request, reply) => {
        const result = await registerFeedback(
          db,
          requireSession(request).actor,
          request.body as RegisterFeedbackInput,
        );
        return reply.status(201).send(result);
      },
    );

    app.post(
      "/api/feedback/:id/transitions",
      {
        config: { access: { actions: ["feedback.write", "feedback.answer"] } },
        schema: {
          tags: ["feedback"],
          summary:
            "Bước xử lý phản ánh, kiến nghị: phân loại, giao xử lý, trả lời, công khai, chuyển, từ chối",
          params: idParams,
          body: feedbackTransitionBody,
          response: { 200: detail, ...commonErrors, 409: commonErrors[400] },
        },
      },
      async (request) =>
        transitionFeedback(db, requireSession(request).actor, request.params.id, request.body),
    );
  };
}
