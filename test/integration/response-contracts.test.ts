/**
 * Typed response contracts, checked from the route table: every `/api` route declares a zod
 * schema for its success answer, and that schema is strict all the way down — no `z.unknown()`,
 * no `z.any()`, no loose objects (`z.looseObject`, `.passthrough()`, a catch-all), no records of
 * unknown values. The server's serializer then validates and strips every answer, and the web
 * takes its types from these same schemas. File downloads are the exception: they answer bytes,
 * declared with `fileAnswer()` (src/server/http/download.ts), and are listed in DOWNLOADS.
 * Routes added later are covered without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { fileBody } from "../../src/server/http/download.ts";
import { routeTable, type RouteEntry } from "../../src/server/http/route-table.ts";
import { startTestApp, type TestApp } from "../support/test-app.ts";

/** The routes that answer a file (bytes, not JSON): "METHOD /url", one a line, easy to extend. */
const DOWNLOADS = new Set([
  "GET /api/admin/backups/:name/download",
  "GET /api/plans/:id/document.docx",
  "GET /api/plans/:id/appendix.xlsx",
  "GET /api/plans/:id/tasks.xlsx",
  "GET /api/evidence/:id/download",
  "GET /api/dossiers/:id/receipt.docx",
  "POST /api/procedures/:id/reception-refusal.docx",
  "GET /api/dossiers/:id/apologies/:apologyId/document.docx",
  "GET /api/dossiers/:id/refusal-notice.docx",
  "GET /api/dossiers/:id/stop-notice.docx",
  "GET /api/dossiers/:id/supplement-request.docx",
  "GET /api/dossiers/:id/receipt.pdf",
  "GET /api/dossiers/:id/apologies/:apologyId/document.pdf",
  "GET /api/dossiers/:id/refusal-notice.pdf",
  "GET /api/dossiers/:id/stop-notice.pdf",
  "GET /api/dossiers/:id/supplement-request.pdf",
  "GET /api/one-stop/register-book/:id/print.docx",
  "GET /api/one-stop/register-book/:id/print.pdf",
  "GET /api/dossier-imports/:id/errors.csv",
  "POST /api/exports/table.xlsx",
  "POST /api/admin/personal-data/export.xlsx",
  "GET /api/reports/:id/report.docx",
  "GET /api/reports/:id/report.xlsx",
  "GET /api/reports/:id/report.pdf",
  "GET /api/reports/rollup.docx",
  "GET /api/reports/rollup.xlsx",
  "GET /api/scorecards/:id/scorecard.xlsx",
  "GET /api/scorecards/:id/scorecard.docx",
]);

/**
 * Routes not typed yet (their answers are `z.any()`): this list only shrinks. A route here that
 * becomes strict fails the last test, so it is taken off.
 */
const PENDING = new Set<string>([]);

/** Routes outside the JSON contract: the API description itself. */
const isDocs = (url: string) => url.startsWith("/api/docs");

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: false });
});
afterAll(() => t.close());

const apiRoutes = () =>
  routeTable(t.app).filter(
    (route) => route.url.startsWith("/api") && !isDocs(route.url) && route.method !== "HEAD",
  );
const name = (route: RouteEntry) => `${route.method} ${route.url}`;

type Responses = Record<string, unknown>;
const responsesOf = (route: RouteEntry): Responses =>
  ((route.schema as { response?: Responses } | undefined)?.response ?? {}) as Responses;
const successCodes = (responses: Responses) =>
  Object.keys(responses).filter((code) => /^2\d\d$/.test(code) || code === "2xx");

