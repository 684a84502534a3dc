import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { DatabaseKind } from "../db/database.ts";

export function healthRoutes(kind: DatabaseKind): FastifyPluginAsyncZod {
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
          },
        },
      },
      async () => ({ data: { status: "ok" as const, database: kind } }),
    );
  };
}
