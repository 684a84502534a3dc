import type { FastifyInstance, FastifySchema } from "fastify";

/** One route as registered: method, URL pattern and its (zod) schema. */
export interface RouteEntry {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
  /** The route's config (`access`, `public`, …). */
  config: unknown;
}

const tables = new WeakMap<FastifyInstance, RouteEntry[]>();

/**
 * Records every route registered after this call (including plugins' routes), so tests can be
 * generated from the route table and cover routes added later.
 */
export function recordRouteTable(app: FastifyInstance) {
  const entries: RouteEntry[] = [];
  tables.set(app, entries);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      entries.push({
        method: String(method),
        url: route.url,
        schema: route.schema,
        config: route.config,
      });
    }
  });
}

/** The routes recorded by recordRouteTable, in registration order. */
export function routeTable(app: FastifyInstance): readonly RouteEntry[] {
  return tables.get(app) ?? [];
}
