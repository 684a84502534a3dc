import { DOSSIER_CHANNEL_LABELS, type DossierChannel } from "../../core/dossier/dossier-values.ts";
import { scopeIncludes } from "../../core/access/role-policy.ts";
import { dueDate } from "../../core/calendar/index.ts";
import {
  DOSSIER_WORKFLOW,
  STATE_LABELS,
  APPLICANT_KIND_LABELS,
  applicantIdNumber,
  applicantKindOf,
  readApplicantKind,
  shownApplicantIdNumber,
  TIMELINESS_LABELS,
  allowedActions,
  dossierNoticeContent,
  hasNotice,
  isDossierState,
  movedDueDate,
  nextState,
  pausedWorkingDays,
  receivingBodyName,
  registerBookNumber,
  registerEntryLabel,
  registerEntryNumber,
  registerEntryOf,
  ruleSetById,
  documentNumber,
  noticeIssuer,
  ruleSetOn,
  supplementRequestContent,
  timeliness,
  vietnamLocal,
  type DossierAction,
  type DossierNoticeKind,
  type DossierState,
  dossierSurveyUrl,
} from "../../core/dossier/index.ts";
import {
  DOCUMENT_FORM_LABELS,
  checkReceivedDocuments,
  requireCompleteOrConfirmed,
  type ReceivedDocument,
} from "../../core/dossier/required-documents.ts";
import {
  dossierPersonalData,
  nameSearchCoverage,
  personalSearchUnits,
  personalTextView,
  type KnownPerson,
  type PersonalDataView,
} from "../../core/personal-data/index.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import { findAgencyById } from "../db/repositories/agency.repository.ts";
import { agencyInChargeAt } from "../db/repositories/case-register.repository.ts";
import * as dossierRepository from "../db/repositories/dossier.repository.ts";
import type {
  DossierInsert,
  DossierListRow,
  DossierRow,
} from "../db/repositories/dossier.repository.ts";
import { findDeskSettings } from "../db/repositories/one-stop-desk.repository.ts";
import {
  findProcedureById,
  listProcedureDocuments,
} from "../db/repositories/procedure.repository.ts";
import { findUnitById } from "../db/repositories/unit.repository.ts";
import { apologyDocx } from "../documents/one-stop/apology-document.ts";
import { noticeDocx } from "../documents/one-stop/notice-document.ts";
import { receiptDocx } from "../documents/one-stop/receipt-document.ts";
import { AppError, applyRule } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { loadWorkingCalendar } from "./calendar.service.ts";
import {
  caseHistory,
  caseListFilter,
  caseMoment,
  recordCaseEvent,
  recordReceipt,
  stepMoment,
  transitionCase,
  type CaseStep,
  type CaseStepEffect,
  type CaseTransitionUse,
} from "./case-register.ts";
import { insertWithNextCode, nextRegisterLine } from "./dossier-numbering.ts";
import { logFullRead } from "./full-read-log.ts";
import { decodeRegisterCursorWithTotal, encodeRegisterCursor } from "./register-cursor.ts";
import { requireUnitValidOn } from "./unit-validity.ts";
import { runUseCase } from "./use-case.ts";

const OPEN_STATES: ReadonlySet<string> = new Set(DOSSIER_WORKFLOW.openStates);

/* ---------- views ---------- */

export function timelinessOf(row: DossierListRow, today: string) {
  return timeliness({
    dueDate: row.dueDate,
    finishedOn: row.finishedAt ? vietnamLocal(row.finishedAt).date : null,
    supplementCount: row.supplementCount,
    today,
    withdrawn: row.state === "withdrawn",
  });
}

/** Whether the actor may void this dossier: an administrator's, imported, not voided yet. */
export function canVoid(row: DossierListRow, mayVoid: boolean) {
  return mayVoid && row.voidedAt === null && !row.receivedAtDesk;
}

/** The applicant, whose data the dossier's free texts are redacted of for a masked reader. */
function applicantOf(row: DossierListRow): KnownPerson {
  return { name: row.applicantName, phone: row.applicantPhone, address: row.applicantAddress };
}

/**
 * The applicant's data and the dossier's free texts as the actor may read them: a document
 * printed by a masked reader (an upper unit's reviewer, a viewer) is masked like the view.
 */
