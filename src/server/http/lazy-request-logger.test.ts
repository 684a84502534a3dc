import Fastify, { LogController } from "fastify";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { LazyRequestLogger, lazyRequestLogger } from "./lazy-request-logger.ts";

describe("a request's logger made when it logs", () => {
  it("makes no child for a request that logs nothing, and logs with the request id otherwise", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const app = Fastify({
      logger: { level: "info", stream, redact: { paths: ["*.secret"], censor: "x" } },
      childLoggerFactory: lazyRequestLogger,
      logController: new LogController({ disableRequestLogging: true }),
    });
    const loggers: LazyRequestLogger[] = [];
    app.get("/quiet", async (request) => {
      loggers.push(request.log as LazyRequestLogger);
      return "ok";
    });
    app.get("/loud", async (request) => {
      loggers.push(request.log as LazyRequestLogger);
      request.log.debug("below the level");
      request.log.warn({ detail: { secret: "s3" } }, "careful");
      return "ok";
    });
    expect((await app.inject("/quiet")).statusCode).toBe(200);
    expect((await app.inject("/loud")).statusCode).toBe(200);
    await app.close();

    expect(loggers.map((logger) => logger.made)).toEqual([false, true]);
    expect(loggers[0]!.level).toBe("info");
    expect(lines).toEqual([
      expect.objectContaining({ reqId: "req-2", msg: "careful", detail: { secret: "x" } }),
    ]);
  });
});
