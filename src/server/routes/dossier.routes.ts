import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import {
  getDossier,
  issueApology,
  listDossiers,
  receiveDossier,
  transitionDossier,
  updateDossier,
} from "../services/dossier.service.ts";
import { dossierVoidRoutes } from "./dossier-void.routes.ts";
import { dossierFormRoutes } from "./dossier-forms.routes.ts";
import { caseReadRoutes } from "./case-register.schemas.ts";
import { commonErrors, idParams } from "./common.schemas.ts";
import {
  apologyBody,
  dossierDetailView,
  dossierListQuery,
  dossierUpdateBody,
  dossierView,
  receiveBody,
  transitionBody,
} from "./one-stop.schemas.ts";

const detail = z.object({ data: dossierDetailView });

/** The dossier register and its steps; the desk forms are in dossier-forms.routes.ts. `publicUrl`: CCHC_PUBLIC_URL as `publicBaseUrl` reads it (the receipt's QR); null when unset. */
export function dossierRoutes(
  db: Executor,
  options: { publicUrl: string | null } = { publicUrl: null },
): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(dossierVoidRoutes(db));
    await app.register(dossierFormRoutes(db, options.publicUrl));

    caseReadRoutes(
      app,
      { path: "/api/dossiers", tag: "one-stop", row: dossierView, detail },
      {
        listSummary: "Sổ theo dõi hồ sơ: danh sách hồ sơ được phép xem",
        query: dossierListQuery,
        can: { receive: z.boolean() },
        list: (actor, query) => listDossiers(db, actor, query),
        detailSummary: "Chi tiết hồ sơ với lịch sử xử lý",
        get: (actor, id) => getDossier(db, actor, id),
      },
    );

    app.post(
      "/api/dossiers",
      {
        config: { access: { actions: ["dossier.write"] } },
        schema: {
          tags: ["one-stop"],
          summary: "Tiếp nhận hồ sơ (cấp mã hồ sơ, tính ngày hẹn trả)",
          body: receiveBody,
          response: { 201: detail, ...commonErrors, 409: commonErrors[400] },
        },
      },
      async (request, reply) => {
        const result = await receiveDossier(db, requireSession(request).actor, request.body);
        return reply.status(201).send(result);
      },
    );

    app.patch(
      "/api/dossiers/:id",
      {
        config: { access: { actions: ["dossier.write"] } },
        schema: {
          tags: ["one-stop"],
          summary:
            "Sửa thông tin người nộp và các cờ số hóa/kết quả điện tử/thanh toán (mã hồ sơ không đổi)",
          params: idParams,
          body: dossierUpdateBody,
          response: { 200: detail, ...commonErrors },
        },
      },
      async (request) =>
        updateDossier(db, requireSession(request).actor, request.params.id, request.body),
    );

    app.post(
      "/api/dossiers/:id/transitions",
      {
        config: { access: { actions: ["dossier.write"] } },
        schema: {
          tags: ["one-stop"],
          summary: "Chuyển bước xử lý hồ sơ",
          params: idParams,
          body: transitionBody,
          response: { 200: detail, ...commonErrors, 409: commonErrors[400] },
        },
      },
      async (request) =>
        transitionDossier(db, requireSession(request).actor, request.params.id, request.body),
    );

    app.post(
      "/api/dossiers/:id/apologies",
      {
        config: { access: { actions: ["dossier.write"] } },
        schema: {
          tags: ["one-stop"],
          summary: "Lập văn bản xin lỗi và hẹn lại ngày trả kết quả",
          params: idParams,
          body: apologyBody,
          response: { 201: detail, ...commonErrors },
        },
      },
      async (request, reply) => {
        const result = await issueApology(
          db,
          requireSession(request).actor,
          request.params.id,
          request.body,
        );
        return reply.status(201).send(result);
      },
    );
  };
}
