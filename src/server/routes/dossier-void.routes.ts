import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import { voidDossier, voidImportRun } from "../services/dossier-void.service.ts";
import { commonErrors, errorResponse, idParams } from "./common.schemas.ts";
import { dossierDetailView } from "./one-stop.schemas.ts";

/** Voiding wrongly imported dossiers, one or a whole import run (administrators of the unit). */

const voidBody = z.object({
  reason: z
    .string()
    .trim()
    .min(1, { error: "Vui lòng ghi rõ lý do hủy." })
    .max(2000, { error: "Lý do dài quá 2000 ký tự." }),
});

export function dossierVoidRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/api/dossiers/:id/void",
      {
        config: { access: { actions: ["dossier.void"] } },
        schema: {
          tags: ["one-stop"],
          summary: "Hủy hồ sơ nhập sai (quản trị của đơn vị; giữ lại hồ sơ, lý do và nhật ký)",
          description:
            "Chỉ hồ sơ nhập từ tệp (không phải tiếp nhận tại quầy: 409 `DOSSIER_VOID_NOT_IMPORTED`); " +
            "đã hủy → 409 `DOSSIER_VOIDED`. Hồ sơ đã hủy không còn trong sổ theo dõi (trừ khi lọc `voided=true`), " +
            "tra cứu công khai, chỉ số; mã của nó được giải phóng.",
          params: idParams,
          body: voidBody,
          response: {
            200: z.object({ data: dossierDetailView }),
            ...commonErrors,
            409: errorResponse,
          },
        },
      },
      async (request) =>
        voidDossier(db, requireSession(request).actor, request.params.id, request.body),
    );

    app.post(
      "/api/dossier-imports/:id/void",
      {
        config: { access: { actions: ["dossier.void"] } },
        schema: {
          tags: ["one-stop"],
          summary: "Hủy mọi hồ sơ do một lượt nhập tạo ra (quản trị của đơn vị; lượt nhập sai)",
          description:
            "Hồ sơ lượt nhập đã cập nhật nhưng do lượt khác tạo ra không bị hủy. Lượt đang chạy → 409 " +
            "`DOSSIER_IMPORT_BUSY`; đã hủy → 409 `DOSSIER_IMPORT_ALREADY_VOIDED`.",
          params: idParams,
          body: voidBody,
          response: {
            200: z.object({ data: z.object({ voidedCount: z.number() }) }),
            ...commonErrors,
            409: errorResponse,
          },
        },
      },
      async (request) => ({
        data: await voidImportRun(
          db,
          requireSession(request).actor,
          request.params.id,
          request.body,
        ),
      }),
    );
  };
}
