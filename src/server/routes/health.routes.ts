import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { DatabaseKind } from "../db/database.ts";
import type { DatabaseReachability } from "../db/reachability.ts";
import { AppError } from "../errors.ts";
import { errorResponse } from "./common.schemas.ts";

/**
 * 200 while the database answers, 503 DATABASE_UNAVAILABLE when it does not. The database is
 * probed at most once a second (db/reachability.ts), so health costs no query per request.
 */
export function healthRoutes(
  kind: DatabaseKind,
  reachability: DatabaseReachability,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/health",
      {
        config: { public: true },
        schema: {
          tags: ["system"],
          summary: "Tình trạng máy chủ",
          response: {
            200: z.object({
              data: z.object({
                status: z.literal("ok"),
                database: z.enum(["pglite", "postgresql"]),
              }),
            }),
            503: errorResponse,
          },
        },
      },
      async () => {
        if (!(await reachability.current()).reachable) {
          throw new AppError("DATABASE_UNAVAILABLE", { params: { retryAfterSeconds: 5 } });
        }
        return { data: { status: "ok" as const, database: kind } };
      },
    );
  };
}
