import { createServer, type RequestListener, type Server } from "node:http";

/** What Fastify's own HTTP/1 server takes from its settings (fastify/lib/server.js). */
interface ServerSettings {
  http?: object | null;
  keepAliveTimeout?: number;
  requestTimeout?: number;
  connectionTimeout?: number;
  maxRequestsPerSocket?: number | null;
}

/**
 * The HTTP server Fastify would make itself, with a listener of ours in front of its handler
 * (Fastify's `serverFactory`): the same timeouts and limits from its settings.
 */
export function createHttpServer(settings: ServerSettings, listener: RequestListener): Server {
  const server = createServer(settings.http ?? {}, listener);
  if (settings.keepAliveTimeout !== undefined) server.keepAliveTimeout = settings.keepAliveTimeout;
  if (settings.requestTimeout !== undefined) server.requestTimeout = settings.requestTimeout;
  if (settings.connectionTimeout !== undefined) server.setTimeout(settings.connectionTimeout);
  if (settings.maxRequestsPerSocket) server.maxRequestsPerSocket = settings.maxRequestsPerSocket;
  return server;
}
