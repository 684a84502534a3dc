import type { Socket } from "node:net";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isDatabaseUnavailable } from "../db/database-errors.ts";
import { RuleError } from "../../core/errors.ts";
import {
  bodyTooLargeMessage,
  fileTooLargeMessage,
  MAX_UPLOAD_BYTES,
} from "../../core/files/upload-limits.ts";
import { AppError, appErrorOfRule, errorBody, type ErrorDetail } from "../errors.ts";

/** Messages of busboy (behind @fastify/multipart) for a multipart body cut short or malformed. */
const MALFORMED_MULTIPART =
  /Unexpected end of (multipart data|form)|terminated early|Boundary not found|Malformed part header|Boundary required/;

/** Limits of the multipart plugin as registered in app.ts (a route may lower the file size). */
export const MULTIPART_LIMITS = { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } as const;

/** The body limit Fastify applies when a route sets none (app.ts `bodyLimit`). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** What a request may carry: its route's body limit and its multipart file size limit. */
export interface RequestLimits {
  bodyLimit: number;
  fileSize: number;
}

const DEFAULT_LIMITS: RequestLimits = {
  bodyLimit: DEFAULT_BODY_LIMIT,
  fileSize: MULTIPART_LIMITS.fileSize,
};

/**
 * The limits of the request's route: its body limit (a route may raise it, e.g. the federation
 * inbox) and the multipart file size (routes that lower it, evidence and the desk's import,
 * answer their own 413 with their limit).
 */
export function requestLimits(request: FastifyRequest | undefined): RequestLimits {
  return {
    bodyLimit: request?.routeOptions?.bodyLimit ?? DEFAULT_LIMITS.bodyLimit,
    fileSize: DEFAULT_LIMITS.fileSize,
  };
}

const tooLarge = (reason: string) => new AppError("PAYLOAD_TOO_LARGE", { params: { reason } });

/**
 * The one place where errors become HTTP responses; nothing else (no stack trace) leaks out. A
 * 413 states the limit that applied (`limits`: the request's route's, or the defaults).
 */
export function toAppError(error: unknown, limits: RequestLimits = DEFAULT_LIMITS): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof RuleError) return appErrorOfRule(error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details: ErrorDetail[] = error.validation.map((issue) => ({
      path:
        issue.instancePath.replace(/^\//, "").replace(/\//g, ".") ||
        String(issue.params?.issue ? "" : ""),
      message: issue.message ?? "Giá trị không hợp lệ.",
    }));
    return new AppError("VALIDATION_FAILED", { details });
  }
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError("INVALID_JSON");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return tooLarge(bodyTooLargeMessage(limits.bodyLimit));
    case "FST_REQ_FILE_TOO_LARGE":
      return tooLarge(fileTooLargeMessage(limits.fileSize));
    case "FST_FILES_LIMIT":
      return tooLarge(`Mỗi lần chỉ gửi được ${MULTIPART_LIMITS.files} tệp.`);
    case "FST_FIELDS_LIMIT":
      return tooLarge(`Biểu mẫu gửi lên có quá ${MULTIPART_LIMITS.fields} trường.`);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return new AppError("UNSUPPORTED_MEDIA_TYPE");
    case "FST_ERR_VALIDATION":
    case "FST_INVALID_JSON_FIELD_ERROR":
    case "FST_PROTO_VIOLATION":
      return new AppError("VALIDATION_FAILED");
    case "FST_MP_PREMATURE_CLOSE":
      return new AppError("MULTIPART_MALFORMED");
    case "FST_ERR_BAD_URL":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError("REQUEST_MALFORMED");
    // A path under a static folder that leaves it (`..`): as if it did not exist.
    case "FST_STATIC_FORBIDDEN_PATH":
    case "FST_ERR_MAX_PARAM_LENGTH":
      return new AppError("NOT_FOUND");
  }
  if (
    fastifyError.statusCode === undefined &&
    MALFORMED_MULTIPART.test(fastifyError.message ?? "")
  ) {
    return new AppError("MULTIPART_MALFORMED");
  }
  const status = fastifyError.statusCode;
  if (status === 429) return new AppError("RATE_LIMITED");
  if (status === 413) return tooLarge(bodyTooLargeMessage(limits.bodyLimit));
  if (status === 415 || status === 406) return new AppError("UNSUPPORTED_MEDIA_TYPE");
  if (status === 404) return new AppError("NOT_FOUND");
  if (status === 403) return new AppError("FORBIDDEN");
  if (status === 414 || status === 431) return new AppError("REQUEST_HEADERS_TOO_LARGE");
  if (status === 400) return new AppError("VALIDATION_FAILED");
  // Any other client error a plugin raises (416, 405, …) stays a client error.
  if (status !== undefined && status >= 400 && status < 500)
    return new AppError("REQUEST_MALFORMED");
  if (isDatabaseUnavailable(error))
    return new AppError("DATABASE_UNAVAILABLE", { params: { retryAfterSeconds: 5 } });
  return new AppError("INTERNAL_ERROR");
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error, requestLimits(request));
    if (appError.code === "DATABASE_UNAVAILABLE") {
      // An outage is one line per request, not a stack trace each.
      request.log.warn(
        { route: request.routeOptions.url, method: request.method },
        "database unavailable",
      );
    } else if (appError.status >= 500) {
      // The error serializer (log-safety.ts) keeps SQL parameters and values out of the log.
      request.log.error(
        { err: error, route: request.routeOptions.url, method: request.method },
        "unhandled error",
      );
    }
    const retryAfter = appError.params?.retryAfterSeconds;
    if (typeof retryAfter === "number") void reply.header("retry-after", String(retryAfter));
    void reply.status(appError.status).send(errorBody(appError));
  });
}

/** Fastify's `frameworkErrors`: a URL that does not decode, a path parameter too long. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(error, requestLimits(request));
  void reply.status(appError.status).send(errorBody(appError));
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (raw UTF-8 or spaces in the
 * URL, a malformed header, headers or URL over the size limit) get the documented error body.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  let status = 400;
  let appError = new AppError("REQUEST_MALFORMED");
  if (error.code === "HPE_HEADER_OVERFLOW") {
    appError = new AppError("REQUEST_HEADERS_TOO_LARGE");
    status = appError.status;
  } else if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    status = 408;
  }
  if (socket.writable) {
    const body = JSON.stringify(errorBody(appError));
    socket.write(
      `HTTP/1.1 ${status} ${status === 408 ? "Request Timeout" : status === 431 ? "Request Header Fields Too Large" : "Bad Request"}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
