import { z } from "zod";
import { isPhoneProof } from "../../core/dossier/index.ts";
import {
  calendarDateProblem,
  instantProblem,
  localDateTimeProblem,
} from "../../core/time/date-text.ts";

export const idParams = z.object({ id: z.uuid({ error: "Mã định danh không hợp lệ." }) });

/** Turns a pure check (null or the reason) into a zod refinement. */
function checkedBy(problem: (text: string) => string | null) {
  return (value: string, context: z.RefinementCtx) => {
    const reason = problem(value);
    if (reason) context.addIssue({ code: "custom", message: reason, input: value });
  };
}

/**
 * The API's one date type: YYYY-MM-DD, a day that exists (2026-02-31 and 2025-02-29 are refused),
 * years 1900–2100. Every date field and filter uses it.
 */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Ngày phải có dạng YYYY-MM-DD.", abort: true })
  .superRefine(checkedBy(calendarDateProblem));

/** The API's one wall-clock type: "YYYY-MM-DD HH:mm" in Vietnam (T also accepted), checked the same. */
export const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/, {
    error: "Thời điểm phải có dạng YYYY-MM-DD HH:mm (giờ Việt Nam).",
    abort: true,
  })
  .superRefine(checkedBy(localDateTimeProblem));

/**
 * A filter bound: a plain day, read as the start or the end of that day in Vietnam, or an instant
 * with its offset (2026-03-02T08:30:00+07:00). Both checked on the calendar.
 */
export function dayOrInstant(edge: "start" | "end") {
  return z
    .string()
    .superRefine(
      checkedBy((text) =>
        calendarDateProblem(text) === null || instantProblem(text) === null
          ? null
          : "Ngày phải có dạng YYYY-MM-DD (hoặc thời điểm YYYY-MM-DDTHH:mm:ss+07:00) và có trên lịch.",
      ),
    )
    .transform(
      (text) =>
        new Date(
          text.length === 10
            ? `${text}T${edge === "start" ? "00:00:00.000" : "23:59:59.999"}+07:00`
            : text,
        ),
    );
}

export const nonEmptyText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: "Không được để trống." })
    .max(max, {
      error: `Tối đa ${max} ký tự.`,
    });

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z
      .array(
        z.object({ path: z.string().optional(), row: z.number().optional(), message: z.string() }),
      )
      .optional(),
  }),
});

export const booleanQuery = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

/** Responses documented for every authenticated route. */
export const commonErrors = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
};

/**
 * The phone's proof on public pages (query parameter `phoneLast4`): its last four digits, or the
 * whole number in any format.
 */
export const phoneProof = z
  .string()
  .max(24)
  .refine(isPhoneProof, { error: "Vui lòng nhập 4 số cuối hoặc cả số điện thoại." });
