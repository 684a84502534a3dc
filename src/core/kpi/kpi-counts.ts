/**
 * The raw counts behind every KPI of a unit (or agency, procedure, field) over a period. They add
 * up: the counts of several units are their sums, and every rate is computed from the sums.
 *
 * Dossiers: voided and withdrawn dossiers count nowhere. "To process" (cần xử lý) = received in
 * the period + carried over (received before it and not finished when it began). A dossier is
 * finished at the first of resolved / returned / refused / stopped.
 */
export interface KpiCounts {
  /** Received during the period. */
  receivedNew: number;
  /** Received before the period and still unfinished when it began. */
  carriedOver: number;
  /** Finished during the period (of those to process). */
  resolved: number;
  early: number;
  onTime: number;
  late: number;
  /** Not finished at the period's end, within the due date then. */
  pendingAtEnd: number;
  /** Not finished at the period's end, past the due date then. */
  overdueAtEnd: number;
  /** Late or overdue with an apology letter issued by the period's end. */
  lateWithApology: number;
  /** Sum and number of working days (pauses excluded) of the dossiers resolved in the period. */
  processingDaysSum: number;
  processingDaysCount: number;
  /** Of those received: submitted online. */
  online: number;
  /** Of those received: of procedures offered fully online (toàn trình). */
  fullOnlineEligible: number;
  /** Of those: submitted online. */
  fullOnline: number;
  /** Of those received: components digitised at receipt. */
  digitised: number;
  /** Finished with a result (resolved or returned) during the period. */
  withResult: number;
  /** Of those: with an electronic result. */
  electronicResult: number;
  /** Of those received: of procedures with a fee. */
  feeDue: number;
  /** Of those: paid online. */
  onlinePayment: number;
  /** Feedback (PAKN) received in the period, within competence (not transferred, not rejected). */
  feedbackWithinCompetence: number;
  /** Of those: answered early or on time. */
  feedbackOnTime: number;
  /** Of those: answered late. */
  feedbackLate: number;
  /** Of those: open at the period's end, within the due date then. */
  feedbackPending: number;
  /** Of those: open at the period's end, past the due date then. */
  feedbackOverdue: number;
  /** Feedback received in the period whose sender rated the answer (any state). */
  feedbackRated: number;
  feedbackSatisfied: number;
  /** Within competence and rated unsatisfied, or late, or overdue (QĐ 766 criterion 5.3). */
  feedbackUnsatisfiedOrLate: number;
}

export const KPI_COUNT_KEYS = [
  "receivedNew",
  "carriedOver",
  "resolved",
  "early",
  "onTime",
  "late",
  "pendingAtEnd",
  "overdueAtEnd",
  "lateWithApology",
  "processingDaysSum",
  "processingDaysCount",
  "online",
  "fullOnlineEligible",
  "fullOnline",
  "digitised",
  "withResult",
  "electronicResult",
  "feeDue",
  "onlinePayment",
  "feedbackWithinCompetence",
  "feedbackOnTime",
  "feedbackLate",
  "feedbackPending",
  "feedbackOverdue",
  "feedbackRated",
  "feedbackSatisfied",
  "feedbackUnsatisfiedOrLate",
] as const satisfies readonly (keyof KpiCounts)[];

export function emptyCounts(): KpiCounts {
  return Object.fromEntries(KPI_COUNT_KEYS.map((key) => [key, 0])) as unknown as KpiCounts;
}

/** Σ of several count sets (units side by side → their total). */
export function addCounts(...all: readonly Partial<KpiCounts>[]): KpiCounts {
  const total = emptyCounts();
  for (const counts of all) {
    for (const key of KPI_COUNT_KEYS) total[key] += Number(counts[key] ?? 0);
  }
  return total;
}

/** Dossiers to process in the period: received + carried over. */
export function toProcess(c: KpiCounts): number {
  return c.receivedNew + c.carriedOver;
}
