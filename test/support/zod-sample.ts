import { randomUUID } from "node:crypto";

/**
 * Builds a request value from a route's zod schema: valid where it can tell how, with one kind of
 * bad input put into every field of the matching kind. Used by the test generated from the route
 * table, so routes added later are probed without writing anything for them.
 *
 * - "valid": a plausible valid value;
 * - "nul": every free-text string (no format, enum or pattern) carries a NUL byte;
 * - "impossible-date": every date field carries 2026-02-31 (with a time for date-times).
 *
 * `injected` tells whether the value carries the bad input anywhere.
 */
export type SampleMode = "valid" | "nul" | "impossible-date";

export interface SampleContext {
  /** Real ids by field name (unitId, agencyId, …); other uuid fields get a random uuid. */
  ids: Record<string, string>;
}

export interface Sample {
  value: unknown;
  injected: boolean;
}

export const NUL_TEXT = "Nguyễn\u0000Văn";
export const IMPOSSIBLE_DATE = "2026-02-31";
export const IMPOSSIBLE_DATE_TIME = "2026-02-31 10:00";

interface ZodLike {
  _zod: { def: ZodDef };
}
interface ZodDef {
  type: string;
  [key: string]: any;
}

const DATE_KEY = /(^|[a-z_])(date|Date|from|to|since|start|end|deadline|On|At)$/;

export function isZodSchema(value: unknown): value is ZodLike {
  return typeof value === "object" && value !== null && "_zod" in value;
}

export function sample(schema: unknown, mode: SampleMode, context: SampleContext): Sample {
  const state = { injected: false };
  const value = isZodSchema(schema) ? build(schema, "", mode, context, state) : undefined;
  return { value, injected: state.injected };
}

function build(
  schema: ZodLike,
  key: string,
  mode: SampleMode,
  context: SampleContext,
  state: { injected: boolean },
): unknown {
  const def = schema._zod.def;
  switch (def.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [field, child] of Object.entries(def.shape as Record<string, ZodLike>)) {
        const value = build(child, field, mode, context, state);
        if (value !== undefined) out[field] = value;
      }
      return out;
    }
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      return build(def.innerType, key, mode, context, state);
    case "pipe": {
      const input = def.in as ZodLike;
      const output = def.out as ZodLike;
      if (
        output._zod.def.type === "date" ||
        ((input._zod.def.type === "transform" || output._zod.def.type === "transform") &&
          DATE_KEY.test(key))
      ) {
        return dateValue(mode, state, "date");
      }
      return input._zod.def.type === "transform"
        ? build(output, key, mode, context, state)
        : build(input, key, mode, context, state);
    }
    case "string":
      return stringValue(def, key, mode, context, state);
    case "number":
    case "bigint":
      return numberValue(def, key);
    case "boolean":
      return true;
    case "date":
      return dateValue(mode, state, "date");
    case "enum":
      return Object.values(def.entries as Record<string, unknown>)[0];
    case "literal":
      return (def.values as unknown[])[0];
    case "array": {
      const element = build(def.element, singular(key), mode, context, state);
      const min = minimumOf(def, "min_length") ?? 1;
      return Array.from({ length: Math.max(1, min) }, () => element);
    }
    case "union":
      return build((def.options as ZodLike[])[0]!, key, mode, context, state);
    case "intersection":
      return {
        ...(build(def.left, key, mode, context, state) as object),
        ...(build(def.right, key, mode, context, state) as object),
      };
    case "record":
      return {};
    case "lazy":
      return build(def.getter(), key, mode, context, state);
    default:
      return "x";
  }
}

function checksOf(def: ZodDef): Array<Record<string, any>> {
  return ((def.checks ?? []) as ZodLike[]).map((check) => check._zod.def as Record<string, any>);
}

function minimumOf(def: ZodDef, check: string): number | undefined {
  return checksOf(def).find((c) => c.check === check)?.minimum as number | undefined;
}

function stringValue(
  def: ZodDef,
  key: string,
  mode: SampleMode,
  context: SampleContext,
  state: { injected: boolean },
): unknown {
  if (def.format === "uuid" || def.format === "guid") return context.ids[key] ?? randomUUID();
  if (def.format === "email") return "nguoi.dan@example.vn";
  if (def.format === "url") return "https://example.vn";
  if (def.format === "datetime") return dateValue(mode, state, "date-time");
  if (def.format === "date") return dateValue(mode, state, "date");
  const patterns = checksOf(def)
    .filter((c) => c.check === "string_format" && c.pattern instanceof RegExp)
    .map((c) => (c.pattern as RegExp).source);
  if (patterns.some((p) => p.includes("\\d{4}-\\d{2}-\\d{2}"))) {
    return dateValue(mode, state, patterns.some((p) => p.includes(":")) ? "date-time" : "date");
  }
  if (patterns.length === 0 && DATE_KEY.test(key) && /date|Date|On$|since/.test(key)) {
    return dateValue(mode, state, "date");
  }
  const min = minimumOf(def, "min_length") ?? 0;
  if (patterns.length > 0) return guessPattern(patterns[0]!, min);
  if (mode === "nul") {
    state.injected = true;
    return NUL_TEXT.padEnd(Math.max(min, NUL_TEXT.length), "x");
  }
  return "Nguyễn Văn A".padEnd(min, "x");
}

function guessPattern(source: string, min: number): string {
  if (source === "^\\d{4}$") return "6789";
  if (source.includes("\\d{2}:\\d{2}")) return "15:00";
  const digits = /\\d\{(\d+)\}/.exec(source);
  if (digits) return "1".repeat(Number(digits[1]));
  return "x".padEnd(min, "x");
}

function numberValue(def: ZodDef, key: string): number {
  const checks = checksOf(def);
  const low = checks.find((c) => c.check === "greater_than")?.value as number | undefined;
  const high = checks.find((c) => c.check === "less_than")?.value as number | undefined;
  if (key === "year") return 2026;
  if (low !== undefined) return low + (high !== undefined && high > low ? 0 : 1);
  if (high !== undefined) return Math.min(high, 1);
  return 1;
}

function dateValue(mode: SampleMode, state: { injected: boolean }, kind: "date" | "date-time") {
  if (mode === "impossible-date") {
    state.injected = true;
    return kind === "date" ? IMPOSSIBLE_DATE : IMPOSSIBLE_DATE_TIME;
  }
  return kind === "date" ? "2026-03-02" : "2026-03-02 09:00";
}

function singular(key: string): string {
  return key.endsWith("Ids") ? key.slice(0, -1) : key;
}
