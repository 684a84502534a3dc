import {
  FEEDBACK_CHANNEL_LABELS,
  SATISFACTION_LABELS,
  type FeedbackChannel,
  type StaffFeedbackChannel,
} from "../../core/feedback/feedback-values.ts";
import type { Action } from "../../core/access/role-policy.ts";
import { isPhoneNumber, vietnamLocal } from "../../core/dossier/index.ts";
import {
  FEEDBACK_CLASSIFICATION_LABELS,
  FEEDBACK_STATE_LABELS,
  FEEDBACK_TIMELINESS_LABELS,
  FEEDBACK_WORKFLOW,
  allowedFeedbackActions,
  feedbackDueDates,
  feedbackDueSoonWindow,
  feedbackRuleSetOn,
  feedbackTimeliness,
  formatFeedbackCode,
  nextFeedbackState,
  type FeedbackAction,
  type FeedbackClassification,
  type FeedbackState,
} from "../../core/feedback/index.ts";
import {
  feedbackPersonalData,
  nameSearchCoverage,
  personalSearchReach,
  personalTextView,
  type PersonalDataView,
} from "../../core/personal-data/index.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import { findAgencyById } from "../db/repositories/agency.repository.ts";
import * as caseRepository from "../db/repositories/case-register.repository.ts";
import * as feedbackRepository from "../db/repositories/feedback.repository.ts";
import { logFullRead } from "./full-read-log.ts";
import type {
  FeedbackInsert,
  FeedbackListRow,
  FeedbackRow,
} from "../db/repositories/feedback.repository.ts";
import { findUnitById } from "../db/repositories/unit.repository.ts";
import { AppError, applyRule } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { loadWorkingCalendar } from "./calendar.service.ts";
import {
  caseHistory,
  caseListFilter,
  caseMoment,
  recordReceipt,
  transitionCase,
  type CaseStep,
  type CaseStepEffect,
  type CaseTransitionUse,
} from "./case-register.ts";
import {
  confirmedPublicTexts,
  publicationPreview,
  type PublicTexts,
} from "./feedback-publication.ts";
import { decodeFeedbackCursorWithTotal, encodeFeedbackCursor } from "./register-cursor.ts";
import { requireUnitValidOn } from "./unit-validity.ts";
import { runUseCase, type UseCaseContext } from "./use-case.ts";

/* ---------- vocabulary ---------- */

/** The citizen using the public form: no account, no grants. */
export const PUBLIC_ACTOR: Actor = {
  userId: null,
  name: "Người dân (trang công khai)",
  grants: [],
};

/* ---------- access ---------- */

/** Whether the actor may `action` this feedback (the gate: agency officers, their agency's). */
async function canOn(exec: Executor, actor: Actor, action: Action, row: { id: string }) {
  return (await access.check(exec, actor, action, "feedback", [row.id])).has(row.id);
}

/* ---------- views ---------- */

function finishedOn(row: FeedbackRow) {
  return row.finishedAt ? vietnamLocal(row.finishedAt).date : null;
}

export function timelinessOfFeedback(row: FeedbackRow, today: string) {
  return feedbackTimeliness({
    state: row.state,
    dueDate: row.dueDate,
    transferDueDate: row.transferDueDate,
    finishedOn: finishedOn(row),
    today,
  });
}

interface Permissions {
  write: boolean;
  answer: boolean;
}

/** The sender, whose data the feedback's free texts are redacted of for a masked reader. */
function senderOf(row: FeedbackListRow) {
  return {
    name: row.senderName,
    phone: row.senderPhone,
    email: row.senderEmail,
    address: row.senderAddress,
  };
}

