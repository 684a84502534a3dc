import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
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
import { caseReadRoutes } from "./case-register.schemas.ts";
import { commonErrors, idParams } from "./common.schemas.ts";
import {
  feedbackDetailView,
  feedbackListQuery,
  feedbackTransitionBody,
  feedbackView,
  publicationPreview,
  registerFeedbackBody,
} from "./feedback.schemas.ts";

const detail = z.object({ data: feedbackDetailView });

/** Staff API of citizens' feedback (PAKN): register, list, one feedback, its steps. */
export function feedbackRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    caseReadRoutes(
      app,
      { path: "/api/feedback", tag: "feedback", row: feedbackView, detail },
      {
        listSummary: "Sổ theo dõi phản ánh, kiến nghị: danh sách được phép xem, lọc và quá hạn",
        query: feedbackListQuery,
        can: { register: z.boolean() },
        list: (actor, query) => listFeedback(db, actor, query),
        detailSummary: "Chi tiết phản ánh, kiến nghị với lịch sử xử lý",
        get: (actor, id) => getFeedback(db, actor, id),
      },
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
