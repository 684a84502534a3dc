import { PERSONAL_DATA_VIEWS } from "../../core/personal-data/index.ts";
import { z } from "zod";
import { caseEventView, caseListQuery } from "./case-register.schemas.ts";
import {
  FEEDBACK_ACTIONS,
  FEEDBACK_CLASSIFICATIONS,
  FEEDBACK_STATES,
  PERSONAL_DATA_KINDS,
} from "../../core/feedback/index.ts";
import {
  FEEDBACK_CHANNELS,
  SATISFACTION_LEVELS,
  STAFF_FEEDBACK_CHANNELS,
} from "../../core/feedback/feedback-values.ts";
import { booleanQuery, localDateTime, nonEmptyText } from "./common.schemas.ts";

const localMoment = localDateTime;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Tối đa ${max} ký tự.` })
    .nullish();

/** What a sender gives, on the staff form and the public form alike. */
export const senderFields = {
  senderName: nonEmptyText(200),
  senderPhone: nonEmptyText(30),
  senderEmail: z
    .email({ error: "Địa chỉ thư điện tử không hợp lệ." })
    .max(200)
    .nullish()
    .or(z.literal("").transform(() => null)),
  senderAddress: optionalText(300),
  title: nonEmptyText(300),
  content: nonEmptyText(10_000),
};

export const registerFeedbackBody = z.object({
  unitId: z.uuid({ error: "Vui lòng chọn đơn vị tiếp nhận." }),
  channel: z.enum(STAFF_FEEDBACK_CHANNELS, {
    error: "Kênh tiếp nhận không hợp lệ.",
  }),
  ...senderFields,
  receivedAt: localMoment.nullish(),
  note: optionalText(2000),
});

export const feedbackTransitionBody = z.object({
  action: z.enum(FEEDBACK_ACTIONS, { error: "Thao tác không hợp lệ." }),
  at: localMoment.nullish(),
  note: optionalText(2000),
  classification: z
    .enum(FEEDBACK_CLASSIFICATIONS, { error: "Loại phản ánh, kiến nghị không hợp lệ." })
    .nullish(),
  agencyId: z.uuid({ error: "Cơ quan không hợp lệ." }).nullish(),
  answer: optionalText(20_000),
  transferredTo: optionalText(300),
  /** For "publish": the public texts as reviewed and confirmed by the clerk (masked). */
  publication: z
    .object({
      title: nonEmptyText(300),
      content: nonEmptyText(10_000),
      answer: nonEmptyText(20_000),
    })
    .nullish(),
});

const previewField = z.object({
  text: z.string(),
  spans: z.array(
    z.object({
      kind: z.enum(PERSONAL_DATA_KINDS),
      kindLabel: z.string(),
      original: z.string(),
      replacement: z.string(),
      ofSender: z.boolean(),
      mustStayMasked: z.boolean(),
      start: z.number(),
      end: z.number(),
    }),
  ),
});

/** Staff only: the masked public texts proposed for review, with what was found. */
export const publicationPreview = z.object({
  title: previewField,
  content: previewField,
  answer: previewField,
});

export const feedbackView = z.object({
  id: z.string(),
  code: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  channel: z.enum(FEEDBACK_CHANNELS),
  channelLabel: z.string(),
  senderName: z.string(),
  senderPhone: z.string(),
  senderEmail: z.string().nullable(),
  senderAddress: z.string().nullable(),
  title: z.string(),
  /** "masked" for those outside the unit's own desk (see src/core/personal-data). */
  personalData: z.enum(PERSONAL_DATA_VIEWS),
  content: z.string(),
  receivedAt: z.string(),
  countedFrom: z.string(),
  dueDate: z.string(),
  transferDueDate: z.string(),
  ruleSet: z.string(),
  state: z.enum(FEEDBACK_STATES),
  stateLabel: z.string(),
  classification: z.enum(FEEDBACK_CLASSIFICATIONS).nullable(),
  classificationLabel: z.string().nullable(),
  assignedAgencyId: z.string().nullable(),
  assignedAgencyName: z.string().nullable(),
  transferredTo: z.string().nullable(),
  reason: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredByName: z.string().nullable(),
  finishedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publicTitle: z.string().nullable(),
  publicContent: z.string().nullable(),
  publicAnswer: z.string().nullable(),
  publicConfirmedByName: z.string().nullable(),
  publicConfirmedAt: z.string().nullable(),
  isSubmittedPublicly: z.boolean(),
  satisfaction: z.enum(SATISFACTION_LEVELS).nullable(),
  satisfactionLabel: z.string().nullable(),
  satisfactionNote: z.string().nullable(),
  timeliness: z.enum(["early", "on_time", "late", "pending", "overdue"]).nullable(),
  timelinessLabel: z.string().nullable(),
  allowedActions: z.array(z.enum(FEEDBACK_ACTIONS)),
  can: z.object({ write: z.boolean(), answer: z.boolean() }),
});

/** `GET /api/feedback`: the register's filters and page. */
export const feedbackListQuery = caseListQuery({
  states: FEEDBACK_STATES,
  filters: {
    classification: z.enum(FEEDBACK_CLASSIFICATIONS).optional(),
    channel: z.enum(FEEDBACK_CHANNELS).optional(),
  },
  flags: { dueSoon: booleanQuery.optional() },
  cursorMax: 400,
});

export const feedbackDetailView = feedbackView.extend({
  events: z.array(caseEventView),
});

/**
 * Public responses carry no raw field: `title` and `answer` are the public (masked, confirmed)
 * texts, sender name and phone are masked; e-mail, address and raw texts are not in the schema.
 */
export const publicFeedbackStatus = z.object({
  code: z.string(),
  unitName: z.string(),
  title: z.string(),
  senderName: z.string(),
  senderPhone: z.string(),
  receivedOn: z.string(),
  dueDate: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  timelinessLabel: z.string().nullable(),
  transferredTo: z.string().nullable(),
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  publishedOn: z.string().nullable(),
  satisfaction: z.enum(SATISFACTION_LEVELS).nullable(),
  satisfactionLabel: z.string().nullable(),
  canRateSatisfaction: z.boolean(),
});

export { phoneProof as phoneLast4 } from "./common.schemas.ts";
