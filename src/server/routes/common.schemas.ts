import { z } from "zod";

export const idParams = z.object({ id: z.uuid({ error: "Mã định danh không hợp lệ." }) });

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Ngày phải có dạng YYYY-MM-DD." })
  .refine((value) => !Number.isNaN(Date.parse(value)), { error: "Ngày không hợp lệ." });

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
