import { request, requestData } from "../../api/client.ts";
import type { z } from "zod";
import type { PlanDraft } from "../../../core/plan-import/to-plan-draft.ts";
import type {
  planImportCan,
  planImportPreviewView,
} from "../../../server/routes/plan-import.schemas.ts";

/**
 * Client of `POST /api/plan-imports` (read a plan into a draft) and the save through `/api/plans`;
 * the criteria table is saved through `/api/methodologies` (`../methodology/methodology.api.ts`).
 */

/** What the server read and drafted, and what it would let the user save (the plan, the criteria table). */
export type PlanImportPreview = z.infer<typeof planImportPreviewView> & {
  can: z.infer<typeof planImportCan>;
};
export type SourceLine = PlanImportPreview["source"]["lines"][number];

export type PlanImportUnitMismatch = NonNullable<PlanImportPreview["unitMismatch"]>;

/** Reads the plan into a draft for `unitId` (the user's own plan-writing unit when absent). */
async function readPreview(
  body: FormData | { text: string },
  unitId: string | undefined,
): Promise<PlanImportPreview> {
  const query = unitId ? `?unitId=${encodeURIComponent(unitId)}` : "";
  const envelope = await request<Omit<PlanImportPreview, "can">, PlanImportPreview["can"]>(
    `/api/plan-imports${query}`,
    { method: "POST", body },
  );
  return { ...envelope.data, can: envelope.can };
}

export function importPlanFile(file: File, unitId?: string): Promise<PlanImportPreview> {
  const form = new FormData();
  form.append("file", file, file.name);
  return readPreview(form, unitId);
}

export function importPlanText(text: string, unitId?: string): Promise<PlanImportPreview> {
  return readPreview({ text }, unitId);
}

/** The create-plan input: the draft without the review-only fields (the schedule is kept). */
export function toCreatePlanInput(draft: PlanDraft) {
  return {
    ...draft,
    areas: draft.areas.map((area) => ({ ...area, heading: area.heading || undefined })),
    targets: draft.targets.map(({ line: _line, ...target }) => target),
    tasks: draft.tasks.map(
      ({
        line: _line,
        source: _source,
        leadText: _lead,
        supportText: _support,
        monitorText: _monitor,
        targetText: _target,
        suggestedLeadAgencyId: _suggested,
        flags: _flags,
        ...task
      }) => task,
    ),
  };
}

export function savePlanDraft(draft: PlanDraft): Promise<{ id: string }> {
  return requestData<{ id: string }>("/api/plans", {
    method: "POST",
    body: toCreatePlanInput(draft),
  });
}
