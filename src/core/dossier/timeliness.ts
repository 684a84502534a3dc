/**
 * On-time rules. A dossier is finished at the first of resolved / returned / refused / stopped;
 * it is on time when finished no later than its due date (the whole due day counts). Time waiting
 * for the applicant's supplement is not counted: the due date moves by the working days paused.
 * A second supplement request makes the dossier late whatever the dates.
 * The same rule in SQL, for counts over many dossiers: src/server/db/repositories/dossier-timeliness.sql.ts.
 */
export type Timeliness = "early" | "on_time" | "late" | "pending" | "overdue";

export const TIMELINESS_LABELS: Record<Timeliness, string> = {
  early: "Trước hạn",
  on_time: "Đúng hạn",
  late: "Trễ hạn",
  pending: "Trong hạn",
  overdue: "Quá hạn",
};

export interface TimelinessInput {
  /** The due date in force (already moved by supplement pauses), YYYY-MM-DD. */
  dueDate: string;
  /** Day the dossier was finished (Vietnam time), or null while it is being processed. */
  finishedOn: string | null;
  supplementCount: number;
  /** Today in Vietnam, for dossiers not finished yet. */
  today: string;
  /** Withdrawn dossiers are not classified. */
  withdrawn?: boolean;
}

/** The supplement request that makes a dossier late whatever its dates: the second one. */
export const LATE_AT_SUPPLEMENT_REQUEST = 2;

export function timeliness(input: TimelinessInput): Timeliness | null {
  if (input.withdrawn) return null;
  const forcedLate = input.supplementCount >= LATE_AT_SUPPLEMENT_REQUEST;
  if (input.finishedOn === null) {
    return forcedLate || input.today > input.dueDate ? "overdue" : "pending";
  }
  if (forcedLate || input.finishedOn > input.dueDate) return "late";
  return input.finishedOn < input.dueDate ? "early" : "on_time";
}

/** Whether the dossier is (or will be) late: it then needs an apology letter before it finishes. */
export function isLate(input: TimelinessInput): boolean {
  const result = timeliness(input);
  return result === "late" || result === "overdue";
}
