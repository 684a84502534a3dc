import { z } from "zod";
import {
  areaKeySchema,
  importWarningSchema,
  planImportSchema,
  reportScheduleEntrySchema,
  targetComparatorSchema,
  targetUnitSchema,
  unplacedSchema,
} from "../../core/plan-import/contract.ts";
import type { PlanDraft } from "../../core/plan-import/to-plan-draft.ts";

/** The period a draft proposes, read from the plan's title and date. */
const draftPeriod = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("year"), year: z.number() }),
  z.object({
    kind: z.literal("half_year"),
    year: z.number(),
    half: z.union([z.literal(1), z.literal(2)]),
  }),
  z.object({ kind: z.literal("multi_year"), year: z.number(), endYear: z.number() }),
]);

const nullableText = z.string().nullable();

/** The create-plan draft the import proposes (`PlanDraft`, src/core/plan-import/to-plan-draft.ts). */
export const planDraftView = z.object({
  unitId: z.string(),
  title: z.string(),
  decisionNumber: nullableText,
  planNumber: nullableText,
  place: nullableText,
  issuedDate: nullableText,
  signerAuthority: z.enum(["TM.", "KT.", "Q."]).nullable(),
  signerTitle: nullableText,
  signerName: nullableText,
  purposes: z.string(),
  recipients: z.array(z.string()),
  period: draftPeriod,
  bases: z.array(
    z.object({
      type: nullableText,
      number: nullableText,
      date: nullableText,
      issuer: nullableText,
      text: z.string(),
    }),
  ),
  duties: z.array(
    z.object({ agencyName: z.string(), agencyId: nullableText, duties: z.array(z.string()) }),
  ),
  areas: z.array(
    z.object({
      key: areaKeySchema,
      heading: z.string(),
      targetScore: z.number().nullable(),
      maxScore: z.number().nullable(),
    }),
  ),
  targets: z.array(
    z.object({
      text: z.string(),
      areaKey: areaKeySchema.nullable(),
      metric: z.string(),
      comparator: targetComparatorSchema,
      value: z.number().nullable(),
      valueHigh: z.number().nullable(),
      unit: targetUnitSchema.nullable(),
      scope: nullableText,
      line: z.number().nullable(),
    }),
  ),
  tasks: z.array(
    z.object({
      areaKey: areaKeySchema,
      ref: nullableText,
      text: z.string(),
      leadAgencyId: nullableText,
      supportAgencyIds: z.array(z.string()),
      monitorAgencyId: nullableText,
      deliverable: nullableText,
      timeline: nullableText,
      leadText: nullableText,
      supportText: nullableText,
      monitorText: nullableText,
      targetText: nullableText,
      source: z.enum(["table", "narrative"]),
      line: z.number().nullable(),
      suggestedLeadAgencyId: nullableText.optional(),
      flags: z.array(z.enum(["no_lead", "no_deadline", "timeline_outside_period"])).optional(),
    }),
  ),
  reportSchedule: z.array(reportScheduleEntrySchema.omit({ line: true })),
}) satisfies z.ZodType<PlanDraft>;

/** `POST /api/plan-imports`: what was read, the draft made of it, and the source for review. */
export const planImportPreviewView = z.object({
  extracted: planImportSchema,
  draft: planDraftView,
  /** The unit the draft is for (`?unitId=` or the actor's own). */
  unit: z.object({ id: z.string(), name: z.string() }),
  /**
   * The header names another unit than `unit`: both names, and the units the header names among
   * those the user may write plans for. Saving waits for the user's explicit choice.
   */
  unitMismatch: z
    .object({
      code: z.literal("PLAN_IMPORT_UNIT_MISMATCH"),
      issuer: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      candidates: z.array(z.object({ id: z.string(), name: z.string() })),
    })
    .nullable(),
  warnings: z.array(importWarningSchema),
  unplaced: z.array(unplacedSchema),
  agencies: z.array(z.object({ id: z.string(), name: z.string() })),
  source: z.object({
    format: z.string(),
    filename: z.string().nullable(),
    lines: z.array(z.object({ line: z.number(), text: z.string() })),
  }),
});

export const planImportCan = z.object({ createPlan: z.boolean(), createMethodology: z.boolean() });