function toView(
  row: FeedbackListRow,
  can: Permissions,
  today: string,
  personalData: PersonalDataView,
) {
  const state = row.state;
  const onTime = timelinessOfFeedback(row, today);
  const classification = row.classification;
  const satisfaction = row.satisfaction;
  const text = personalTextView(personalData, senderOf(row));
  return feedbackPersonalData(
    {
      id: row.id,
      code: row.code,
      unitId: row.unitId,
      unitName: row.unitName,
      channel: row.channel,
      channelLabel: FEEDBACK_CHANNEL_LABELS[row.channel],
      senderName: row.senderName,
      senderPhone: row.senderPhone,
      senderEmail: row.senderEmail,
      senderAddress: row.senderAddress,
      title: row.title,
      content: row.content,
      receivedAt: row.receivedAt.toISOString(),
      countedFrom: row.countedFrom,
      dueDate: row.dueDate,
      transferDueDate: row.transferDueDate,
      ruleSet: row.ruleSet,
      state,
      stateLabel: FEEDBACK_STATE_LABELS[state],
      classification,
      classificationLabel: classification ? FEEDBACK_CLASSIFICATION_LABELS[classification] : null,
      assignedAgencyId: row.assignedAgencyId,
      assignedAgencyName: row.assignedAgencyName,
      transferredTo: row.transferredTo,
      reason: text(row.reason),
      answer: row.answer,
      answeredAt: row.answeredAt?.toISOString() ?? null,
      answeredByName: row.answeredByName,
      finishedAt: row.finishedAt?.toISOString() ?? null,
      publishedAt: row.publishedAt?.toISOString() ?? null,
      publicTitle: row.publicTitle,
      publicContent: row.publicContent,
      publicAnswer: row.publicAnswer,
      publicConfirmedByName: row.publicConfirmedByName,
      publicConfirmedAt: row.publicConfirmedAt?.toISOString() ?? null,
      isSubmittedPublicly: row.isSubmittedPublicly,
      satisfaction,
      satisfactionLabel: satisfaction ? SATISFACTION_LABELS[satisfaction] : null,
      satisfactionNote: row.satisfactionNote,
      timeliness: onTime,
      timelinessLabel: onTime ? FEEDBACK_TIMELINESS_LABELS[onTime] : null,
      allowedActions: allowedFeedbackActions(state).filter((action) =>
        action === "answer" ? can.answer : can.write,
      ),
      can,
    },
    personalData,
  );
}

export type FeedbackView = ReturnType<typeof toView>;

/* ---------- reading ---------- */

export interface FeedbackListQuery {
  unitId?: string;
  state?: FeedbackState;
  classification?: FeedbackClassification;
  channel?: FeedbackChannel;
  q?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  /** Open and due within FEEDBACK_DUE_SOON_WORKING_DAYS working days from today ("sắp đến hạn"). */
  dueSoon?: boolean;
  limit?: number;
  /** The `nextCursor` of the previous page; none for the first page. */
  cursor?: string;
}

/** The day a list is read on: today in Vietnam unless the caller (a test) gives its own. */
export interface ListClock {
  today?: string;
}

export async function listFeedback(
  db: Executor,
  actor: Actor,
  query: FeedbackListQuery,
  clock: ListClock = {},
) {
  const today = clock.today ?? vietnamDate(new Date());
  const cursor = query.cursor ? decodeFeedbackCursorWithTotal(query.cursor) : undefined;
  const after = cursor?.position;
  const dueWithin = query.dueSoon
    ? feedbackDueSoonWindow(today, await loadWorkingCalendar(db))
    : undefined;
  const reach = await access.feedbackReach(db, actor);
  const textSearch = personalSearchReach(reach, await access.personalDataFeedbackReach(db, actor));
  const { rows, total, totalCapped, hasMore } = await feedbackRepository.listFeedback(db, {
    reach,
    unitId: query.unitId,
    state: query.state,
    classification: query.classification,
    channel: query.channel,
    ...caseListFilter(query, today),
    textSearchReach: textSearch === "everywhere" ? undefined : textSearch,
    dueWithin,
    limit: query.limit ?? 50,
    after,
    knownTotal: cursor?.known,
  });
  const writeScope = await access.unitScope(db, actor, "feedback.write");
  const can = await access.checkEach(
    db,
    actor,
    ["feedback.write", "feedback.answer", "personal_data.full"],
    "feedback",
    rows.map((row) => row.id),
  );
  return {
    data: rows.map((row) =>
      toView(
        row,
        {
          write: can["feedback.write"].has(row.id),
          answer: can["feedback.answer"].has(row.id),
        },
        today,
        can["personal_data.full"].has(row.id) ? "full" : "masked",
      ),
    ),
    total,
    totalCapped,
    nextCursor: hasMore
      ? encodeFeedbackCursor(rows[rows.length - 1]!, { total, totalCapped })
      : null,
    can: { register: writeScope.kind === "all" || writeScope.unitIds.size > 0 },
    nameSearch: nameSearchCoverage(textSearch),
  };
}

async function readableFeedback(exec: Executor, actor: Actor, id: string) {
  const row = await feedbackRepository.findFeedbackById(exec, id);
  if (!row || !(await canOn(exec, actor, "feedback.read", row))) {
    throw new AppError("FEEDBACK_NOT_FOUND");
  }
  return row;
}