async function applicantForReader(
  exec: Executor,
  actor: Actor,
  row: DossierListRow,
  document: string,
) {
  const view = (await access.personalDataViews(exec, actor, "dossier", [row.id]))(row.id);
  if (view === "full")
    await logFullRead(exec, actor, {
      action: "personal_data.dossier_document",
      entityId: row.id,
      unitId: row.unitId,
      summary: `In ${document} của hồ sơ ${row.code} có dữ liệu cá nhân`,
    });
  const { applicantName, applicantPhone, applicantAddress } = dossierPersonalData(
    {
      applicantName: row.applicantName,
      applicantPhone: row.applicantPhone,
      applicantAddress: row.applicantAddress,
    },
    view,
  );
  return {
    applicant: { applicantName, applicantPhone, applicantAddress },
    text: personalTextView(view, applicantOf(row)),
  };
}

function toView(
  row: DossierListRow,
  mayWrite: boolean,
  today: string,
  mayVoid: boolean,
  personalData: PersonalDataView,
) {
  const canWrite = mayWrite && row.voidedAt === null;
  const state = row.state;
  const ruleSet = ruleSetById(row.ruleSet);
  // A voided dossier is out of every count: it is neither on time nor late.
  const onTime = row.voidedAt ? null : timelinessOf(row, today);
  const applicant = dossierPersonalData(
    {
      applicantName: row.applicantName,
      applicantPhone: row.applicantPhone,
      applicantAddress: row.applicantAddress,
    },
    personalData,
  );
  const text = personalTextView(personalData, applicantOf(row));
  return {
    id: row.id,
    code: row.code,
    unitId: row.unitId,
    unitName: row.unitName,
    procedureId: row.procedureId,
    procedureCode: row.procedureCode,
    procedureName: row.procedureName,
    procedureField: row.procedureField,
    processingDays: row.processingDays,
    ...applicant,
    // Masked for every reader, the desk's own included: only the administrators' personal-data
    // lookup and export show it in full.
    applicantIdNumber: shownApplicantIdNumber(row.applicantIdNumber),
    ...applicantKindView(row),
    channel: row.channel,
    channelLabel: DOSSIER_CHANNEL_LABELS[row.channel],
    receivedAt: row.receivedAt.toISOString(),
    countedFrom: row.countedFrom,
    dueDate: row.dueDate,
    originalDueDate: row.originalDueDate,
    rescheduledDueDate: row.rescheduledDueDate,
    state,
    stateLabel: STATE_LABELS[state],
    timeliness: onTime,
    timelinessLabel: onTime ? TIMELINESS_LABELS[onTime] : null,
    handlerAgencyId: row.handlerAgencyId,
    handlerAgencyName: row.handlerAgencyName,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    returnedAt: row.returnedAt?.toISOString() ?? null,
    supplementCount: row.supplementCount,
    pausedWorkingDays: row.pausedWorkingDays,
    reason: text(row.reason),
    digitised: row.digitised,
    electronicResult: row.electronicResult,
    onlinePayment: row.onlinePayment,
    ruleSet: ruleSet.id,
    apologyTitle: ruleSet.apologyTitle,
    allowedActions: canWrite ? allowedActions(state, ruleSet) : [],
    imported: !row.receivedAtDesk,
    registerEntry: registerEntryView(row),
    voided: row.voidedAt
      ? {
          at: row.voidedAt.toISOString(),
          byName: row.voidedByName ?? "Hệ thống",
          reason: text(row.voidReason ?? ""),
        }
      : null,
    can: {
      write: canWrite,
      void: canVoid(row, mayVoid),
      apologise: canWrite && OPEN_STATES.has(state),
      // Whoever may read the dossier may print its notices, like the receipt and the apology.
      refusalNotice: hasNotice("refusal", state, ruleSet),
      stopNotice: hasNotice("stop", state, ruleSet),
      supplementRequest: row.supplementCount > 0,
    },
  };
}

export type DossierView = ReturnType<typeof toView>;

/** The applicant's kind: the desk's when it said one (`applicantKindSaid`), else as inferred. */
function applicantKindView(
  row: Pick<DossierRow, "applicantName" | "applicantIdNumber" | "applicantKind">,
) {
  const kind = applicantKindOf({
    name: row.applicantName,
    idNumber: row.applicantIdNumber,
    kind: row.applicantKind,
  });
  return {
    applicantKind: kind,
    applicantKindLabel: APPLICANT_KIND_LABELS[kind],
    applicantKindSaid: row.applicantKind !== null,
  };
}

/** The dossier's line in the register book, as numbers and as the page shows it; null: none. */
function registerEntryView(row: DossierListRow) {
  const entry = registerEntryOf(row);
  return entry
    ? {
        ...entry,
        bookNumber: registerBookNumber(entry),
        entryNumber: registerEntryNumber(entry),
        label: registerEntryLabel(entry),
      }
    : null;
}

