/**
 * How long citizens' personal data is kept: a closed record's personal fields are anonymised
 * once its retention period has passed; its code, dates, states and counts stay for statistics.
 *
 * INFERRED, not read from a legal text: the reference folder holds nothing on ND 13/2023/NĐ-CP
 * or the 2025 personal-data law, which require data to be kept no longer than its purpose needs
 * but name no period for one-stop dossiers or feedback. The defaults (dossiers 5 years after they
 * were completed, feedback 3 years after they were closed) are a cautious reading of the archive
 * periods officials commonly apply; each installation sets its own
 * (`CCHC_RETENTION_DOSSIER_YEARS`, `CCHC_RETENTION_FEEDBACK_YEARS`) after checking its
 * province's archive rules.
 */
import type { PersonalDataRecord } from "./fields.ts";

export interface RetentionPolicy {
  /** Years after a dossier was completed (result returned, or finished when never returned). */
  dossierYears: number;
  /** Years after a feedback was closed (answered, transferred or rejected). */
  feedbackYears: number;
}

/** Inferred defaults, see above. */
export const DEFAULT_RETENTION: RetentionPolicy = { dossierYears: 5, feedbackYears: 3 };

export const MAX_RETENTION_YEARS = 100;

export class RetentionPolicyError extends Error {
  constructor(readonly field: keyof RetentionPolicy) {
    super(`${field} must be a whole number of years from 1 to ${MAX_RETENTION_YEARS}`);
    this.name = "RetentionPolicyError";
  }
}

export function validRetentionPolicy(policy: RetentionPolicy): RetentionPolicy {
  for (const field of ["dossierYears", "feedbackYears"] as const) {
    const years = policy[field];
    if (!Number.isInteger(years) || years < 1 || years > MAX_RETENTION_YEARS)
      throw new RetentionPolicyError(field);
  }
  return policy;
}

export function yearsFor(policy: RetentionPolicy, record: PersonalDataRecord): number {
  return record === "dossier" ? policy.dossierYears : policy.feedbackYears;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(isoDate: string): [number, number, number] {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`not a date: ${isoDate}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The same calendar day `years` later (29/02 → 28/02 in a common year). */
export function addYears(isoDate: string, years: number): string {
  const [year, month, day] = parts(isoDate);
  const target = year + years;
  return iso(target, month, Math.min(day, daysInMonth(target, month)));
}

/**
 * The last day whose closed records are due on `asOf` (Vietnam date): a record closed on or
 * before it has been kept its full period. Closed 15/03/2020 with 5 years: kept through
 * 15/03/2025, due from 16/03/2025.
 */
export function closedOnOrBefore(asOf: string, years: number): string {
  // The largest day c with dueFrom(c, years) <= asOf; going back from the day before, a 29/02
  // may still fit one day later.
  let candidate = addYears(shiftDays(asOf, -1), -years);
  while (dueFrom(shiftDays(candidate, 1), years) <= asOf) candidate = shiftDays(candidate, 1);
  return candidate;
}

function shiftDays(isoDate: string, days: number): string {
  parts(isoDate);
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The first day a record closed on `closedOn` is due for anonymisation. */
export function dueFrom(closedOn: string, years: number): string {
  return shiftDays(addYears(closedOn, years), 1);
}

/** Whether a record closed on `closedOn` (null: still open, never due) is due on `asOf`. */
export function isDue(closedOn: string | null, asOf: string, years: number): boolean {
  return closedOn !== null && dueFrom(closedOn, years) <= asOf;
}
