import { z } from "zod";

/**
 * A SIPAS questionnaire version (phiếu khảo sát sự hài lòng): items grouped into factors, factors
 * into two parts — the five service factors (cung ứng dịch vụ hành chính công) and the policy
 * factors (xây dựng, tổ chức thực hiện chính sách). Every item is answered on the 1–5 scale, or
 * not answered. A version is a data file (questionnaires/*.json) validated by this schema; a
 * response keeps the code of the version it answered.
 */

/** The five service factors every version must have (QĐ 2640/QĐ-BNV, kept by QĐ 1001/QĐ-BNV). */
export const SERVICE_FACTOR_KEYS = [
  "access",
  "procedures",
  "officials",
  "results",
  "feedback",
] as const;

export const PART_KEYS = ["service", "policy"] as const;
export type PartKey = (typeof PART_KEYS)[number];

/**
 * How the indices add up:
 * - `mean_of_means`: an item's rate is (4 + 5) / valid answers; a factor is the mean of its items,
 *   a part the mean of its factors, the overall index the mean of the parts (items, factors or
 *   parts without any valid answer are left out, never counted as 0);
 * - `pooled_answers`: every level is (4 + 5) / valid answers over all of its items.
 */
export const AGGREGATIONS = ["mean_of_means", "pooled_answers"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

const key = z.string().regex(/^[a-z][a-z_]{0,39}$/, "Mã chỉ gồm chữ thường không dấu và “_”.");
const label = z.string().trim().min(1).max(300);

const itemSchema = z.object({
  code: z.string().regex(/^[0-9A-Za-z.]{1,10}$/, "Mã câu hỏi không hợp lệ."),
  text: z.string().trim().min(1).max(500),
});

const factorSchema = z.object({ key, label, items: z.array(itemSchema).min(1) });

const partSchema = z.object({
  key: z.enum(PART_KEYS),
  label,
  factors: z.array(factorSchema).min(1),
});

export const questionnaireSchema = z
  .object({
    code: z.string().regex(/^[A-Z0-9-]{3,40}$/, "Mã phiên bản không hợp lệ."),
    name: label,
    source: z.string().trim().min(1).max(1000),
    effectiveFrom: z.iso.date(),
    aggregation: z.enum(AGGREGATIONS),
    /** Below this many answers an index is shown with a warning that it cannot be trusted. */
    minSample: z.number().int().min(1).max(10_000),
    parts: z.array(partSchema).min(1),
  })
  .superRefine((version, context) => {
    const itemCodes = new Set<string>();
    const factorKeys = new Set<string>();
    const partKeys = new Set<string>();
    version.parts.forEach((part, p) => {
      if (partKeys.has(part.key)) {
        context.addIssue({ code: "custom", path: ["parts", p, "key"], message: "Phần bị trùng." });
      }
      partKeys.add(part.key);
      part.factors.forEach((factor, f) => {
        if (factorKeys.has(factor.key)) {
          context.addIssue({
            code: "custom",
            path: ["parts", p, "factors", f, "key"],
            message: `Yếu tố “${factor.key}” bị trùng.`,
          });
        }
        factorKeys.add(factor.key);
        factor.items.forEach((item, i) => {
          if (itemCodes.has(item.code)) {
            context.addIssue({
              code: "custom",
              path: ["parts", p, "factors", f, "items", i, "code"],
              message: `Câu hỏi “${item.code}” bị trùng.`,
            });
          }
          itemCodes.add(item.code);
        });
      });
    });
    const service = version.parts.find((part) => part.key === "service");
    const serviceKeys = new Set(service?.factors.map((factor) => factor.key) ?? []);
    for (const required of SERVICE_FACTOR_KEYS) {
      if (!serviceKeys.has(required)) {
        context.addIssue({
          code: "custom",
          path: ["parts"],
          message: `Phần cung ứng dịch vụ phải có yếu tố “${required}”.`,
        });
      }
    }
  });

export type Questionnaire = z.infer<typeof questionnaireSchema>;
export type QuestionnaireFactor = Questionnaire["parts"][number]["factors"][number];

export interface QuestionnaireItem {
  code: string;
  text: string;
  factorKey: string;
  partKey: PartKey;
}

/** Every item of a version in the order of the form, with its factor and part. */
export function itemsOf(version: Questionnaire): QuestionnaireItem[] {
  return version.parts.flatMap((part) =>
    part.factors.flatMap((factor) =>
      factor.items.map((item) => ({ ...item, factorKey: factor.key, partKey: part.key })),
    ),
  );
}
