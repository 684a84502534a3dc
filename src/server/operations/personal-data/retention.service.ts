/**
 * Retention of citizens' personal data: what is due on a day, and the run that anonymises it in
 * batches, one transaction per batch (its records, their `anonymised_records` rows and one audit
 * entry stand or fall together). Codes, dates, states and counts are kept: every KPI is unchanged.
 */
import {
  closedOnOrBefore,
  PERSONAL_DATA_RECORDS,
  validRetentionPolicy,
  type PersonalDataRecord,
  type RetentionPolicy,
} from "../../../core/personal-data/index.ts";
import type { Executor } from "../../db/database.ts";
import { AppError } from "../../errors.ts";
import type { Actor } from "../../services/actor.ts";
import { runUseCase } from "../../services/use-case.ts";
import * as repository from "./retention.repository.ts";

export const DEFAULT_BATCH_SIZE = 500;
export const MAX_BATCH_SIZE = 10_000;
/** The table's pages a retention step reads (anonymiseDueInPages): 2 MB. */
export const RETENTION_WALK_PAGES = 256;
export type RunTrigger = "schedule" | "admin" | "cli";

const RECORD_LABELS: Record<PersonalDataRecord, string> = {
  dossier: "hồ sơ",
  feedback: "phản ánh, kiến nghị",
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function requireIsoDate(value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (
    !ISO_DATE.test(value) ||
    Number.isNaN(date.getTime()) ||
    !date.toISOString().startsWith(value)
  )
    throw new AppError("PERSONAL_DATA_DATE_INVALID", { params: { value } });
  return value;
}

function cutoffs(policy: RetentionPolicy, asOf: string) {
  const dossier = closedOnOrBefore(asOf, policy.dossierYears);
  const feedback = closedOnOrBefore(asOf, policy.feedbackYears);
  return { dossier, feedback };
}

export interface RetentionStatus {
  asOf: string;
  policy: RetentionPolicy;
  /** Records closed on or before these days are due on `asOf`. */
  closedOnOrBefore: Record<PersonalDataRecord, string>;
  due: Record<PersonalDataRecord, number>;
  anonymised: Record<PersonalDataRecord, number>;
  lastRun: repository.RunRow | null;
}

export async function retentionStatus(
  exec: Executor,
  policy: RetentionPolicy,
  asOf: string,
  { walkPages = RETENTION_WALK_PAGES }: { walkPages?: number } = {},
): Promise<RetentionStatus> {
  validRetentionPolicy(policy);
  requireIsoDate(asOf);
  const days = cutoffs(policy, asOf);
  const due = { dossier: 0, feedback: 0 };
  for (const record of PERSONAL_DATA_RECORDS)
    due[record] = await countDue(exec, record, repository.endOfVietnamDay(days[record]), walkPages);
  return {
    asOf,
    policy,
    closedOnOrBefore: days,
    due,
    anonymised: await repository.countAnonymised(exec),
    lastRun: await repository.lastRun(exec),
  };
}

/**
 * The due records counted a few pages a statement, as the run walks the table: one count of the
 * whole table held the embedded database's one connection as long as the run's old search
 * (0.5–0.8 s at a million dossiers). Records written meanwhile may be counted in their new place
 * or not at all, as in any count of a table in use.
 */
async function countDue(
  exec: Executor,
  record: PersonalDataRecord,
  closedBefore: string,
  pages: number,
): Promise<number> {
  const end = await repository.tablePages(exec, record);
  let due = 0;
  for (let fromPage = 0; fromPage < end; fromPage += pages)
    due += await repository.countDueInPages(exec, record, closedBefore, { fromPage, pages });
  return due;
}

export interface PurgeOptions {
  asOf: string;
  batchSize?: number;
  dryRun?: boolean;
  trigger: RunTrigger;
  signal?: AbortSignal;
  /** Pages read a step; tests make it small. */
  walkPages?: number;
}

export interface PurgeResult {
  asOf: string;
  dryRun: boolean;
  policy: RetentionPolicy;
  closedOnOrBefore: Record<PersonalDataRecord, string>;
  /** Dry run: what would be anonymised; otherwise what was. */
  anonymised: Record<PersonalDataRecord, number>;
  batches: number;
  runId: string | null;
}

/**
 * Anonymises every record due on `asOf`, `batchSize` at a time, walking each table a few pages
 * a statement (RETENTION_WALK_PAGES, anonymiseDueInPages). A dry run counts and changes nothing.
 * A run stopped half-way (error, shutdown) keeps the batches it committed and the next run goes
 * on from there.
 */
export async function purgePersonalData(
  db: Executor,
  actor: Actor,
  policy: RetentionPolicy,
  options: PurgeOptions,
): Promise<PurgeResult> {
  validRetentionPolicy(policy);
  const asOf = requireIsoDate(options.asOf);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE)
    throw new AppError("VALIDATION_FAILED", {
      details: [{ message: `Cỡ đợt phải là số nguyên từ 1 đến ${MAX_BATCH_SIZE}.` }],
    });
  const days = cutoffs(policy, asOf);
  if (options.dryRun) {
    const status = await retentionStatus(db, policy, asOf, { walkPages: options.walkPages });
    return {
      asOf,
      dryRun: true,
      policy,
      closedOnOrBefore: days,
      anonymised: status.due,
      batches: 0,
      runId: null,
    };
  }
  const runId = await repository.insertRun(db, {
    trigger: options.trigger,
    asOf,
    dossierYears: policy.dossierYears,
    feedbackYears: policy.feedbackYears,
    startedAt: new Date(),
  });
  const done = { dossier: 0, feedback: 0 };
  let batches = 0;
  try {
    for (const record of PERSONAL_DATA_RECORDS) {
      const closedBefore = repository.endOfVietnamDay(days[record]);
      // Records stored after this (received during the run) are not yet due.
      const end = await repository.tablePages(db, record);
      const pages = options.walkPages ?? RETENTION_WALK_PAGES;
      for (let fromPage = 0; fromPage < end;) {
        options.signal?.throwIfAborted();
        const n = await runUseCase(db, actor, async ({ tx, audit }) => {
          const count = await repository.anonymiseDueInPages(tx, record, closedBefore, {
            fromPage,
            pages,
            limit: batchSize,
            runId,
          });
          if (count > 0)
            await audit({
              action: "personal_data.anonymised",
              entityId: runId,
              unitId: null,
              summary: `Ẩn danh dữ liệu cá nhân hết thời hạn lưu trữ: ${count} ${RECORD_LABELS[record]} đóng đến ngày ${days[record]} (tính đến ngày ${asOf})`,
            });
          return count;
        });
        if (n > 0) batches += 1;
        done[record] += n;
        // A full batch may have left due records in these pages: read them again.
        if (n < batchSize) fromPage += pages;
      }
    }
  } catch (error) {
    await repository.finishRun(db, runId, {
      dossiers: done.dossier,
      feedback: done.feedback,
      batches,
      error: error instanceof AppError ? error.code : "RUN_FAILED",
    });
    throw error;
  }
  await repository.finishRun(db, runId, {
    dossiers: done.dossier,
    feedback: done.feedback,
    batches,
    error: null,
  });
  return {
    asOf,
    dryRun: false,
    policy,
    closedOnOrBefore: days,
    anonymised: done,
    batches,
    runId,
  };
}
