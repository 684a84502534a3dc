import { PUBLIC_SIPAS_CHANNELS } from "../../core/sipas/channel.ts";
import { z } from "zod";
import { FIELD_GROUPS, PERIOD_GRANULARITIES, type Answers } from "../../core/sipas/index.ts";
import { booleanQuery, isoDate } from "./common.schemas.ts";

/** Answers by item code: 1–5, or null for “không trả lời”. */
export const answersInput = z
  .record(
    z.string().max(10),
    z
      .number({ error: "Câu trả lời phải từ 1 đến 5." })
      .int({ error: "Câu trả lời phải từ 1 đến 5." })
      .min(1, { error: "Câu trả lời phải từ 1 đến 5." })
      .max(5, { error: "Câu trả lời phải từ 1 đến 5." })
      .nullable(),
  )
  .refine((answers) => Object.keys(answers).length <= 100, { error: "Quá nhiều câu trả lời." })
  .transform((answers) => answers as Answers);

const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const publicResponseInput = z.object({
  unitCode: z.string().trim().min(1).max(50),
  channel: z.enum(PUBLIC_SIPAS_CHANNELS),
  answers: answersInput,
  dossierCode: optionalText(60),
  phoneLast4: z
    .string()
    .regex(/^\d{4}$/, { error: "Vui lòng nhập đúng 4 số cuối điện thoại." })
    .nullish(),
  procedureField: optionalText(200),
  desk: optionalText(60),
});

export const paperResponseInput = z.object({
  answeredOn: isoDate,
  answers: answersInput,
  dossierCode: optionalText(60),
  procedureField: optionalText(200),
  desk: optionalText(60),
});

const questionnaireItem = z.object({ code: z.string(), text: z.string() });
export const questionnaireView = z.object({
  code: z.string(),
  name: z.string(),
  effectiveFrom: z.string(),
  scale: z.array(z.object({ value: z.number(), label: z.string() })),
  noAnswerLabel: z.string(),
  parts: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      factors: z.array(
        z.object({ key: z.string(), label: z.string(), items: z.array(questionnaireItem) }),
      ),
    }),
  ),
});

export const indexQuery = z.object({
  unitId: z.uuid({ error: "Mã định danh không hợp lệ." }),
  from: isoDate,
  to: isoDate,
  fieldGroup: z.enum(FIELD_GROUPS).optional(),
  includeSubunits: booleanQuery.optional(),
});

export const trendQuery = indexQuery.extend({
  granularity: z.enum(PERIOD_GRANULARITIES).default("month"),
});

const level = {
  numerator: z.number(),
  denominator: z.number(),
  percent: z.number().nullable(),
  sampleSize: z.number(),
  isSmallSample: z.boolean(),
};

const itemIndex = z.object({
  ...level,
  code: z.string(),
  text: z.string(),
  counts: z.record(z.string(), z.number()),
  noAnswer: z.number(),
  satisfied: z.number(),
  valid: z.number(),
});

export const indicesView = z.object({
  questionnaireCode: z.string(),
  questionnaireName: z.string(),
  aggregation: z.string(),
  minSample: z.number(),
  unitCount: z.number(),
  fieldGroupLabel: z.string().nullable(),
  overall: z.object(level),
  parts: z.array(
    z.object({
      ...level,
      key: z.string(),
      label: z.string(),
      factors: z.array(
        z.object({ ...level, key: z.string(), label: z.string(), items: z.array(itemIndex) }),
      ),
    }),
  ),
});

const trendFigure = z.object({
  percent: z.number().nullable(),
  respondents: z.number(),
  isSmallSample: z.boolean(),
});

export const trendView = z.object({
  questionnaireCode: z.string(),
  minSample: z.number(),
  rows: z.array(
    z.object({
      period: z.string(),
      label: z.string(),
      overall: trendFigure,
      service: trendFigure,
      policy: trendFigure,
    }),
  ),
});