export async function getFeedback(exec: Executor, actor: Actor, id: string) {
  const row = await readableFeedback(exec, actor, id);
  const can = {
    write: await canOn(exec, actor, "feedback.write", row),
    answer: await canOn(exec, actor, "feedback.answer", row),
  };
  const personalData = (await access.personalDataViews(exec, actor, "feedback", [id]))(id);
  if (personalData === "full")
    await logFullRead(exec, actor, {
      action: "personal_data.feedback_read",
      entityId: id,
      unitId: row.unitId,
      summary: `Xem đầy đủ dữ liệu cá nhân của phản ánh, kiến nghị ${row.code}`,
    });
  return {
    data: {
      ...toView(row, can, vietnamDate(new Date()), personalData),
      events: (await caseHistory(exec, FEEDBACK_CASES, id)).map((event) => ({
        ...event,
        note: personalTextView(personalData, senderOf(row))(event.note),
      })),
    },
  };
}

/**
 * What the public would see if the feedback were published now: title, content and answer with
 * personal data masked, and what was found, for the clerk to review before confirming.
 */
export async function getPublicationPreview(exec: Executor, actor: Actor, id: string) {
  const row = await readableFeedback(exec, actor, id);
  if (!(await canOn(exec, actor, "feedback.write", row))) throw new AppError("FORBIDDEN");
  applyRule(() => nextFeedbackState(row.state, "publish"));
  return { data: publicationPreview(row) };
}

/* ---------- writing ---------- */

export interface FeedbackSenderInput {
  senderName: string;
  senderPhone: string;
  senderEmail?: string | null;
  senderAddress?: string | null;
  title: string;
  content: string;
}

export interface RegisterFeedbackInput extends FeedbackSenderInput {
  unitId: string;
  channel: StaffFeedbackChannel;
  receivedAt?: string | null;
  note?: string | null;
}

interface NewFeedback extends FeedbackSenderInput {
  unit: { id: string; name: string };
  channel: FeedbackChannel;
  receivedAt: Date;
  isSubmittedPublicly: boolean;
  note: string | null;
}

/** Code from the unit's daily sequence, due dates from the working-day calendar, first event. */
export async function insertNewFeedback(
  tx: Executor,
  actor: Actor,
  audit: UseCaseContext["audit"],
  input: NewFeedback,
) {
  if (!isPhoneNumber(input.senderPhone)) {
    throw new AppError("FEEDBACK_PHONE_INVALID", { params: { phone: input.senderPhone.trim() } });
  }
  const day = vietnamLocal(input.receivedAt).date;
  await requireUnitValidOn(tx, input.unit.id, day);
  const ruleSet = applyRule(() => feedbackRuleSetOn(day));
  const calendar = await loadWorkingCalendar(tx);
  const dates = applyRule(() => feedbackDueDates(day, ruleSet, calendar));
  const sequence = await caseRepository.nextDailySequence(tx, "feedback", input.unit.id, day);
  const code = applyRule(() => formatFeedbackCode({ receivedOn: day, sequence }));
  const row = await feedbackRepository.insertFeedback(tx, {
    code,
    unitId: input.unit.id,
    channel: input.channel,
    senderName: input.senderName.trim(),
    senderPhone: input.senderPhone.trim(),
    senderEmail: input.senderEmail?.trim() || null,
    senderAddress: input.senderAddress?.trim() || null,
    title: input.title.trim(),
    content: input.content.trim(),
    receivedAt: input.receivedAt,
    countedFrom: dates.countedFrom,
    dueDate: dates.due,
    transferDueDate: dates.transferDue,
    ruleSet: ruleSet.id,
    state: "received",
    isSubmittedPublicly: input.isSubmittedPublicly,
    receivedById: actor.userId,
  });
  await recordReceipt(tx, FEEDBACK_CASES, actor, row.id, input.receivedAt, input.note);
  await audit({
    action: "feedback.receive",
    entityId: row.id,
    unitId: row.unitId,
    after: row,
    summary: `Tiếp nhận phản ánh, kiến nghị ${code} (${FEEDBACK_CHANNEL_LABELS[input.channel]}) — hạn trả lời ${dates.due}`,
  });
  return row;
}

/** Registers a feedback received by any channel at the unit (staff). */
export async function registerFeedback(db: Executor, actor: Actor, input: RegisterFeedbackInput) {
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const readable = await access.check(tx, actor, "feedback.read", "unit", [input.unitId]);
    const unit = readable.has(input.unitId) ? await findUnitById(tx, input.unitId) : null;
    if (!unit) throw new AppError("UNIT_NOT_FOUND");
    await access.require(tx, actor, "feedback.write", "unit", unit.id);
    const row = await insertNewFeedback(tx, actor, audit, {
      ...input,
      unit,
      receivedAt: caseMoment(FEEDBACK_CASES, input.receivedAt),
      isSubmittedPublicly: false,
      note: input.note?.trim() || null,
    });
    return getFeedback(tx, actor, row.id);
  });
}

