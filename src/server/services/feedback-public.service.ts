import { phoneConfirms, vietnamLocal } from "../../core/dossier/index.ts";
import {
  FEEDBACK_CLASSIFICATION_LABELS,
  FEEDBACK_STATE_LABELS,
  FEEDBACK_TIMELINESS_LABELS,
  maskName,
  maskPhone,
  parseFeedbackCode,
} from "../../core/feedback/index.ts";
import { compareVietnamese } from "../../core/text/vietnamese-text.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import * as feedbackRepository from "../db/repositories/feedback.repository.ts";
import { findUnitsByCodes, listUnits } from "../db/repositories/unit.repository.ts";
import { AppError } from "../errors.ts";
import {
  FEEDBACK_CASES,
  PUBLIC_ACTOR,
  insertNewFeedback,
  timelinessOfFeedback,
  type FeedbackSenderInput,
} from "./feedback.service.ts";
import {
  SATISFACTION_LABELS,
  type SatisfactionLevel,
} from "../../core/feedback/feedback-values.ts";
import { inOneTurn } from "../db/one-turn.ts";
import { throttledLookup } from "./attempt-throttle.ts";
import { recordCaseEvent } from "./case-register.ts";
import { publicTextOf } from "./feedback-publication.ts";
import { runUseCase } from "./use-case.ts";

/*
 * Public feedback pages, no login: send a feedback, follow it with its code and the last four
 * digits of one's phone, rate the published answer, read the unit's published answers. Whatever
 * a stranger can see is masked: names to initials, phone numbers and e-mails to their ends. The
 * texts shown are the public ones the clerk confirmed at publication (feedback-publication.ts),
 * never the raw title, content or answer.
 */

const day = (instant: Date | null) => (instant ? vietnamLocal(instant).date : null);

/** Units a citizen may send feedback to: the ones in force today. */
export async function publicFeedbackUnits(db: Executor) {
  const rows = (await listUnits(db, null)).filter((u) => u.validTo === null);
  const order = { province: 0, district: 1, commune: 2 } as Record<string, number>;
  rows.sort(
    (a, b) => (order[a.level] ?? 3) - (order[b.level] ?? 3) || compareVietnamese(a.name, b.name),
  );
  return { data: rows.map((u) => ({ code: u.code, name: u.name, level: u.level })) };
}

async function activeUnitByCode(exec: Executor, unitCode: string) {
  const [unit] = await findUnitsByCodes(exec, [unitCode.trim()]);
  if (!unit || unit.validTo !== null) {
    throw new AppError("FEEDBACK_UNIT_INVALID", { params: { code: unitCode.trim() } });
  }
  return unit;
}

export interface PublicFeedbackInput extends FeedbackSenderInput {
  unitCode: string;
}

/** A citizen sends a feedback from the public page: received now, channel "public_web". */
export async function submitPublicFeedback(db: Executor, input: PublicFeedbackInput) {
  return runUseCase(db, PUBLIC_ACTOR, async ({ tx, audit }) => {
    const unit = await activeUnitByCode(tx, input.unitCode);
    const row = await insertNewFeedback(tx, PUBLIC_ACTOR, audit, {
      ...input,
      unit,
      channel: "public_web",
      receivedAt: new Date(),
      isSubmittedPublicly: true,
      note: null,
    });
    return {
      data: {
        code: row.code,
        unitName: unit.name,
        receivedOn: day(row.receivedAt)!,
        dueDate: row.dueDate,
        senderPhone: maskPhone(row.senderPhone),
      },
    };
  });
}

/** The feedback with this code whose sender's phone ends with these digits, or a neutral 404. */
async function findOwnFeedback(exec: Executor, code: string, phoneLast4: string) {
  if (!parseFeedbackCode(code)) throw new AppError("FEEDBACK_LOOKUP_FAILED");
  const rows = (
    await feedbackRepository.findFeedbackByCode(exec, code.trim().toUpperCase())
  ).filter((row) => phoneConfirms(row.senderPhone, phoneLast4));
  if (rows.length !== 1) throw new AppError("FEEDBACK_LOOKUP_FAILED");
  return rows[0]!;
}

function publicStatus(row: feedbackRepository.FeedbackListRow) {
  const state = row.state;
  const onTime = timelinessOfFeedback(row, vietnamDate(new Date()));
  const isPublished = state === "published";
  const satisfaction = row.satisfaction;
  return {
    code: row.code,
    unitName: row.unitName,
    title: publicTextOf(row, "title"),
    senderName: maskName(row.senderName),
    senderPhone: maskPhone(row.senderPhone),
    receivedOn: day(row.receivedAt)!,
    dueDate: row.dueDate,
    state,
    stateLabel: FEEDBACK_STATE_LABELS[state],
    timelinessLabel: onTime ? FEEDBACK_TIMELINESS_LABELS[onTime] : null,
    transferredTo: state === "transferred" ? row.transferredTo : null,
    answer: isPublished ? publicTextOf(row, "answer") : null,
    answeredOn: isPublished ? day(row.answeredAt) : null,
    publishedOn: day(row.publishedAt),
    satisfaction,
    satisfactionLabel: satisfaction ? SATISFACTION_LABELS[satisfaction] : null,
    canRateSatisfaction: isPublished && satisfaction === null,
  };
}

