import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { verifyAgainstDummy } from "../auth/password.ts";
import type { Executor } from "../db/database.ts";
import { deviceTokenOf, setDeviceCookie } from "../http/device-cookie.ts";
import {
  clearSessionCookie,
  requireSessionEvenBeforePasswordChange,
  setSessionCookie,
} from "../http/session.ts";
import { changeOwnPassword, signIn, signOut } from "../services/auth.service.ts";
import { rememberDevice } from "../services/sign-in-throttle.ts";
import { errorResponse } from "./common.schemas.ts";
import { meView } from "./organization.schemas.ts";

export const sessionResponse = z.object({
  data: z.object({ user: meView, csrfToken: z.string() }),
});

export const signInBody = z.object({
  username: z.string().trim().min(1, { error: "Vui lòng nhập tên đăng nhập." }).max(100),
  password: z.string().min(1, { error: "Vui lòng nhập mật khẩu." }).max(200),
});

export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1, { error: "Vui lòng nhập mật khẩu hiện tại." }).max(200),
  newPassword: z.string().max(200),
});

export function authRoutes(
  db: Executor,
  options: { secureCookies: boolean; now?: () => Date },
): FastifyPluginAsyncZod {
  const now = options.now ?? (() => new Date());
  return async (app) => {
    // Hash the dummy password now, so the first unknown username is not slower than the others.
    void verifyAgainstDummy("");
    app.post(
      "/api/auth/sign-in",
      {
        schema: {
          tags: ["auth"],
          summary: "Đăng nhập",
          body: signInBody,
          response: {
            200: sessionResponse,
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            429: errorResponse,
          },
        },
        config: { public: true, rateLimit: { max: 30, timeWindow: "1 minute" } },
      },
      async (request, reply) => {
        const at = now();
        const deviceToken = deviceTokenOf(request);
        const result = await signIn(db, {
          ...request.body,
          ip: request.ip,
          userAgent: request.headers["user-agent"] ?? null,
          deviceToken,
          now: at,
        });
        setSessionCookie(reply, result.token, options.secureCookies);
        const newDevice = await rememberDevice(db, result.me.id, deviceToken, at);
        if (newDevice) setDeviceCookie(reply, newDevice, options.secureCookies);
        return { data: { user: result.me, csrfToken: result.csrfToken } };
      },
    );

    app.post(
      "/api/auth/sign-out",
      {
        schema: {
          tags: ["auth"],
          summary: "Đăng xuất",
          response: { 200: z.object({ data: z.object({ ok: z.boolean() }) }), 401: errorResponse },
        },
      },
      async (request, reply) => {
        await signOut(db, requireSessionEvenBeforePasswordChange(request));
        clearSessionCookie(reply, options.secureCookies);
        return { data: { ok: true } };
      },
    );

    app.get(
      "/api/auth/me",
      {
        schema: {
          tags: ["auth"],
          summary: "Người dùng đang đăng nhập",
          response: { 200: sessionResponse, 401: errorResponse },
        },
      },
      async (request) => {
        const session = requireSessionEvenBeforePasswordChange(request);
        return { data: { user: session.me, csrfToken: session.csrfToken } };
      },
    );

    app.post(
      "/api/auth/password",
      {
        schema: {
          tags: ["auth"],
          summary: "Đổi mật khẩu của chính mình (các phiên đăng nhập khác bị kết thúc)",
          body: passwordChangeBody,
          response: {
            200: sessionResponse,
            400: errorResponse,
            401: errorResponse,
            403: errorResponse,
            429: errorResponse,
          },
        },
        config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
      },
      async (request) => {
        const result = await changeOwnPassword(
          db,
          requireSessionEvenBeforePasswordChange(request),
          request.body,
        );
        return { data: { user: result.me, csrfToken: result.csrfToken } };
      },
    );
  };
}