/** Where a schema is not strict: the paths of its unknown/any/loose parts (empty when strict). */
export function looseParts(
  schema: z.core.$ZodType,
  path = "$",
  seen = new Set<unknown>(),
): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, any>;
  const inner = (child: z.core.$ZodType | undefined, at = path) =>
    child ? looseParts(child, at, seen) : [];
  switch (def.type) {
    case "unknown":
    case "any":
    case "custom":
      return [`${path}: ${def.type}`];
    case "object": {
      const found: string[] = [];
      if (def.catchall && def.catchall._zod.def.type !== "never")
        found.push(`${path}: loose object (catch-all ${def.catchall._zod.def.type})`);
      for (const [key, child] of Object.entries(def.shape as Record<string, z.core.$ZodType>))
        found.push(...inner(child, `${path}.${key}`));
      return found;
    }
    case "array":
      return inner(def.element, `${path}[]`);
    case "record":
      return [...inner(def.keyType, `${path}{key}`), ...inner(def.valueType, `${path}{}`)];
    case "map":
      return [...inner(def.keyType, `${path}{key}`), ...inner(def.valueType, `${path}{}`)];
    case "set":
      return inner(def.valueType, `${path}[]`);
    case "tuple":
      return [
        ...(def.items as z.core.$ZodType[]).flatMap((item, i) => inner(item, `${path}[${i}]`)),
        ...inner(def.rest, `${path}[...]`),
      ];
    case "union":
      return (def.options as z.core.$ZodType[]).flatMap((option) => inner(option));
    case "intersection":
      return [...inner(def.left), ...inner(def.right)];
    case "pipe":
      return [...inner(def.in), ...inner(def.out)];
    case "lazy":
      return inner(def.getter());
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
    case "success":
      return inner(def.innerType);
    case "promise":
      return inner(def.innerType);
    default:
      return [];
  }
}

/** The zod schemas of one response entry: plain, or per content type (`fileAnswer`). */
function schemasOf(entry: unknown): { contentTypes: string[]; schemas: z.core.$ZodType[] } {
  if (entry instanceof z.core.$ZodType)
    return { contentTypes: ["application/json"], schemas: [entry] };
  const content = (entry as { content?: Record<string, { schema: unknown }> } | undefined)?.content;
  if (content)
    return {
      contentTypes: Object.keys(content),
      schemas: Object.values(content)
        .map((item) => item.schema)
        .filter((schema): schema is z.core.$ZodType => schema instanceof z.core.$ZodType),
    };
  return { contentTypes: [], schemas: [] };
}

describe("response contracts", () => {
  it("every /api route declares a strict response schema for its success answer", () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const route of routes) {
      if (PENDING.has(name(route))) continue;
      const responses = responsesOf(route);
      const codes = successCodes(responses);
      const download = DOWNLOADS.has(name(route));
      if (codes.length === 0) {
        problems.push(`${name(route)}: no response schema for a 2xx status`);
        continue;
      }
      for (const code of codes) {
        const { contentTypes, schemas } = schemasOf(responses[code]);
        if (schemas.length === 0) problems.push(`${name(route)} ${code}: not a zod schema`);
        const binary = contentTypes.some((type) => !type.includes("json"));
        if (binary && !download)
          problems.push(`${name(route)} ${code}: answers a file but is not in DOWNLOADS`);
        if (download && (!binary || schemas.some((schema) => schema !== fileBody)))
          problems.push(`${name(route)} ${code}: in DOWNLOADS but not declared with fileAnswer()`);
        if (!binary)
          for (const schema of schemas)
            for (const part of looseParts(schema)) problems.push(`${name(route)} ${code}: ${part}`);
      }
      for (const [code, entry] of Object.entries(responses))
        if (!codes.includes(code))
          for (const schema of schemasOf(entry).schemas)
            for (const part of looseParts(schema)) problems.push(`${name(route)} ${code}: ${part}`);
    }
    expect(problems).toEqual([]);
  });

  it("every route of the DOWNLOADS list exists (the list stays true)", () => {
    const names = new Set(apiRoutes().map(name));
    expect([...DOWNLOADS].filter((route) => !names.has(route))).toEqual([]);
  });

  it("the PENDING list holds only routes that exist and are still loose", () => {
    const stillLoose = (route: RouteEntry) =>
      Object.values(responsesOf(route)).some((entry) =>
        schemasOf(entry).schemas.some((schema) => looseParts(schema).length > 0),
      );
    const pending = apiRoutes().filter((route) => PENDING.has(name(route)));
    expect(pending.filter((route) => !stillLoose(route)).map(name)).toEqual([]);
    expect(pending).toHaveLength(PENDING.size);
  });

  it("finds the loose parts it is meant to find", () => {
    expect(looseParts(z.object({ data: z.unknown() }))).toEqual(["$.data: unknown"]);
    expect(looseParts(z.object({ a: z.array(z.looseObject({ b: z.string() })) }))).toEqual([
      "$.a[]: loose object (catch-all unknown)",
    ]);
    expect(looseParts(z.record(z.string(), z.any()).optional())).toEqual(["${}: any"]);
    expect(looseParts(z.object({ a: z.string(), b: z.array(z.number()).nullable() }))).toEqual([]);
    expect(looseParts(z.object({ a: z.string() }).passthrough())).toHaveLength(1);
  });
});
