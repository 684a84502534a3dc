import { inLane } from "../db/pglite-lanes.ts";
import type { FastifyInstance } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { NAME_SEARCH_COVERAGES } from "../../core/personal-data/index.ts";
import { requireSession } from "../http/session.ts";
import type { Actor } from "../services/actor.ts";
import {
  booleanQuery,
  commonErrors,
  errorResponse,
  idParams,
  isoDate,
  phoneProof,
} from "./common.schemas.ts";

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

/*
 * What the routes of every case register (one-stop dossiers, citizens' feedback) share: the
 * register page's query and answer, a case's history, and the public lookup by code and phone.
 * Each register adds its own filters, its row and what the reader may do.
 */

/** The query of a register page: the register's own `filters` before `q`, its `flags` after. */
export function caseListQuery<
  S extends readonly [string, ...string[]],
  F extends z.ZodRawShape,
  G extends z.ZodRawShape,
>(spec: { states: S; filters: F; flags: G; cursorMax: number }) {
  return z.object({
    unitId: z.uuid().optional(),
    state: z.enum(spec.states).optional(),
    ...spec.filters,
    q: z.string().max(200).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    overdue: booleanQuery.optional(),
    ...spec.flags,
    limit: z.coerce.number().int().min(1).max(500).optional(),
    /** The `nextCursor` of the previous page (keyset pagination); none for the first. */
    cursor: z.string().max(spec.cursorMax).optional(),
  });
}

/** The answer of a register page: its rows, the capped total, the next cursor. */
export function casePageAnswer<R extends z.ZodType, C extends z.ZodRawShape>(row: R, can: C) {
  return z.object({
    data: z.array(row),
    /** Exact up to 10 000; beyond, 10 000 with `totalCapped` ("hơn 10.000 hồ sơ"). */
    total: z.number(),
    /** More than `total` records match. */
    totalCapped: z.boolean(),
    /** The cursor of the next page; null on the last page. */
    nextCursor: z.string().nullable(),
    can: z.object(can),
    /**
     * Whether `q` matches the people's names (and feedback titles) for this reader: in every
     * record ("all"), only in those shown in full ("some"), or nowhere, codes only ("none").
     */
    nameSearch: z.enum(NAME_SEARCH_COVERAGES),
  });
}

/**
 * Registers a register's two read routes, staff only: `GET <path>`, a page of the register
 * (`query`, rows of `row`, what the reader may do `can`), and `GET <path>/:id`, one case with its
 * history (`detail`). The services answer for the reader of the session.
 */
export function caseReadRoutes<
  Q extends z.ZodObject,
  R extends z.ZodType,
  C extends z.ZodRawShape,
  D extends z.ZodType,
>(
  app: ZodApp,
  register: { path: string; tag: string; row: R; detail: D },
  spec: {
    listSummary: string;
    query: Q;
    can: C;
    list(
      actor: Actor,
      query: z.output<Q>,
    ): Promise<z.input<ReturnType<typeof casePageAnswer<R, C>>>>;
    detailSummary: string;
    get(actor: Actor, id: string): Promise<z.input<D>>;
  },
) {
  // Typed through `spec` (its answers are the schemas' inputs); the zod provider validates them.
  const typed = app as FastifyInstance;
  typed.get<{ Querystring: z.output<Q> }>(
    register.path,
    {
      schema: {
        tags: [register.tag],
        summary: spec.listSummary,
        querystring: spec.query,
        response: { 200: casePageAnswer(register.row, spec.can), ...commonErrors },
      },
    },
    async (request) => spec.list(requireSession(request).actor, request.query as z.output<Q>),
  );
  typed.get<{ Params: { id: string } }>(
    `${register.path}/:id`,
    {
      schema: {
        tags: [register.tag],
        summary: spec.detailSummary,
        params: idParams,
        response: { 200: register.detail, ...commonErrors },
      },
    },
    async (request) => spec.get(requireSession(request).actor, request.params.id),
  );
}

/** One step of a case's history, as `caseHistory` (services/case-register.ts) answers it. */
export const caseEventView = z.object({
  id: z.number(),
  action: z.string(),
  actionLabel: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  at: z.string(),
  byName: z.string(),
  toAgencyName: z.string().nullable(),
  note: z.string().nullable(),
});

/**
 * Registers a register's public lookup (`GET /api/public/<register>/:code`): no login,
 * rate-limited per address; the code and the phone's proof (`phoneLast4`) find one case.
 */
export function publicCaseLookup<T extends z.ZodType>(
  app: ZodApp,
  spec: { path: string; summary: string; codeMax: number; status: T },
  lookup: (code: string, phoneLast4: string) => Promise<{ data: z.input<T> }>,
) {
  const options = {
    config: { public: true, rateLimit: { max: 30, timeWindow: "1 minute" } },
    schema: {
      tags: ["public"],
      summary: spec.summary,
      params: z.object({ code: z.string().max(spec.codeMax) }),
      querystring: z.object({ phoneLast4: phoneProof }),
      response: {
        200: z.object({ data: spec.status }),
        400: errorResponse,
        404: errorResponse,
        429: errorResponse,
      },
    },
  };
  // `lookup`'s type already ties its answer to `status`; the provider cannot resolve a generic one.
  // Typed through `lookup` (its answer is `status`'s input); the zod provider validates at run time.
  (app as FastifyInstance).get<{ Params: { code: string }; Querystring: { phoneLast4: string } }>(
    spec.path,
    options,
    // One row by its code: goes before queued heavy work on the embedded database.
    async (request) => inLane("light", () => lookup(request.params.code, request.query.phoneLast4)),
  );
}
