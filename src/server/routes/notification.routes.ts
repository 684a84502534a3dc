import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { AppError } from "../errors.ts";
import { requireSession } from "../http/session.ts";
import * as access from "../services/access.service.ts";
import * as reminderRepository from "../reminders/reminder.repository.ts";
import { commonErrors, idParams } from "./common.schemas.ts";

const notificationView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

function requireUser(userId: string | null): string {
  if (!userId) throw new AppError("AUTH_REQUIRED");
  return userId;
}

export function notificationRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["notifications"];
    app.get(
      "/api/notifications",
      {
        schema: {
          tags,
          summary: "Thông báo trong ứng dụng của người dùng (nhắc hạn, quá hạn), mới nhất trước",
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: {
            200: z.object({
              data: z.array(notificationView),
              meta: z.object({ unread: z.number() }),
            }),
            ...commonErrors,
          },
        },
      },
      async (request) => {
        const userId = requireUser(requireSession(request).actor.userId);
        const rows = await reminderRepository.listNotifications(db, userId, request.query.limit);
        return {
          data: rows.map((row) => ({
            id: row.id,
            kind: row.kind,
            title: row.title,
            body: row.body,
            link: row.link,
            createdAt: row.createdAt.toISOString(),
            readAt: row.readAt?.toISOString() ?? null,
          })),
          meta: { unread: await reminderRepository.countUnread(db, userId) },
        };
      },
    );
    app.post(
      "/api/notifications/:id/read",
      {
        schema: {
          tags,
          summary: "Đánh dấu đã đọc một thông báo",
          params: idParams,
          response: { 200: z.object({ data: z.object({ ok: z.boolean() }) }), ...commonErrors },
        },
      },
      async (request) => {
        const { actor } = requireSession(request);
        const userId = requireUser(actor.userId);
        await access.requireRecord(db, actor, "notification", request.params.id, {
          read: "notification.read",
          notFound: "NOTIFICATION_NOT_FOUND",
        });
        if (!(await reminderRepository.markRead(db, userId, request.params.id))) {
          throw new AppError("NOTIFICATION_NOT_FOUND");
        }
        return { data: { ok: true } };
      },
    );
    app.post(
      "/api/notifications/read-all",
      {
        schema: {
          tags,
          summary: "Đánh dấu đã đọc mọi thông báo",
          response: { 200: z.object({ data: z.object({ ok: z.boolean() }) }), ...commonErrors },
        },
      },
      async (request) => {
        await reminderRepository.markAllRead(db, requireUser(requireSession(request).actor.userId));
        return { data: { ok: true } };
      },
    );
  };
}
