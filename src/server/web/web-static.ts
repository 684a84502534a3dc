import { existsSync } from "node:fs";
import { join, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import { AppError, errorBody } from "../errors.ts";

/** Vite names every file under assets/ by its content's hash: a changed file is a new URL. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
/** index.html (and anything else unhashed) is checked with the server on every load. */
export const REVALIDATE = "no-cache";

function cacheControlFor(path: string) {
  return path.includes(`${sep}assets${sep}`) ? IMMUTABLE : REVALIDATE;
}

/**
 * Serves the built SPA (any non-API path falls back to index.html): the `.br` / `.gz` written at
 * build time when the browser accepts them (Content-Encoding, Vary: Accept-Encoding), hashed
 * assets cached for a year, index.html revalidated, and never a source map (the build moves them
 * out of the folder; one left there is still not served).
 */
export async function registerWeb(app: FastifyInstance, webDir: string | null) {
  const hasWeb = webDir !== null && existsSync(join(webDir, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: "/",
      wildcard: false,
      index: false,
      preCompressed: true,
      // Our own Cache-Control below; send's default (max-age=0) would be added otherwise.
      cacheControl: false,
      allowedPath: (pathname) => !pathname.endsWith(".map"),
      setHeaders: (reply: FastifyReply, path: string) => {
        reply.header("cache-control", cacheControlFor(path));
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0]!;
    const isAsset = path.startsWith("/assets/") || path.endsWith(".map");
    if (path.startsWith("/api/") || isAsset || !hasWeb || request.method !== "GET") {
      return reply.status(404).send(errorBody(new AppError("NOT_FOUND")));
    }
    return reply.type("text/html").sendFile("index.html");
  });
}
