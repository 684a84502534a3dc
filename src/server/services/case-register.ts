import {
  eventLabel,
  isCaseState,
  needsReason,
  type CaseRegister,
  type CaseWorkflow,
} from "../../core/case-register/index.ts";
import { instantOfVietnamLocal, vietnamLocal } from "../../core/dossier/index.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import * as caseRepository from "../db/repositories/case-register.repository.ts";
import type { CaseEventValues } from "../db/repositories/case-register.repository.ts";
import { AppError, type ErrorCode } from "../errors.ts";
import type { Actor } from "./actor.ts";
import type { UseCaseContext } from "./use-case.ts";

/*
 * What every case register does the same way (dossiers, feedback; next survey rounds and
 * inspections): when a step may be dated, the receipt and the history of a case, and the one
 * transition use case — lock the row, check the move in the core, apply it, record the event and
 * the audit entry, all in the caller's transaction.
 */

/** Clock skew tolerated between the desk's computer and the server for "now". */
const FUTURE_TOLERANCE_MS = 60_000;

/** What a register tells the shared use cases about itself. */
export interface CaseRegisterUse<S extends string, A extends string> {
  workflow: CaseWorkflow<S, A>;
  errors: {
    /** A case that cannot be read or moved. */
    notFound: ErrorCode;
    /** An action that needs a reason was given none. */
    reasonRequired: ErrorCode;
    /** A moment in the future, or before the case's last step. */
    timeInvalid: ErrorCode;
  };
  /** Runs a pure rule of the register, turning its typed error into an AppError. */
  applyRule<T>(rule: () => T): T;
}

const register = <S extends string, A extends string>(use: CaseRegisterUse<S, A>): CaseRegister =>
  use.workflow.register;

/** A moment given as Vietnam local "YYYY-MM-DD HH:mm" (default now), never in the future. */
export function caseMoment<S extends string, A extends string>(
  use: CaseRegisterUse<S, A>,
  value: string | null | undefined,
  now: Date = new Date(),
): Date {
  if (!value) return now;
  const at = use.applyRule(() => instantOfVietnamLocal(value));
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError(use.errors.timeInvalid, {
      params: { reason: `${value} ở trong tương lai` },
    });
  }
  return at;
}

/** The register filters every list shares, as the repositories take them. */
export function caseListFilter(
  query: {
    q?: string;
    from?: string;
    to?: string;
    overdue?: boolean;
  },
  /** Today in Vietnam (tests pass their own day). */
  today: string = vietnamDate(new Date()),
) {
  return {
    q: query.q?.trim() || undefined,
    /** Received on or after the first day (Vietnam time)… */
    receivedFrom: query.from ? instantOfVietnamLocal(`${query.from} 00:00`) : undefined,
    /** …and before the end of the last one. */
    receivedBefore: query.to
      ? new Date(instantOfVietnamLocal(`${query.to} 00:00`).getTime() + 86_400_000)
      : undefined,
    /** Open and past its due date on this day. */
    overdueOn: query.overdue ? today : undefined,
  };
}

/** When a step happens: not before the case's last recorded step, never in the future. */
export async function stepMoment<S extends string, A extends string>(
  tx: Executor,
  use: CaseRegisterUse<S, A>,
  caseId: string,
  value: string | null | undefined,
): Promise<Date> {
  const at = caseMoment(use, value);
  const last = await caseRepository.lastCaseEventAt(tx, register(use), caseId);
  if (last && at.getTime() < last.getTime()) {
    throw new AppError(use.errors.timeInvalid, {
      params: { reason: `không được trước bước xử lý gần nhất của ${use.workflow.caseNoun}` },
    });
  }
  return at;
}

/** Records a step of a case that is not a transition (receipt, apology, satisfaction…). */
export async function recordCaseEvent<S extends string, A extends string>(
  tx: Executor,
  use: CaseRegisterUse<S, A>,
  caseId: string,
  values: CaseEventValues,
) {
  return caseRepository.insertCaseEvent(tx, register(use), caseId, values);
}

/** The first event of a case: received by the actor at `at`, in the workflow's initial state. */
export async function recordReceipt<S extends string, A extends string>(
  tx: Executor,
  use: CaseRegisterUse<S, A>,
  actor: Actor,
  caseId: string,
  at: Date,
  note: string | null,
) {
  return recordCaseEvent(tx, use, caseId, {
    action: "receive",
    fromState: null,
    toState: use.workflow.initialState,
    at,
    byId: actor.userId,
    byName: actor.name,
    note,
  });
}