/* ---------- reading ---------- */

export interface DossierListQuery {
  unitId?: string;
  state?: DossierState;
  procedureId?: string;
  q?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  /** true: open dossiers due today. */
  dueToday?: boolean;
  /** true: dossiers no apology letter was issued for. */
  withoutApology?: boolean;
  /** true: the voided dossiers only (left out otherwise). */
  voided?: boolean;
  limit?: number;
  /** The `nextCursor` of the previous page; none for the first page. */
  cursor?: string;
}

export async function listDossiers(db: Executor, actor: Actor, query: DossierListQuery) {
  const readScope = await access.unitScope(db, actor, "dossier.read");
  const writeScope = await access.unitScope(db, actor, "dossier.write");
  const voidScope = await access.unitScope(db, actor, "dossier.void");
  const fullScope = await access.unitScope(db, actor, "personal_data.full");
  const personalData = (unitId: string) => access.personalDataViewOf(fullScope, unitId);
  const nameSearch = personalSearchUnits(readScope, fullScope);
  const today = vietnamDate(new Date());
  const limit = query.limit ?? 50;
  const cursor = query.cursor ? decodeRegisterCursorWithTotal(query.cursor) : undefined;
  const after = cursor?.position;
  const { rows, total, totalCapped, hasMore } = await dossierRepository.listDossiers(db, {
    unitIds: access.scopeToIds(readScope),
    unitId: query.unitId,
    state: query.state,
    procedureId: query.procedureId,
    ...caseListFilter(query),
    nameSearchUnitIds: nameSearch === "everywhere" ? undefined : nameSearch,
    dueOn: query.dueToday ? today : undefined,
    withoutApology: query.withoutApology === true,
    voided: query.voided === true,
    limit,
    after,
    knownTotal: cursor?.known,
  });
  const canReceive = writeScope.kind === "all" || writeScope.unitIds.size > 0;
  return {
    data: rows.map((row) =>
      toView(
        row,
        scopeIncludes(writeScope, row.unitId),
        today,
        scopeIncludes(voidScope, row.unitId),
        personalData(row.unitId),
      ),
    ),
    total,
    totalCapped,
    nextCursor: hasMore
      ? encodeRegisterCursor(rows[rows.length - 1]!, { total, totalCapped })
      : null,
    can: { receive: canReceive },
    nameSearch: nameSearchCoverage(nameSearch),
  };
}

async function readableDossier(exec: Executor, actor: Actor, id: string) {
  const readable = await access.check(exec, actor, "dossier.read", "dossier", [id]);
  const row = readable.has(id) ? await dossierRepository.findDossierById(exec, id) : null;
  if (!row) throw new AppError("DOSSIER_NOT_FOUND");
  return row;
}

export async function dossierDetail(exec: Executor, actor: Actor, id: string) {
  const row = await readableDossier(exec, actor, id);
  const canWrite = (await access.check(exec, actor, "dossier.write", "dossier", [id])).has(id);
  const mayVoid = (await access.check(exec, actor, "dossier.void", "dossier", [id])).has(id);
  const personalData = (await access.personalDataViews(exec, actor, "dossier", [id]))(id);
  const pauses = await dossierRepository.listPauses(exec, id);
  const apologies = await dossierRepository.listApologyLetters(exec, id);
  const documents = await dossierRepository.listDossierDocuments(exec, id);
  const ruleSet = ruleSetById(row.ruleSet);
  // Supplement requests, apology reasons and history notes quote the applicant: a masked reader
  // reads them redacted of the applicant's data (and of any phone, ID number or address).
  const text = personalTextView(personalData, applicantOf(row));
  const events = await caseHistory(exec, DOSSIER_CASES, id, { apology: ruleSet.apologyTitle });
  return {
    data: {
      ...toView(row, canWrite, vietnamDate(new Date()), mayVoid, personalData),
      documents: documents.map((doc) => ({ ...doc, formLabel: DOCUMENT_FORM_LABELS[doc.form] })),
      documentSets: row.documentSets,
      events: events.map((event) => ({ ...event, note: text(event.note) })),
      pauses: pauses.map((p) => ({
        id: p.id,
        requestedAt: p.requestedAt.toISOString(),
        resumedAt: p.resumedAt?.toISOString() ?? null,
        pausedWorkingDays: p.pausedWorkingDays,
        note: text(p.note),
      })),
      apologies: apologies.map((a) => ({
        id: a.id,
        number: a.number,
        title: ruleSetById(a.ruleSet).apologyTitle,
        issuedAt: a.issuedAt.toISOString(),
        newDueDate: a.newDueDate,
        reason: text(a.reason),
      })),
    },
  };
}

