import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ROLES } from "../../core/access/role-policy.ts";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import { createUser, getUser, listUsers, updateUser } from "../services/user.service.ts";
import { commonErrors, idParams, nonEmptyText } from "./common.schemas.ts";
import { userView } from "./organization.schemas.ts";

const one = z.object({ data: userView });

export const roleBody = z.object({
  role: z.enum(ROLES),
  unitId: z.uuid().nullable(),
  agencyId: z.uuid().nullish(),
});

export const userBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9._-]{3,50}$/, {
      error: "Tên đăng nhập gồm 3–50 ký tự: chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang.",
    }),
  fullName: nonEmptyText(200),
  email: z.email({ error: "Địa chỉ thư điện tử không hợp lệ." }).nullish(),
  password: z.string().max(200),
  unitId: z.uuid({ error: "Vui lòng chọn đơn vị." }),
  agencyId: z.uuid().nullish(),
  roles: z.array(roleBody).min(1, { error: "Cần ít nhất một vai trò." }).max(20),
});

export const userUpdateBody = z.object({
  fullName: nonEmptyText(200).optional(),
  email: z.email({ error: "Địa chỉ thư điện tử không hợp lệ." }).nullish(),
  isActive: z.boolean().optional(),
  password: z.string().max(200).optional(),
  agencyId: z.uuid().nullish(),
  roles: z.array(roleBody).min(1, { error: "Cần ít nhất một vai trò." }).max(20).optional(),
});

export function userRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/users",
      {
        schema: {
          tags: ["users"],
          summary: "Danh sách người dùng",
          querystring: z.object({ unitId: z.uuid().optional(), q: z.string().max(200).optional() }),
          response: {
            200: z.object({ data: z.array(userView), can: z.object({ create: z.boolean() }) }),
            ...commonErrors,
          },
        },
      },
      async (request) => listUsers(db, requireSession(request).actor, request.query),
    );
    app.get(
      "/api/users/:id",
      {
        schema: {
          tags: ["users"],
          summary: "Chi tiết người dùng",
          params: idParams,
          response: {
            200: one.extend({ can: z.object({ update: z.boolean() }) }),
            ...commonErrors,
          },
        },
      },
      async (request) => getUser(db, requireSession(request).actor, request.params.id),
    );
    app.post(
      "/api/users",
      {
        config: { access: { actions: ["user.write"] } },
        schema: {
          tags: ["users"],
          summary: "Tạo người dùng",
          body: userBody,
          response: { 201: one, ...commonErrors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createUser(db, requireSession(request).actor, request.body)),
    );
    app.patch(
      "/api/users/:id",
      {
        config: { access: { actions: ["user.write"] } },
        schema: {
          tags: ["users"],
          summary: "Sửa người dùng, vai trò, đặt lại mật khẩu",
          params: idParams,
          body: userUpdateBody,
          response: { 200: one, ...commonErrors },
        },
      },
      async (request) =>
        updateUser(db, requireSession(request).actor, request.params.id, request.body),
    );
  };
}
