import {
  PERSONAL_DATA_KIND_LABELS,
  findPersonalData,
  maskPersonalData,
  mustStayMasked,
  type SenderPersonalData,
} from "../../core/feedback/index.ts";
import type { FeedbackRow } from "../db/repositories/feedback.repository.ts";
import { AppError, type ErrorDetail } from "../errors.ts";

/*
 * The public text of a feedback: proposed masked for the clerk to review, checked again when the
 * clerk confirms it, and what the public pages show. The raw title, content and answer never
 * reach a public page.
 */

export const PUBLIC_TEXT_FIELDS = ["title", "content", "answer"] as const;
export type PublicTextField = (typeof PUBLIC_TEXT_FIELDS)[number];
export type PublicTexts = Record<PublicTextField, string>;

export function senderOf(row: FeedbackRow): SenderPersonalData {
  return {
    name: row.senderName,
    phone: row.senderPhone,
    email: row.senderEmail,
    address: row.senderAddress,
  };
}

function rawTexts(row: FeedbackRow): PublicTexts {
  return { title: row.title, content: row.content, answer: row.answer ?? "" };
}

/** Each text masked, with what was found (positions in the masked text) for the clerk. */
export function publicationPreview(row: FeedbackRow) {
  const sender = senderOf(row);
  const raw = rawTexts(row);
  const preview = (field: PublicTextField) => {
    const masked = maskPersonalData(raw[field], sender);
    return {
      text: masked.text,
      spans: masked.spans.map((span) => ({
        kind: span.kind,
        kindLabel: PERSONAL_DATA_KIND_LABELS[span.kind],
        original: span.original,
        replacement: span.replacement,
        ofSender: span.ofSender,
        mustStayMasked: mustStayMasked(span),
        start: span.maskedStart,
        end: span.maskedEnd,
      })),
    };
  };
  return { title: preview("title"), content: preview("content"), answer: preview("answer") };
}

/**
 * The texts the clerk confirmed, trimmed; refused when one is missing or still holds data that
 * may never be published (the sender's own data, identity numbers). Messages show the masked
 * form only, so that the error itself leaks nothing when logged.
 */
export function confirmedPublicTexts(
  row: FeedbackRow,
  input: Partial<PublicTexts> | null | undefined,
): PublicTexts {
  const texts = {
    title: input?.title?.trim() ?? "",
    content: input?.content?.trim() ?? "",
    answer: input?.answer?.trim() ?? "",
  };
  if (!texts.title || !texts.content || !texts.answer) {
    throw new AppError("FEEDBACK_PUBLIC_TEXT_REQUIRED");
  }
  const sender = senderOf(row);
  const details: ErrorDetail[] = [];
  for (const field of PUBLIC_TEXT_FIELDS) {
    for (const span of findPersonalData(texts[field], sender).filter(mustStayMasked)) {
      const whose = span.ofSender ? " của người gửi" : "";
      details.push({
        path: `publication.${field}`,
        message: `${PERSONAL_DATA_KIND_LABELS[span.kind]}${whose}: ${span.replacement}`,
      });
    }
  }
  if (details.length > 0) {
    const found = [...new Set(details.map((d) => d.message.split(":")[0]!.toLowerCase()))];
    throw new AppError("FEEDBACK_PUBLIC_TEXT_HAS_PERSONAL_DATA", {
      params: { found: found.join(", ") },
      details,
    });
  }
  return texts;
}

/**
 * What the public pages show of one text: the confirmed public text, or for a feedback published
 * before public texts existed (or not yet published), the text masked now. Never the raw text.
 */
export function publicTextOf(row: FeedbackRow, field: PublicTextField): string {
  if (row.publicConfirmedAt !== null) {
    const confirmed = {
      title: row.publicTitle,
      content: row.publicContent,
      answer: row.publicAnswer,
    };
    return confirmed[field] ?? "";
  }
  return maskPersonalData(rawTexts(row)[field], senderOf(row)).text;
}