export async function getDossier(db: Executor, actor: Actor, id: string) {
  const detail = await dossierDetail(db, actor, id);
  if (detail.data.personalData === "full")
    await logFullRead(db, actor, {
      action: "personal_data.dossier_read",
      entityId: id,
      unitId: detail.data.unitId,
      summary: `Xem đầy đủ dữ liệu cá nhân của hồ sơ ${detail.data.code}`,
    });
  return detail;
}

/* ---------- writing ---------- */

export interface ReceiveInput {
  procedureId: string;
  applicantName: string;
  applicantPhone: string;
  applicantAddress?: string | null;
  /** CCCD, CMND or passport number as typed; blank or absent: none (an organisation). */
  applicantIdNumber?: string | null;
  /**
   * "person" | "organisation" as the clerk chose it; null, blank or absent: none said (the kind
   * is then inferred wherever it is read); anything else DOSSIER_APPLICANT_KIND_INVALID.
   */
  applicantKind?: string | null;
  channel: DossierChannel;
  receivedAt?: string | null;
  digitised?: boolean;
  electronicResult?: boolean;
  onlinePayment?: boolean;
  note?: string | null;
  /** What was received (checklist); nothing is recorded when undefined. */
  documents?: ReceivedDocument[];
  documentSets?: number;
  /** The clerk confirmed receiving without every required document. */
  confirmIncomplete?: boolean;
}

/** Receives a dossier: code from the daily sequence, due date from the working-day calendar. */
export async function receiveDossier(db: Executor, actor: Actor, input: ReceiveInput) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const idNumber = applyRule(() => applicantIdNumber(input.applicantIdNumber));
    const applicantKind = applyRule(() => readApplicantKind(input.applicantKind));
    const readable = await access.check(tx, actor, "dossier.read", "procedure", [
      input.procedureId,
    ]);
    const procedure = readable.has(input.procedureId)
      ? await findProcedureById(tx, input.procedureId)
      : null;
    if (!procedure) throw new AppError("PROCEDURE_NOT_FOUND");
    await access.require(tx, actor, "dossier.write", "procedure", procedure.id);
    if (!procedure.isActive)
      throw new AppError("PROCEDURE_INACTIVE", { params: { code: procedure.code } });
    const received =
      input.documents === undefined
        ? null
        : applyRule(() => checkReceivedDocuments(input.documents!, input.documentSets ?? 1));
    // The procedure's list as it is now is kept with the dossier: the supplement request reads it.
    const required = (await listProcedureDocuments(tx, [procedure.id])).get(procedure.id) ?? [];
    let missing: string[] = [];
    if (received) {
      missing = applyRule(() =>
        requireCompleteOrConfirmed(required, received, input.confirmIncomplete === true),
      ).map((doc) => doc.name);
    }
    const receivedAt = caseMoment(DOSSIER_CASES, input.receivedAt);
    const local = vietnamLocal(receivedAt);
    await requireUnitValidOn(tx, procedure.unitId, local.date);
    const ruleSet = applyRule(() => ruleSetOn(local.date));
    const settings = await findDeskSettings(tx, procedure.unitId);
    if (!settings?.agencyCode) {
      throw new AppError("DESK_AGENCY_CODE_MISSING", { params: { unit: procedure.unitName } });
    }
    const calendar = await loadWorkingCalendar(tx);
    const due = applyRule(() =>
      dueDate(
        { receivedAt: local, processingDays: procedure.processingDays, cutoff: settings.cutoff },
        calendar,
      ),
    );
    const registerLine = await nextRegisterLine(tx, procedure.unitId, local.date);
    const row = await insertWithNextCode(tx, {
      agencyCode: settings.agencyCode,
      receivedOn: local.date,
      dossier: {
        unitId: procedure.unitId,
        procedureId: procedure.id,
        applicantName: input.applicantName.trim(),
        applicantPhone: input.applicantPhone.trim(),
        applicantAddress: input.applicantAddress?.trim() || null,
        applicantIdNumber: idNumber,
        applicantKind,
        channel: input.channel,
        receivedAt,
        countedFrom: due.countedFrom,
        dueDate: due.due,
        originalDueDate: due.due,
        state: "received",
        digitised: input.digitised ?? false,
        electronicResult: input.electronicResult ?? false,
        onlinePayment: input.onlinePayment ?? false,
        ruleSet: ruleSet.id,
        receivedById: actor.userId,
        documentSets: input.documentSets ?? (received ? 1 : null),
        ...registerLine,
      },
    });
    const code = row.code;
    if (received) await dossierRepository.insertDossierDocuments(tx, row.id, received);
    await dossierRepository.insertRequiredDocuments(tx, row.id, required);
    // A dossier received without a required document says so in its history.
    const note = [
      input.note?.trim() || null,
      missing.length > 0
        ? `Tiếp nhận khi chưa đủ thành phần bắt buộc: ${missing.join("; ")}.`
        : null,
    ]
      .filter((part) => part !== null)
      .join(" ");
    await recordReceipt(tx, DOSSIER_CASES, actor, row.id, receivedAt, note || null);
    await audit({
      action: "dossier.receive",
      entityId: row.id,
      unitId: row.unitId,
      after: { ...row, documents: received },
      summary: `Tiếp nhận hồ sơ ${code} — ${procedure.name}, hẹn trả ${due.due}`,
    });
    return dossierDetail(tx, actor, row.id);
  });
}

