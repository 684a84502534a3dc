import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import type { JobRunner } from "../jobs/job-runner.ts";
import type { FederationSettings } from "../services/federation-keys.ts";
import {
  getIdentity,
  getParent,
  INBOX_PATH,
  listChildren,
  queueSend,
  receiveSnapshot,
  registerChild,
  revokeChild,
  sentStatus,
  setParent,
} from "../services/federation.service.ts";
import { commonErrors, errorResponse, idParams } from "./common.schemas.ts";
import {
  childInput,
  childView,
  identityView,
  parentInput,
  parentView,
  sentStatusView,
  sentView,
  snapshotInput,
  snapshotReceipt,
} from "./federation.schemas.ts";

/** The largest snapshot accepted (figures and four narrative sections of 20,000 characters). */
export const SNAPSHOT_BODY_LIMIT = 512 * 1024;

/** Federation between CCHC instances: linking (administrators), sending, and the inbox. */
export function federationRoutes(
  db: Executor,
  settings: FederationSettings | undefined,
  jobs: JobRunner,
): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["federation"];
    const admin = { access: { actions: ["system.federation" as const] } };
    app.get(
      "/api/federation/identity",
      {
        schema: {
          tags,
          summary:
            "Định danh liên thông của hệ thống (mã và khóa công khai để trao cho hệ thống cấp trên/cấp dưới); tạo khi dùng lần đầu",
          response: { 200: z.object({ data: identityView }), ...commonErrors, 409: errorResponse },
        },
      },
      async (request) => getIdentity(db, requireSession(request).actor, settings),
    );
    app.get(
      "/api/federation/children",
      {
        schema: {
          tags,
          summary: "Các hệ thống cấp dưới đã đăng ký gửi báo cáo lên hệ thống này",
          response: { 200: z.object({ data: z.array(childView) }), ...commonErrors },
        },
      },
      async (request) => listChildren(db, requireSession(request).actor),
    );
    app.post(
      "/api/federation/children",
      {
        config: admin,
        schema: {
          tags,
          summary:
            "Đăng ký một hệ thống cấp dưới: mã định danh, khóa công khai (trao đổi trực tiếp giữa hai quản trị) và đơn vị mà nó đại diện",
          body: childInput,
          response: { 201: z.object({ data: childView }), ...commonErrors, 409: errorResponse },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await registerChild(db, requireSession(request).actor, settings, request.body)),
    );
    app.post(
      "/api/federation/children/:id/revoke",
      {
        config: admin,
        schema: {
          tags,
          summary:
            "Thu hồi quyền liên thông của một hệ thống cấp dưới (các báo cáo đã nhận giữ nguyên)",
          params: idParams,
          response: { 200: z.object({ data: childView }), ...commonErrors },
        },
      },
      async (request) => revokeChild(db, requireSession(request).actor, request.params.id),
    );
    app.get(
      "/api/federation/parent",
      {
        schema: {
          tags,
          summary: "Hệ thống cấp trên nhận báo cáo của hệ thống này (chưa khai báo: null)",
          response: { 200: z.object({ data: parentView.nullable() }), ...commonErrors },
        },
      },
      async (request) => getParent(db, requireSession(request).actor),
    );
    app.put(
      "/api/federation/parent",
      {
        config: admin,
        schema: {
          tags,
          summary: "Khai báo hệ thống cấp trên: địa chỉ, mã định danh và khóa công khai",
          body: parentInput,
          response: { 200: z.object({ data: parentView }), ...commonErrors, 409: errorResponse },
        },
      },
      async (request) => setParent(db, requireSession(request).actor, settings, request.body),
    );
    app.get(
      "/api/federation/reports/:id/sent",
      {
        schema: {
          tags,
          summary:
            "Tình trạng gửi các phiên bản của báo cáo lên hệ thống cấp trên (đang gửi, đã gửi, lỗi; số lần thử)",
          params: idParams,
          response: { 200: z.object({ data: sentStatusView }), ...commonErrors },
        },
      },
      async (request) => sentStatus(db, requireSession(request).actor, request.params.id, settings),
    );
    app.post(
      "/api/federation/reports/:id/send",
      {
        config: { access: { actions: ["report.write"] } },
        schema: {
          tags,
          summary:
            "Gửi phiên bản đã chốt mới nhất của báo cáo lên hệ thống cấp trên (ký số, gửi nền, tự thử lại khi lỗi)",
          params: idParams,
          response: { 202: z.object({ data: sentView }), ...commonErrors, 409: errorResponse },
        },
      },
      async (request, reply) =>
        reply
          .status(202)
          .send(
            await queueSend(db, requireSession(request).actor, request.params.id, settings, jobs),
          ),
    );
    app.post(
      INBOX_PATH,
      {
        // No session: a child instance authenticates by its Ed25519 signature (declared public on
        // purpose in http/session.ts, and exempt from the CSRF token, which needs a session).
        bodyLimit: SNAPSHOT_BODY_LIMIT,
        config: { public: true, rateLimit: { max: 120, timeWindow: "1 minute" } },
        schema: {
          tags,
          summary:
            "Hộp nhận của hệ thống cấp trên: một hệ thống cấp dưới đã đăng ký gửi báo cáo đã chốt, có chữ ký Ed25519; lưu như báo cáo gửi tại chỗ",
          body: snapshotInput,
          response: {
            200: z.object({ data: snapshotReceipt }),
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            409: errorResponse,
            413: errorResponse,
            422: errorResponse,
          },
        },
      },
      async (request) => receiveSnapshot(db, settings, request.body),
    );
  };
}