/** A case's history as the API shows it; `labels` names the register's own events. */
export async function caseHistory<S extends string, A extends string>(
  exec: Executor,
  use: CaseRegisterUse<S, A>,
  caseId: string,
  labels: Record<string, string> = {},
) {
  const events = await caseRepository.listCaseEvents(exec, register(use), caseId);
  return events.map(({ event, toAgencyName }) => ({
    id: event.id,
    action: event.action,
    actionLabel: labels[event.action] ?? eventLabel(use.workflow, event.action),
    fromState: event.fromState,
    toState: event.toState,
    at: event.at.toISOString(),
    byName: event.byName,
    toAgencyName,
    note: event.note,
  }));
}

/** A case row as the transition use case needs it. */
export interface CaseRow {
  id: string;
  code: string;
  unitId: string;
  state: string;
}

/** What a register adds to the transition use case. */
export interface CaseTransitionUse<
  S extends string,
  A extends string,
  Row extends CaseRow,
  Changes,
> extends CaseRegisterUse<S, A> {
  /** Locks the case row for the transaction; refuses a case that cannot move (e.g. voided). */
  lock(tx: Executor, id: string): Promise<Row | null>;
  /** The state after the action under the case's own rules (core; throws the register's error). */
  next(row: Row, from: S, action: A): S;
  update(tx: Executor, id: string, changes: Changes): Promise<Row>;
}

/** One step being applied: the locked case, the move the core allowed, when, and why. */
export interface CaseStep<S extends string, A extends string, Row> {
  row: Row;
  action: A;
  from: S;
  to: S;
  at: Date;
  /** The Vietnam date of `at`. */
  day: string;
  note: string | null;
}

/** What the register's part of a step changes on the case and records on the event. */
export interface CaseStepEffect<Changes> {
  changes?: Changes;
  toAgencyId?: string | null;
  /** What the event records as its note (default: the note given). */
  eventNote?: string | null;
}

export interface CaseTransitionInput<A extends string> {
  action: A;
  note?: string | null;
  at?: string | null;
}

/**
 * The one transition use case of every register, in the caller's transaction: lock the case,
 * check the move in the core (and the reason it needs), date it, let the register apply its own
 * part, then update the case and record the event and the audit entry. Returns the updated row.
 */
export async function transitionCase<
  S extends string,
  A extends string,
  Row extends CaseRow,
  Changes extends object,
>(
  { tx, actor, audit }: UseCaseContext,
  use: CaseTransitionUse<S, A, Row, Changes>,
  id: string,
  input: CaseTransitionInput<A>,
  apply: (step: CaseStep<S, A, Row>) => Promise<CaseStepEffect<Changes>>,
): Promise<Row> {
  const { workflow } = use;
  const row = await use.lock(tx, id);
  if (!row || !isCaseState(workflow, row.state)) throw new AppError(use.errors.notFound);
  const from = row.state;
  const to = use.applyRule(() => use.next(row, from, input.action));
  const note = input.note?.trim() || null;
  if (needsReason(workflow, input.action) && !note) {
    throw new AppError(use.errors.reasonRequired, {
      params: { action: workflow.actionLabels[input.action] },
    });
  }
  const at = await stepMoment(tx, use, id, input.at);
  const effect = await apply({
    row,
    action: input.action,
    from,
    to,
    at,
    day: vietnamLocal(at).date,
    note,
  });
  const updated = await use.update(tx, id, { ...effect.changes, state: to } as Changes);
  await recordCaseEvent(tx, use, id, {
    action: input.action,
    fromState: from,
    toState: to,
    at,
    byId: actor.userId,
    byName: actor.name,
    toAgencyId: effect.toAgencyId ?? null,
    note: effect.eventNote === undefined ? note : effect.eventNote,
  });
  const noun = workflow.caseNoun.charAt(0).toUpperCase() + workflow.caseNoun.slice(1);
  await audit({
    action: `${workflow.register}.transition`,
    entityId: id,
    unitId: row.unitId,
    before: row,
    after: updated,
    summary: `${noun} ${row.code}: ${workflow.actionLabels[input.action]} (${workflow.stateLabels[from]} → ${workflow.stateLabels[to]})`,
  });
  return updated;
}