/** Locks a dossier that can still move: known state, not voided. */
async function lockMovableDossier(tx: Executor, id: string): Promise<DossierRow> {
  const locked = await dossierRepository.lockDossier(tx, id);
  if (!locked || !isDossierState(locked.state)) throw new AppError("DOSSIER_NOT_FOUND");
  if (locked.voidedAt) throw new AppError("DOSSIER_VOIDED", { params: { code: locked.code } });
  return locked;
}

async function writableDossier(tx: Executor, actor: Actor, id: string) {
  await readableDossier(tx, actor, id);
  await access.require(tx, actor, "dossier.write", "dossier", id);
}

async function writableLockedDossier(tx: Executor, actor: Actor, id: string) {
  await writableDossier(tx, actor, id);
  return lockMovableDossier(tx, id);
}

/** The dossier register as the shared case use cases see it. */
const DOSSIER_CASES: CaseTransitionUse<
  DossierState,
  DossierAction,
  DossierRow,
  Partial<DossierInsert>
> = {
  workflow: DOSSIER_WORKFLOW,
  errors: {
    notFound: "DOSSIER_NOT_FOUND",
    reasonRequired: "DOSSIER_REASON_REQUIRED",
    timeInvalid: "DOSSIER_TIME_INVALID",
  },
  applyRule,
  lock: lockMovableDossier,
  // Stopping exists under the 2025 rule set only: the dossier's own rule on top of the table.
  next: (row, from, action) => nextState(from, action, ruleSetById(row.ruleSet)),
  update: dossierRepository.updateDossier,
};

export interface TransitionInput {
  action: DossierAction;
  note?: string | null;
  at?: string | null;
  toAgencyId?: string | null;
}

/** One step of the dossier's life: hand-over, supplement, resolution, return, refusal, stop, withdrawal. */
export async function transitionDossier(
  db: Executor,
  actor: Actor,
  id: string,
  input: TransitionInput,
) {
  return runUseCase(db, actor, async (context) => {
    await writableDossier(context.tx, actor, id);
    await transitionCase(context, DOSSIER_CASES, id, input, (step) =>
      applyDossierStep(context.tx, step, input.toAgencyId ?? null),
    );
    return dossierDetail(context.tx, actor, id);
  });
}

/** The dossier's own part of a step: hand-over agency, supplement pauses, apology check, dates. */
async function applyDossierStep(
  tx: Executor,
  { row: dossier, action, at, day, note }: CaseStep<DossierState, DossierAction, DossierRow>,
  toAgencyIdInput: string | null,
): Promise<CaseStepEffect<Partial<DossierInsert>>> {
  const changes: Partial<DossierInsert> = {};
  let toAgencyId: string | null = null;
  switch (action) {
    case "hand_over": {
      if (toAgencyIdInput) {
        const agency = await findAgencyById(tx, toAgencyIdInput);
        if (!agency || agency.unitId !== dossier.unitId || !agency.isActive) {
          throw new AppError("DOSSIER_AGENCY_INVALID");
        }
        toAgencyId = agency.id;
        changes.handlerAgencyId = agency.id;
      }
      break;
    }
    case "request_supplement":
      changes.supplementCount = dossier.supplementCount + 1;
      await dossierRepository.insertPause(tx, { dossierId: dossier.id, requestedAt: at, note });
      break;
    case "receive_supplement": {
      const pause = await dossierRepository.openPause(tx, dossier.id);
      if (pause) {
        const calendar = await loadWorkingCalendar(tx);
        const paused = pausedWorkingDays(vietnamLocal(pause.requestedAt).date, day, calendar);
        await dossierRepository.closePause(tx, pause.id, {
          resumedAt: at,
          pausedWorkingDays: paused,
        });
        changes.dueDate = movedDueDate(dossier.dueDate, paused, calendar);
        changes.pausedWorkingDays = dossier.pausedWorkingDays + paused;
      }
      break;
    }
    case "resolve":
    case "refuse":
    case "stop": {
      const late = timeliness({
        dueDate: dossier.dueDate,
        finishedOn: day,
        supplementCount: dossier.supplementCount,
        today: day,
      });
      if (
        late === "late" &&
        (await dossierRepository.listApologyLetters(tx, dossier.id)).length === 0
      ) {
        const ruleSet = ruleSetById(dossier.ruleSet);
        throw new AppError("DOSSIER_APOLOGY_REQUIRED", {
          params: { due: formatDay(dossier.dueDate), title: ruleSet.apologyTitle },
        });
      }
      changes.finishedAt = at;
      if (action !== "resolve") changes.reason = note;
      break;
    }
    case "return_result":
      changes.returnedAt = at;
      break;
    case "withdraw":
      changes.reason = note;
      break;
  }
  return { changes, toAgencyId };
}

