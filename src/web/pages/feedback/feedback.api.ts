import type { SatisfactionLevel } from "../../../core/feedback/feedback-values.ts";
import type {
  FeedbackAction,
  FeedbackClassification,
  FeedbackState,
} from "../../../core/feedback/feedback-state.ts";
import { buildQuery, requestData } from "../../api/client.ts";
import {
  caseKeys,
  listCases,
  type CaseQuery,
} from "../../components/case-register/case-register-api.ts";

/** Client of the feedback (PAKN) API: `/api/feedback` for staff, `/api/public/feedback` for all. */

export type { FeedbackAction, FeedbackClassification, FeedbackState };
export type Satisfaction = SatisfactionLevel;

export interface Feedback {
  id: string;
  code: string;
  unitId: string;
  unitName: string;
  channel: string;
  channelLabel: string;
  senderName: string;
  senderPhone: string;
  senderEmail: string | null;
  senderAddress: string | null;
  /** "masked" outside the unit's own desk. */
  personalData: "full" | "masked";
  title: string;
  content: string;
  receivedAt: string;
  countedFrom: string;
  dueDate: string;
  transferDueDate: string;
  ruleSet: string;
  state: FeedbackState;
  stateLabel: string;
  classification: FeedbackClassification | null;
  classificationLabel: string | null;
  assignedAgencyId: string | null;
  assignedAgencyName: string | null;
  transferredTo: string | null;
  reason: string | null;
  answer: string | null;
  answeredAt: string | null;
  answeredByName: string | null;
  finishedAt: string | null;
  publishedAt: string | null;
  /** What the public sees, as the clerk confirmed it at publication (personal data masked). */
  publicTitle: string | null;
  publicContent: string | null;
  publicAnswer: string | null;
  publicConfirmedByName: string | null;
  publicConfirmedAt: string | null;
  isSubmittedPublicly: boolean;
  satisfaction: Satisfaction | null;
  satisfactionLabel: string | null;
  satisfactionNote: string | null;
  timeliness: "early" | "on_time" | "late" | "pending" | "overdue" | null;
  timelinessLabel: string | null;
  allowedActions: FeedbackAction[];
  can: { write: boolean; answer: boolean };
}

export interface FeedbackDetail extends Feedback {
  events: {
    id: number;
    action: string;
    actionLabel: string;
    at: string;
    byName: string;
    toAgencyName: string | null;
    note: string | null;
  }[];
}

export interface FeedbackQuery extends CaseQuery {
  classification?: string;
  channel?: string;
  dueSoon?: boolean;
}

export const feedbackKeys = {
  ...caseKeys("feedback"),
  publicationPreview: (id: string) => ["feedback", "publication-preview", id] as const,
  publicUnits: ["public-feedback", "units"] as const,
  publicAnswers: (unitCode: string, page: number) =>
    ["public-feedback", "answers", unitCode, page] as const,
};

export function listFeedback(query: FeedbackQuery) {
  return listCases<Feedback, { register: boolean }>("/api/feedback", query);
}

export function getFeedback(id: string) {
  return requestData<FeedbackDetail>(`/api/feedback/${encodeURIComponent(id)}`);
}

export interface RegisterFeedbackInput {
  unitId: string;
  channel: string;
  senderName: string;
  senderPhone: string;
  senderEmail?: string | null;
  senderAddress?: string | null;
  title: string;
  content: string;
  receivedAt?: string | null;
}

export function registerFeedback(input: RegisterFeedbackInput) {
  return requestData<FeedbackDetail>("/api/feedback", { method: "POST", body: input });
}

export interface FeedbackTransitionInput {
  action: FeedbackAction;
  at?: string | null;
  note?: string | null;
  classification?: FeedbackClassification | null;
  agencyId?: string | null;
  answer?: string | null;
  transferredTo?: string | null;
  publication?: PublicTexts | null;
}

export interface PublicTexts {
  title: string;
  content: string;
  answer: string;
}

export interface PreviewSpan {
  kind: "name" | "phone" | "id_number" | "email" | "address";
  kindLabel: string;
  original: string;
  replacement: string;
  ofSender: boolean;
  mustStayMasked: boolean;
  /** Position of the replacement in the proposed text. */
  start: number;
  end: number;
}

export type PublicationPreview = Record<keyof PublicTexts, { text: string; spans: PreviewSpan[] }>;

/** The public texts proposed for review: personal data masked, with what was found. */
export function getPublicationPreview(id: string) {
  return requestData<PublicationPreview>(
    `/api/feedback/${encodeURIComponent(id)}/publication-preview`,
  );
}

export function transitionFeedback(id: string, input: FeedbackTransitionInput) {
  return requestData<FeedbackDetail>(`/api/feedback/${encodeURIComponent(id)}/transitions`, {
    method: "POST",
    body: input,
  });
}

/* ---------- public ---------- */

export interface PublicUnit {
  code: string;
  name: string;
  level: string;
}

export function listPublicUnits() {
  return requestData<PublicUnit[]>("/api/public/feedback/units");
}

export interface PublicSubmitInput {
  unitCode: string;
  senderName: string;
  senderPhone: string;
  senderEmail?: string | null;
  senderAddress?: string | null;
  title: string;
  content: string;
}

export interface PublicSubmitResult {
  code: string;
  unitName: string;
  receivedOn: string;
  dueDate: string;
  senderPhone: string;
}

export function submitPublicFeedback(input: PublicSubmitInput) {
  return requestData<PublicSubmitResult>("/api/public/feedback", { method: "POST", body: input });
}

export interface PublicAnswer {
  code: string;
  title: string;
  content: string;
  senderName: string;
  classificationLabel: string | null;
  agencyName: string | null;
  receivedOn: string;
  answeredOn: string | null;
  publishedOn: string;
  answer: string;
  satisfactionLabel: string | null;
}

export function listPublicAnswers(unitCode: string, limit: number, offset: number) {
  return requestData<{ unitCode: string; unitName: string; total: number; items: PublicAnswer[] }>(
    `/api/public/feedback${buildQuery({ unitCode, limit, offset })}`,
  );
}

export interface PublicFeedbackStatus {
  code: string;
  unitName: string;
  title: string;
  senderName: string;
  senderPhone: string;
  receivedOn: string;
  dueDate: string;
  state: string;
  stateLabel: string;
  timelinessLabel: string | null;
  transferredTo: string | null;
  answer: string | null;
  answeredOn: string | null;
  publishedOn: string | null;
  satisfaction: Satisfaction | null;
  satisfactionLabel: string | null;
  canRateSatisfaction: boolean;
}

export function lookupPublicFeedback(code: string, phoneLast4: string) {
  return requestData<PublicFeedbackStatus>(
    `/api/public/feedback/${encodeURIComponent(code.trim())}${buildQuery({ phoneLast4 })}`,
  );
}

export function rateAnswer(
  code: string,
  input: { phoneLast4: string; satisfaction: Satisfaction; note?: string | null },
) {
  return requestData<PublicFeedbackStatus>(
    `/api/public/feedback/${encodeURIComponent(code.trim())}/satisfaction`,
    { method: "POST", body: input },
  );
}
