import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { timingSafeEqual } from "node:crypto";
import type { Executor } from "../db/database.ts";
import { inLane } from "../db/pglite-lanes.ts";
import { AppError } from "../errors.ts";
import {
  resolveSession,
  sessionCache,
  SESSION_TTL_MS,
  type SessionInfo,
} from "../services/auth.service.ts";

export const SESSION_COOKIE = "cchc_session";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/**
 * Requests that may change state without a session-bound CSRF token: sign-in, and the federation
 * inbox, which another CCHC server calls without a session (its Ed25519 signature authenticates
 * it; no browser cookie is involved).
 */
export const FEDERATION_INBOX = "/api/federation/snapshots";
const CSRF_EXEMPT = new Set(["/api/auth/sign-in", FEDERATION_INBOX]);
/** Public no-login writes (feedback form): no session to bind a token to; the origin check stays. */
const PUBLIC_PREFIX = "/api/public/";
/** What a user who must first choose a new password may still call (besides public routes). */
const BEFORE_PASSWORD_CHANGE = new Set([
  "/api/auth/me",
  "/api/auth/sign-in",
  "/api/auth/sign-out",
  "/api/auth/password",
]);
const NO_SESSION_PREFIXES = [PUBLIC_PREFIX, "/api/health", "/api/docs", FEDERATION_INBOX];
/**
 * The only URLs a route may open to callers without a session (`config: { public: true }`):
 * the public pages' API, sign-in, health, the API description and the federation inbox.
 */
const MAY_BE_PUBLIC = [PUBLIC_PREFIX, "/api/auth/sign-in", "/api/health", "/api/docs"];

declare module "fastify" {
  interface FastifyInstance {
    /** Resolved sessions kept a few seconds (auth/session-cache.ts); `loads` counts its queries. */
    sessionCache: ReturnType<typeof sessionCache>;
  }
  interface FastifyRequest {
    session: SessionInfo | null;
  }
  interface FastifyContextConfig {
    /** Answered without a session; every other `/api/*` route requires one (deny by default). */
    public?: boolean;
  }
}

function mayBePublic(url: string) {
  // Exactly this URL (not a prefix): nothing else under /api/federation/ goes without a session.
  if (url === FEDERATION_INBOX) return true;
  return MAY_BE_PUBLIC.some((prefix) => url === prefix || url.startsWith(prefix));
}

/**
 * Deny by default: every `/api/*` route needs a session unless its config says `public: true`
 * (checked in the session hook below), which only the URLs above may say. Registered before any
 * route, so a route added later without the flag is closed, and a flag on another URL is refused
 * at start.
 */
export function registerDenyByDefault(app: FastifyInstance) {
  app.addHook("onRoute", (route) => {
    if (route.config?.public && !mayBePublic(route.url)) {
      throw new Error(`${route.url}: only public, sign-in, health and docs routes may be public`);
    }
  });
}

function sameToken(a: string, b: string) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Same-origin check on top of the token: a browser always sends Origin on cross-site writes. */
function isForeignOrigin(request: FastifyRequest) {
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

export function registerSessionHandling(
  app: FastifyInstance,
  db: Executor,
  cacheOptions: { seconds: number; clock?: () => number },
) {
  const cache = sessionCache(cacheOptions.seconds * 1000, cacheOptions.clock);
  app.addHook("onClose", () => cache.close());
  app.decorate("sessionCache", cache);
  app.decorateRequest("session", null);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    const token = request.cookies[SESSION_COOKIE];
    // A few seconds' cache, else one indexed query, before queued heavy work on the embedded
    // database (pglite-lanes.ts).
    request.session = token ? await inLane("light", () => resolveSession(db, token, cache)) : null;
    // An unknown address under /api/public/ is simply not found: the public pages' callers never
    // have a session, and "sign in" would be a misleading answer there.
    const unknownPublic =
      request.routeOptions.url === undefined && request.url.startsWith(PUBLIC_PREFIX);
    if (!request.session && request.routeOptions.config.public !== true && !unknownPublic) {
      throw new AppError("AUTH_REQUIRED");
    }
    const path = request.url.split("?")[0]!;
    // Refused before the body is validated or a file read: nothing answers but the change itself.
    if (
      request.session?.me.mustChangePassword &&
      !BEFORE_PASSWORD_CHANGE.has(path) &&
      !NO_SESSION_PREFIXES.some((prefix) => path.startsWith(prefix))
    ) {
      throw new AppError("PASSWORD_CHANGE_REQUIRED");
    }
    if (!UNSAFE_METHODS.has(request.method)) return;
    if (isForeignOrigin(request)) throw new AppError("CSRF_INVALID");
    if (CSRF_EXEMPT.has(path) || path.startsWith(PUBLIC_PREFIX)) return;
    if (!request.session) throw new AppError("AUTH_REQUIRED");
    const header = request.headers["x-csrf-token"];
    if (typeof header !== "string" || !sameToken(header, request.session.csrfToken)) {
      throw new AppError("CSRF_INVALID");
    }
  });
}

/**
 * The signed-in session, for every route that acts as a user. While the user must choose a new
 * password (demo account outside development, reset by an administrator) it refuses with
 * PASSWORD_CHANGE_REQUIRED: only `me`, sign-out and the password change take such a session.
 */
export function requireSession(request: FastifyRequest): SessionInfo {
  const session = requireSessionEvenBeforePasswordChange(request);
  if (session.me.mustChangePassword) throw new AppError("PASSWORD_CHANGE_REQUIRED");
  return session;
}

/** The session even when its user must still change their password (me, sign-out, change). */
export function requireSessionEvenBeforePasswordChange(request: FastifyRequest): SessionInfo {
  if (!request.session) throw new AppError("AUTH_REQUIRED");
  return request.session;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "strict", secure, path: "/" });
}