function formatDay(isoDate: string) {
  const [y, m, d] = isoDate.split("-");
  return `${d}/${m}/${y}`;
}

export interface ApologyInput {
  reason: string;
  newDueDate: string;
  at?: string | null;
}

/** The apology letter for a late dossier, with a new appointment date (the dossier still counts as late). */
export async function issueApology(db: Executor, actor: Actor, id: string, input: ApologyInput) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const dossier = await writableLockedDossier(tx, actor, id);
    if (!OPEN_STATES.has(dossier.state)) {
      throw new AppError("DOSSIER_APOLOGY_INVALID", {
        params: { reason: "Chỉ lập văn bản xin lỗi cho hồ sơ đang giải quyết" },
      });
    }
    const issuedAt = await stepMoment(tx, DOSSIER_CASES, id, input.at);
    const issuedOn = vietnamLocal(issuedAt).date;
    const calendar = await loadWorkingCalendar(tx);
    if (input.newDueDate <= dossier.dueDate || input.newDueDate < issuedOn) {
      throw new AppError("DOSSIER_APOLOGY_INVALID", {
        params: {
          reason: `Ngày hẹn trả mới phải sau hạn trả hiện tại (${formatDay(dossier.dueDate)}) và không trước ngày lập văn bản`,
        },
      });
    }
    if (!applyRule(() => calendar.isWorkingDay(input.newDueDate))) {
      throw new AppError("DOSSIER_APOLOGY_INVALID", {
        params: {
          reason: `Ngày hẹn trả mới ${formatDay(input.newDueDate)} không phải ngày làm việc`,
        },
      });
    }
    const ruleSet = ruleSetById(dossier.ruleSet);
    const year = Number(issuedOn.slice(0, 4));
    const count = await dossierRepository.countApologyLettersOfUnitYear(tx, dossier.unitId, year);
    // ND 30/2020: number/abbreviation of the sender, the body that is late (see apologySender).
    const sender = await apologySender(
      tx,
      { ...dossier, unitName: await unitNameOf(tx, dossier) },
      issuedAt,
    );
    const number = documentNumber(sender, count + 1).replace(/^Số: /, "");
    const letter = await dossierRepository.insertApologyLetter(tx, {
      dossierId: id,
      number,
      issuedAt,
      newDueDate: input.newDueDate,
      reason: input.reason.trim(),
      ruleSet: ruleSet.id,
      createdById: actor.userId,
    });
    await recordCaseEvent(tx, DOSSIER_CASES, id, {
      action: "apology",
      fromState: dossier.state,
      toState: dossier.state,
      at: issuedAt,
      byId: actor.userId,
      byName: actor.name,
      note: `Số ${number}; hẹn lại ngày ${formatDay(input.newDueDate)}. ${letter.reason}`,
    });
    await audit({
      action: "dossier.apology",
      entityId: id,
      unitId: dossier.unitId,
      after: letter,
      summary: `Hồ sơ ${dossier.code}: ${ruleSet.apologyTitle} số ${number}, hẹn lại ${input.newDueDate}`,
    });
    return dossierDetail(tx, actor, id);
  });
}

export interface DossierUpdateInput {
  applicantName?: string;
  applicantPhone?: string;
  applicantAddress?: string | null;
  /** Checked like at reception; null or blank clears it. */
  applicantIdNumber?: string | null;
  /** "person" | "organisation"; null or blank: none said (inferred again). */
  applicantKind?: string | null;
  digitised?: boolean;
  electronicResult?: boolean;
  onlinePayment?: boolean;
}

