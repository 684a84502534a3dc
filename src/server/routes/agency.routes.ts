import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { requireSession } from "../http/session.ts";
import {
  AGENCY_KINDS,
  createAgency,
  listAgencies,
  updateAgency,
} from "../services/agency.service.ts";
import { commonErrors, idParams, nonEmptyText } from "./common.schemas.ts";
import { agencyView } from "./organization.schemas.ts";

const one = z.object({ data: agencyView });

export const agencyBody = z.object({
  unitId: z.uuid({ error: "Vui lòng chọn đơn vị." }),
  name: nonEmptyText(200),
  code: z.string().trim().max(50).nullish(),
  kind: z.enum(AGENCY_KINDS),
  isActive: z.boolean().optional(),
});

export function agencyRoutes(db: Executor): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/agencies",
      {
        schema: {
          tags: ["agencies"],
          summary: "Danh sách cơ quan",
          querystring: z.object({ unitId: z.uuid().optional() }),
          response: {
            200: z.object({ data: z.array(agencyView), can: z.object({ create: z.boolean() }) }),
            ...commonErrors,
          },
        },
      },
      async (request) => listAgencies(db, requireSession(request).actor, request.query.unitId),
    );
    app.post(
      "/api/agencies",
      {
        config: { access: { actions: ["agency.write"] } },
        schema: {
          tags: ["agencies"],
          summary: "Tạo cơ quan",
          body: agencyBody,
          response: { 201: one, ...commonErrors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createAgency(db, requireSession(request).actor, request.body)),
    );
    app.patch(
      "/api/agencies/:id",
      {
        config: { access: { actions: ["agency.write"] } },
        schema: {
          tags: ["agencies"],
          summary: "Sửa cơ quan",
          params: idParams,
          body: agencyBody.omit({ unitId: true }).partial(),
          response: { 200: one, ...commonErrors },
        },
      },
      async (request) =>
        updateAgency(db, requireSession(request).actor, request.params.id, request.body),
    );
  };
}
