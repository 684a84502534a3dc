import type { FastifyInstance, FastifyRequest } from "fastify";
import { findControlCharacter } from "../../core/text/control-characters.ts";
import { AppError, type ErrorDetail } from "../errors.ts";

/**
 * One check for every string a request carries — JSON body, query string, path parameters and
 * multipart text fields — run before any route's validation, so routes added later are covered:
 * a control character (NUL, …) is refused with VALIDATION_FAILED and the field's path. Body text
 * may hold tabs and line breaks; query strings and path parameters are single-line.
 */
export function registerSafeInput(app: FastifyInstance) {
  // A callback hook, not an async one: no promise per request for a check that never waits.
  app.addHook("preValidation", (request: FastifyRequest, _reply, done) => {
    try {
      assertSafeText([
        { value: request.params, multiline: false },
        { value: request.query, multiline: false },
        { value: request.body, multiline: true },
      ]);
    } catch (error) {
      done(error as Error);
      return;
    }
    done();
  });
}

/** Multipart text fields, checked by the routes that read them. */
export function assertSafeFields(fields: Record<string, unknown>) {
  assertSafeText([{ value: fields, multiline: true }]);
}

const MAX_DETAILS = 20;

function assertSafeText(sources: Array<{ value: unknown; multiline: boolean }>) {
  const details: ErrorDetail[] = [];
  for (const source of sources) collect(source.value, source.multiline, details);
  if (details.length > 0) throw new AppError("VALIDATION_FAILED", { details });
}

/** Walks the value without recursion (a deeply nested JSON body must not overflow the stack). */
function collect(root: unknown, multiline: boolean, details: ErrorDetail[]) {
  const stack: Array<{ value: unknown; path: string }> = [{ value: root, path: "" }];
  while (stack.length > 0 && details.length < MAX_DETAILS) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      const found = findControlCharacter(value, { multiline });
      if (found) {
        details.push({
          path,
          message: `Không được chứa ký tự điều khiển (${found.codePoint}).`,
        });
      }
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) {
        stack.push({ value: value[index], path: join(path, String(index)) });
      }
    } else if (value !== null && typeof value === "object" && !Buffer.isBuffer(value)) {
      for (const [key, child] of Object.entries(value).reverse()) {
        if (findControlCharacter(key, { multiline: false })) {
          details.push({ path, message: "Tên trường chứa ký tự điều khiển." });
        } else {
          stack.push({ value: child, path: join(path, key) });
        }
      }
    }
  }
}

function join(path: string, key: string) {
  return path ? `${path}.${key}` : key;
}