/** Corrections and flags; the dossier code never changes. */
export async function updateDossier(
  db: Executor,
  actor: Actor,
  id: string,
  input: DossierUpdateInput,
) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const idNumber =
      input.applicantIdNumber === undefined
        ? undefined
        : applyRule(() => applicantIdNumber(input.applicantIdNumber));
    const applicantKind =
      input.applicantKind === undefined
        ? undefined
        : applyRule(() => readApplicantKind(input.applicantKind));
    const dossier = await writableLockedDossier(tx, actor, id);
    const changes = Object.fromEntries(
      Object.entries({ ...input, applicantIdNumber: idNumber, applicantKind }).filter(
        ([, v]) => v !== undefined,
      ),
    );
    const updated = await dossierRepository.updateDossier(tx, id, changes);
    await audit({
      action: "dossier.update",
      entityId: id,
      unitId: dossier.unitId,
      before: dossier,
      after: updated,
      summary: `Cập nhật thông tin hồ sơ ${dossier.code}`,
    });
    return dossierDetail(tx, actor, id);
  });
}

/* ---------- documents ---------- */

/**
 * The receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) as an A5 .docx. `publicUrl` is
 * CCHC_PUBLIC_URL (see `publicBaseUrl`): the receipt's QR leads to the SIPAS survey of the
 * dossier there; without it the receipt prints no QR.
 */
/** The receiving body the dossier's forms print: the desk settings' name, else its rule set's. */
async function receivingBodyOf(db: Executor, row: { unitId: string; ruleSet: string }) {
  const settings = await findDeskSettings(db, row.unitId);
  return receivingBodyName(ruleSetById(row.ruleSet), settings?.receivingBody);
}

export async function receiptDocument(
  db: Executor,
  actor: Actor,
  id: string,
  publicUrl: string | null,
) {
  const row = await readableDossier(db, actor, id);
  const unit = await findUnitById(db, row.unitId);
  const events = await caseHistory(db, DOSSIER_CASES, id);
  const receiver = events.find((event) => event.action === "receive")?.byName ?? "";
  const documents = await dossierRepository.listDossierDocuments(db, id);
  const { applicant } = await applicantForReader(db, actor, row, "giấy tiếp nhận");
  const receivingBody = await receivingBodyOf(db, row);
  const buffer = await receiptDocx({
    receivingBody,
    documents: documents.map((doc) => ({
      name: doc.name,
      formLabel: DOCUMENT_FORM_LABELS[doc.form],
      copies: doc.copies,
    })),
    ...(row.documentSets !== null ? { sets: row.documentSets } : {}),
    code: row.code,
    unitName: row.unitName,
    upperUnitName: unit?.parentName ?? "",
    procedureCode: row.procedureCode,
    procedureName: row.procedureName,
    processingDays: row.processingDays,
    feeText: row.feeText,
    ...applicant,
    channelLabel: DOSSIER_CHANNEL_LABELS[row.channel],
    receivedAt: row.receivedAt,
    dueDate: row.dueDate,
    ruleSet: row.ruleSet,
    receiverName: receiver,
    registerEntry: registerEntryOf(row),
    surveyUrl: unit ? dossierSurveyUrl(publicUrl, unit.code, row.code) : null,
  });
  return { buffer, fileName: `giay-tiep-nhan-${row.code}.docx` };
}

async function unitNameOf(exec: Executor, row: { unitId: string }) {
  return (await findUnitById(exec, row.unitId))?.name ?? "";
}

/** The agency that had the dossier in hand at `at`: it sends the letters and notices of then. */
function responsibleAgencyAt(exec: Executor, dossierId: string, at: Date | null) {
  return at === null ? Promise.resolve(null) : agencyInChargeAt(exec, "dossier", dossierId, at);
}

/** The body an apology written at `at` comes from (the one late): see `noticeIssuer`. */
async function apologySender(
  exec: Executor,
  row: { id: string; unitId: string; ruleSet: string; unitName: string },
  at: Date,
) {
  return noticeIssuer({
    unitName: row.unitName,
    receivingBody: await receivingBodyOf(exec, row),
    agency: await responsibleAgencyAt(exec, row.id, at),
  });
}