export interface FeedbackTransitionInput {
  action: FeedbackAction;
  at?: string | null;
  note?: string | null;
  classification?: FeedbackClassification | null;
  agencyId?: string | null;
  answer?: string | null;
  transferredTo?: string | null;
  /** For "publish": the public title, content and answer the clerk reviewed and confirmed. */
  publication?: Partial<PublicTexts> | null;
}

/** The feedback register as the shared case use cases see it. */
export const FEEDBACK_CASES: CaseTransitionUse<
  FeedbackState,
  FeedbackAction,
  FeedbackRow,
  Partial<FeedbackInsert>
> = {
  workflow: FEEDBACK_WORKFLOW,
  errors: {
    notFound: "FEEDBACK_NOT_FOUND",
    reasonRequired: "FEEDBACK_REASON_REQUIRED",
    timeInvalid: "FEEDBACK_TIME_INVALID",
  },
  applyRule,
  lock: feedbackRepository.lockFeedback,
  next: (_row, from, action) => nextFeedbackState(from, action),
  update: feedbackRepository.updateFeedback,
};

/** One step: classify, assign, answer, publish, transfer or reject. */
export async function transitionFeedback(
  db: Executor,
  actor: Actor,
  id: string,
  input: FeedbackTransitionInput,
) {
  return runUseCase(db, actor, async (context) => {
    const current = await readableFeedback(context.tx, actor, id);
    const permission: Action = input.action === "answer" ? "feedback.answer" : "feedback.write";
    if (!(await canOn(context.tx, actor, permission, current))) throw new AppError("FORBIDDEN");
    await transitionCase(context, FEEDBACK_CASES, id, input, (step) =>
      applyFeedbackStep(context.tx, actor, step, input),
    );
    return getFeedback(context.tx, actor, id);
  });
}

/** The feedback's own part of a step: classification, assignment, answer, publication, transfer. */
async function applyFeedbackStep(
  tx: Executor,
  actor: Actor,
  { row: locked, action, at, note }: CaseStep<FeedbackState, FeedbackAction, FeedbackRow>,
  input: FeedbackTransitionInput,
): Promise<CaseStepEffect<Partial<FeedbackInsert>>> {
  const changes: Partial<FeedbackInsert> = {};
  let toAgencyId: string | null = null;
  let detail = "";
  switch (action) {
    case "classify":
      if (!input.classification) throw new AppError("FEEDBACK_CLASSIFICATION_REQUIRED");
      changes.classification = input.classification;
      detail = FEEDBACK_CLASSIFICATION_LABELS[input.classification];
      break;
    case "assign": {
      const agency = input.agencyId ? await findAgencyById(tx, input.agencyId) : null;
      if (!agency || agency.unitId !== locked.unitId || !agency.isActive) {
        throw new AppError("FEEDBACK_AGENCY_INVALID");
      }
      changes.assignedAgencyId = agency.id;
      toAgencyId = agency.id;
      detail = agency.name;
      break;
    }
    case "answer": {
      const answer = input.answer?.trim();
      if (!answer) throw new AppError("FEEDBACK_ANSWER_REQUIRED");
      changes.answer = answer;
      changes.answeredAt = at;
      changes.answeredByName = actor.name;
      changes.finishedAt = at;
      break;
    }
    case "publish": {
      const texts = confirmedPublicTexts(locked, input.publication);
      changes.publishedAt = at;
      changes.publicTitle = texts.title;
      changes.publicContent = texts.content;
      changes.publicAnswer = texts.answer;
      changes.publicConfirmedById = actor.userId;
      changes.publicConfirmedByName = actor.name;
      changes.publicConfirmedAt = at;
      break;
    }
    case "transfer": {
      const target = input.transferredTo?.trim();
      if (!target) {
        throw new AppError("FEEDBACK_REASON_REQUIRED", {
          params: { action: "Chuyển cơ quan có thẩm quyền (ghi tên cơ quan nhận)" },
        });
      }
      changes.transferredTo = target;
      changes.reason = note;
      changes.finishedAt = at;
      detail = target;
      break;
    }
    case "reject":
      changes.reason = note;
      changes.finishedAt = at;
      break;
  }
  return { changes, toAgencyId, eventNote: [detail, note].filter(Boolean).join(" — ") || null };
}
