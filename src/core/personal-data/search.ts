/**
 * Where a register's search (`q`) may match citizens' personal fields (an applicant's or sender's
 * name, a feedback's title): only in the records whose personal data the reader sees in full.
 * Elsewhere the search matches codes only, so a reader who sees "Nguyễn T. T." cannot confirm
 * "Nguyễn Thị Thuỷ" by searching it. The unit's own desk reads everything it searches in full:
 * its search is not restricted at all (the query, and its indexes, stay as they were).
 */
import type { FeedbackReach } from "../access/record-gate.ts";
import type { UnitScope } from "../access/role-policy.ts";

/** Every record the list reads, or only these units' records. */
export type PersonalSearchUnits = "everywhere" | string[];

/**
 * For a register filtered by units (dossiers): `read` is what the list reads, `full` where the
 * reader sees personal data in full.
 */
export function personalSearchUnits(read: UnitScope, full: UnitScope): PersonalSearchUnits {
  if (full.kind === "all") return "everywhere";
  if (read.kind === "some" && [...read.unitIds].every((id) => full.unitIds.has(id)))
    return "everywhere";
  const readable = (id: string) => read.kind === "all" || read.unitIds.has(id);
  return [...full.unitIds].filter(readable).sort();
}

/** Every record the list reads, or only the records of this reach. */
export type PersonalSearchReach = "everywhere" | FeedbackReach;

function within(units: readonly string[], outer: ReadonlySet<string> | null): boolean {
  return outer === null || units.every((id) => outer.has(id));
}

/**
 * For the feedback register, whose reach also has agency officers' part (their agency's feedback
 * in their units): `read` is what the list reads, `full` where the sender's data is shown in full.
 */
export function personalSearchReach(read: FeedbackReach, full: FeedbackReach): PersonalSearchReach {
  if (full.unitIds === null) return "everywhere";
  const fullUnits = new Set(full.unitIds);
  const covered =
    read.unitIds !== null &&
    within(read.unitIds, fullUnits) &&
    read.agencyReach.every(
      (part) =>
        within(part.unitIds, fullUnits) ||
        full.agencyReach.some(
          (f) => f.agencyId === part.agencyId && within(part.unitIds, new Set(f.unitIds)),
        ),
    );
  return covered ? "everywhere" : full;
}

/**
 * Whether a register's search box may say it searches names, for this reader: "all" (names in
 * every record the list reads), "some" (names only in the records shown in full, codes elsewhere)
 * or "none" (codes only). It follows from the reader's roles alone, never from the rows on screen,
 * so the search box's label does not change from one page or filter to the next.
 */
export const NAME_SEARCH_COVERAGES = ["all", "some", "none"] as const;
export type NameSearchCoverage = (typeof NAME_SEARCH_COVERAGES)[number];

export function nameSearchCoverage(
  search: PersonalSearchUnits | PersonalSearchReach,
): NameSearchCoverage {
  if (search === "everywhere") return "all";
  if (Array.isArray(search)) return search.length > 0 ? "some" : "none";
  const reaches =
    search.unitIds === null ||
    search.unitIds.length > 0 ||
    search.agencyReach.some((p) => p.unitIds.length > 0);
  return reaches ? "some" : "none";
}
