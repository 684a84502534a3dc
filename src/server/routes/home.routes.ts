import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import { homeOf } from "../services/home.service.ts";
import { commonErrors } from "./common.schemas.ts";

export const homeItemView = z.object({
  id: z.string(),
  record: z.enum(["task", "dossier", "feedback", "plan", "unit", "area", "user", "job"]),
  title: z.string(),
  detail: z.string().nullable(),
  dueDate: z.string().nullable(),
  unitName: z.string().nullable(),
  planId: z.string().nullable(),
  value: z.number().nullable(),
});

export const homeSectionView = z.object({
  key: z.string(),
  count: z.number(),
  link: z.object({
    list: z.enum([
      "tasks",
      "dossiers",
      "feedback",
      "plans",
      "plan_targets",
      "users",
      "units",
      "jobs",
    ]),
    filter: z.record(z.string(), z.string()),
  }),
  items: z.array(homeItemView),
});

export const homeView = z.object({
  data: z.object({ roles: z.array(z.string()), sections: z.array(homeSectionView) }),
});

export function homeRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/home",
      {
        schema: {
          tags: ["home"],
          summary:
            "Việc hôm nay: các mục của từng vai trò của người dùng, mỗi mục đếm bằng chính danh sách nó mở",
          response: { 200: homeView, ...commonErrors },
        },
      },
      async (request) => homeOf(db, requireSession(request).actor),
    );
  };
}