/**
 * Wrong phone digits are counted per code (existing or not) for the lookup and the rating alike:
 * after a few, the code's lookup pauses whatever the address (PUBLIC_LOOKUP_LOCKED).
 */
function throttledByCode<T>(db: Executor, code: string, now: Date, work: () => Promise<T>) {
  const key = parseFeedbackCode(code) ? code.trim().toUpperCase() : null;
  const isWrong = (error: unknown) =>
    error instanceof AppError && error.code === "FEEDBACK_LOOKUP_FAILED";
  return throttledLookup(db, "feedback_lookup", key, now, isWrong, work);
}

/** The sender follows their own feedback (code + last four digits of the phone). */
export async function lookupPublicFeedback(
  db: Executor,
  code: string,
  phoneLast4: string,
  now: Date = new Date(),
) {
  return inOneTurn(db, (exec) =>
    throttledByCode(exec, code, now, async () => ({
      data: publicStatus(await findOwnFeedback(exec, code, phoneLast4)),
    })),
  );
}

export interface SatisfactionInput {
  phoneLast4: string;
  satisfaction: SatisfactionLevel;
  note?: string | null;
}

/** The sender rates the published answer, once. */
export async function recordSatisfaction(
  db: Executor,
  code: string,
  input: SatisfactionInput,
  now: Date = new Date(),
) {
  return throttledByCode(db, code, now, () => rateAnswer(db, code, input));
}

async function rateAnswer(db: Executor, code: string, input: SatisfactionInput) {
  return runUseCase(db, PUBLIC_ACTOR, async ({ tx, audit }) => {
    const found = await findOwnFeedback(tx, code, input.phoneLast4);
    const locked = await feedbackRepository.lockFeedback(tx, found.id);
    if (!locked) throw new AppError("FEEDBACK_LOOKUP_FAILED");
    if (locked.state !== "published") throw new AppError("FEEDBACK_NOT_PUBLISHED");
    if (locked.satisfaction !== null) throw new AppError("FEEDBACK_SATISFACTION_RECORDED");
    const at = new Date();
    const note = input.note?.trim() || null;
    const updated = await feedbackRepository.updateFeedback(tx, locked.id, {
      satisfaction: input.satisfaction,
      satisfactionNote: note,
      satisfactionAt: at,
    });
    await recordCaseEvent(tx, FEEDBACK_CASES, locked.id, {
      action: "satisfaction",
      fromState: locked.state,
      toState: locked.state,
      at,
      byId: null,
      byName: PUBLIC_ACTOR.name,
      note: [SATISFACTION_LABELS[input.satisfaction], note].filter(Boolean).join(" — "),
    });
    await audit({
      action: "feedback.satisfaction",
      entityId: locked.id,
      unitId: locked.unitId,
      before: locked,
      after: updated,
      summary: `Người gửi phản ánh, kiến nghị ${locked.code} đánh giá: ${SATISFACTION_LABELS[input.satisfaction]}`,
    });
    const row = await feedbackRepository.findFeedbackById(tx, locked.id);
    return { data: publicStatus(row!) };
  });
}

/** The published answers of a unit, personal data masked. */
export async function publishedFeedback(
  db: Executor,
  unitCode: string,
  limit: number,
  offset: number,
) {
  const unit = await activeUnitByCode(db, unitCode);
  const { rows, total } = await feedbackRepository.listPublishedFeedback(
    db,
    unit.id,
    limit,
    offset,
  );
  return {
    data: {
      unitCode: unit.code,
      unitName: unit.name,
      total,
      items: rows.map((row) => {
        const classification = row.classification;
        return {
          code: row.code,
          title: publicTextOf(row, "title"),
          content: publicTextOf(row, "content"),
          senderName: maskName(row.senderName),
          classificationLabel: classification
            ? FEEDBACK_CLASSIFICATION_LABELS[classification]
            : null,
          agencyName: row.assignedAgencyName,
          receivedOn: day(row.receivedAt)!,
          answeredOn: day(row.answeredAt),
          publishedOn: day(row.publishedAt)!,
          answer: publicTextOf(row, "answer"),
          satisfactionLabel: row.satisfaction ? SATISFACTION_LABELS[row.satisfaction] : null,
        };
      }),
    },
  };
}
