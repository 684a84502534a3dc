import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, errorBody, type ErrorDetail } from "../errors.ts";

/** The one place where errors become HTTP responses; nothing else (no stack trace) leaks out. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
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
    case "FST_REQ_FILE_TOO_LARGE":
    case "FST_FILES_LIMIT":
      return new AppError("PAYLOAD_TOO_LARGE");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return new AppError("UNSUPPORTED_MEDIA_TYPE");
    case "FST_ERR_VALIDATION":
      return new AppError("VALIDATION_FAILED");
  }
  if (fastifyError.statusCode === 429) return new AppError("RATE_LIMITED");
  if (fastifyError.statusCode === 413) return new AppError("PAYLOAD_TOO_LARGE");
  if (fastifyError.statusCode === 415) return new AppError("UNSUPPORTED_MEDIA_TYPE");
  if (fastifyError.statusCode === 400) return new AppError("VALIDATION_FAILED");
  return new AppError("INTERNAL_ERROR");
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, "unhandled error");
    const retryAfter = appError.params?.retryAfterSeconds;
    if (typeof retryAfter === "number") void reply.header("retry-after", String(retryAfter));
    void reply.status(appError.status).send(errorBody(appError));
  });
}