/** An apology letter of the dossier as an A5 .docx. */
export async function apologyDocument(db: Executor, actor: Actor, id: string, apologyId: string) {
  const row = await readableDossier(db, actor, id);
  const letter = (await dossierRepository.listApologyLetters(db, id)).find(
    (a) => a.id === apologyId,
  );
  if (!letter) throw new AppError("NOT_FOUND");
  const { applicant, text } = await applicantForReader(db, actor, row, "thư xin lỗi");
  const buffer = await apologyDocx({
    receivingBody: await receivingBodyOf(db, row),
    number: letter.number,
    ruleSet: letter.ruleSet,
    issuedAt: letter.issuedAt,
    newDueDate: letter.newDueDate,
    reason: text(letter.reason),
    code: row.code,
    unitName: row.unitName,
    procedureName: row.procedureName,
    ...applicant,
    applicantIdNumber: row.applicantIdNumber,
    applicantKind: row.applicantKind,
    responsibleAgency: await responsibleAgencyAt(db, id, letter.issuedAt),
    receivedAt: row.receivedAt,
    dueDate: row.originalDueDate,
  });
  return { buffer, fileName: `xin-loi-${row.code}.docx` };
}

/**
 * The refusal notice of a refused dossier, or the notice to stop processing of a stopped one
 * (2025 rule set), as an A5 .docx built from the dossier's record and the reason recorded then.
 */
export async function noticeDocument(
  db: Executor,
  actor: Actor,
  id: string,
  kind: DossierNoticeKind,
) {
  const row = await readableDossier(db, actor, id);
  const ruleSet = ruleSetById(row.ruleSet);
  const state = row.state;
  if (kind === "stop" && ruleSet.stopNoticeTitle === null) {
    throw new AppError("DOSSIER_STOP_NOTICE_NOT_APPLICABLE", {
      params: { code: row.code, basis: ruleSet.legalBasis },
    });
  }
  if (!hasNotice(kind, state, ruleSet)) {
    throw new AppError(kind === "refusal" ? "DOSSIER_NOT_REFUSED" : "DOSSIER_NOT_STOPPED", {
      params: { code: row.code, state: STATE_LABELS[state] ?? row.state },
    });
  }
  const { applicant, text } = await applicantForReader(db, actor, row, "thông báo");
  const content = dossierNoticeContent(
    kind,
    {
      code: row.code,
      state,
      unitName: row.unitName,
      procedureCode: row.procedureCode,
      procedureName: row.procedureName,
      ...applicant,
      receivedAt: row.receivedAt,
      finishedAt: row.finishedAt,
      reason: text(row.reason),
      receivingBody: (await findDeskSettings(db, row.unitId))?.receivingBody ?? null,
      applicantIdNumber: row.applicantIdNumber,
      applicantKind: row.applicantKind,
      responsibleAgency: await responsibleAgencyAt(db, id, row.finishedAt),
    },
    ruleSet,
  );
  return { buffer: await noticeDocx(content), fileName: content.fileName };
}

/**
 * The supplement request (Mẫu số 02) of the dossier's latest supplement request, as an A5 .docx:
 * the procedure's required documents — as they were when the dossier was received — the desk did
 * not receive (when the dossier stores what was received) and the note typed with the request, redacted for a masked reader like the detail.
 */
export async function supplementRequestDocument(db: Executor, actor: Actor, id: string) {
  const row = await readableDossier(db, actor, id);
  const pause = (await dossierRepository.listPauses(db, id)).at(-1);
  if (!pause) throw new AppError("DOSSIER_NO_SUPPLEMENT_REQUEST", { params: { code: row.code } });
  // A dossier stores its received list exactly when it records the number of sets.
  const received =
    row.documentSets === null ? null : await dossierRepository.listDossierDocuments(db, id);
  // The procedure's list as it was at receipt (kept with the dossier): a later edit of the
  // catalogue does not change an old dossier's form.
  const procedureDocuments = received ? await dossierRepository.listRequiredDocuments(db, id) : [];
  const { applicant, text } = await applicantForReader(db, actor, row, "phiếu yêu cầu bổ sung");
  const content = supplementRequestContent(
    {
      code: row.code,
      state: row.state,
      unitName: row.unitName,
      procedureCode: row.procedureCode,
      procedureName: row.procedureName,
      ...applicant,
      receivedAt: row.receivedAt,
      requestedAt: pause.requestedAt,
      receivingBody: (await findDeskSettings(db, row.unitId))?.receivingBody ?? null,
      note: text(pause.note),
      procedureDocuments,
      receivedDocuments:
        received?.map(({ name, form, copies }) => ({ name, form, copies })) ?? null,
    },
    ruleSetById(row.ruleSet),
  );
  return { buffer: await noticeDocx(content), fileName: content.fileName };
}
