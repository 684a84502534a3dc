/**
 * Permission before the body: a write route declares the action it needs in its config
 * (`config: { access: { actions: ["procedure.write"], unit: "query.unitId" } }`), and one hook
 * checks it before Fastify validates the body and before a handler reads an uploaded file. A
 * viewer gets 403 whatever the body holds, and a refused upload is never read or stored. The
 * services still make their full checks (the record's unit, agency rules) afterwards.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { mayEverDo, type Action } from "../../core/access/role-policy.ts";
import type { Executor } from "../db/database.ts";
import { AppError } from "../errors.ts";
import * as access from "../services/access.service.ts";
import type { Actor } from "../services/actor.ts";
import { requireSession } from "./session.ts";

export interface RouteAccess {
  /** Any one of these is enough at the role level. */
  actions: readonly Action[];
  /** Where the request names the unit it acts on, checked as well when it is a valid id. */
  unit?: "query.unitId" | "params.id";
}

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function unitIdOf(request: FastifyRequest, where: RouteAccess["unit"]): string | null {
  if (!where) return null;
  const [from, key] = where.split(".") as ["query" | "params", string];
  const value = (request[from] as Record<string, unknown> | undefined)?.[key];
  return typeof value === "string" && UUID.test(value) ? value : null;
}

/**
 * The unit-level check services make: a unit the actor cannot read is not found, one they read
 * but may not act on is forbidden.
 */
export async function requireUnitAction(
  db: Executor,
  actor: Actor,
  actions: readonly Action[],
  unitId: string,
): Promise<void> {
  const readable = await access.check(db, actor, "unit.read", "unit", [unitId]);
  if (!readable.has(unitId)) throw new AppError("UNIT_NOT_FOUND");
  for (const action of actions) {
    if ((await access.check(db, actor, action, "unit", [unitId])).has(unitId)) return;
  }
  throw new AppError("FORBIDDEN");
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Write routes that declare no action, on purpose: open to every signed-in user (notifications,
 * signing out), public, or one's own account (the password change).
 */
export const WRITE_ROUTES_WITHOUT_ACCESS = [
  "POST /api/auth/sign-in",
  "POST /api/auth/sign-out",
  "POST /api/auth/password",
  "POST /api/notifications/:id/read",
  "POST /api/notifications/read-all",
  "POST /api/public/feedback",
  "POST /api/public/feedback/:code/satisfaction",
  "POST /api/public/sipas/responses",
  // Another CCHC server's signed snapshot: no session; the Ed25519 signature is the check.
  "POST /api/federation/snapshots",
  // Turns the table a signed-in user is looking at into .xlsx: reads and stores nothing.
  "POST /api/exports/table.xlsx",
];

/** Write routes registered without an access declaration (checked by a test). */
export const undeclaredWriteRoutes = new Set<string>();

export function registerRouteAccess(app: FastifyInstance, db: Executor) {
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (WRITE_METHODS.has(method) && !route.config?.access)
        undeclaredWriteRoutes.add(`${method} ${route.url}`);
    }
  });
  // A callback hook: a route without an access rule (reads, public routes) costs no promise.
  app.addHook("preValidation", (request, _reply, done) => {
    if (!request.routeOptions.config.access) {
      done();
      return;
    }
    checkAccess(request).then(() => done(), done);
  });

  async function checkAccess(request: FastifyRequest) {
    const rule = request.routeOptions.config.access!;
    const { actor } = requireSession(request);
    if (!mayEverDo(actor.grants, rule.actions)) throw new AppError("FORBIDDEN");
    const unitId = unitIdOf(request, rule.unit);
    if (unitId) await requireUnitAction(db, actor, rule.actions, unitId);
  }
}
