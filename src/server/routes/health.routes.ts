import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { DatabaseKind } from "../db/database.ts";
import type { DatabaseReachability } from "../db/reachability.ts";
import { AppError } from "../errors.ts";
import { healthBody } from "../http/health-fast-path.ts";
import { errorResponse } from "./common.schemas.ts";

/**
 * 200 while the database answers, 503 DATABASE_UNAVAILABLE when it does not. The database is
 * probed at most once a second (db/reachability.ts), so health costs no query per request. The
 * 200 body never changes while the server runs: it is written once (the schema below documents
 * it; a test compares the two) and sent as it is, without a serializer pass per request. While
 * the last probe is fresh and the database answered, a plain `GET /api/health` is answered with
 * the same bytes before routing (http/health-fast-path.ts); this route answers the rest.
 */
export function healthRoutes(
  kind: DatabaseKind,
  reachability: DatabaseReachability,
): FastifyPluginAsyncZod {
  const ok = healthBody(kind);
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
      async (_request, reply) => {
        if (!(await reachability.current()).reachable) {
          throw new AppError("DATABASE_UNAVAILABLE", { params: { retryAfterSeconds: 5 } });
        }
        // Already serialized: the type provider types the 200 body as the object it holds.
        return reply.type("application/json; charset=utf-8").send(ok as never);
      },
    );
  };
}
