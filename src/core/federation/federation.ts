/**
 * Federation between CCHC instances: a ward (or province) running its own instance sends each
 * submitted version of its report to its parent's instance as a signed snapshot envelope. This
 * module is the pure part: the envelope's shape, its canonical JSON (the bytes that are signed),
 * and the checks an incoming envelope must pass before the parent stores it. Signing and
 * verifying (Ed25519) live in the server (src/server/services/federation-keys.ts); everything
 * here takes the clock as an argument.
 */
import { z } from "zod";
import { REPORT_PERIOD_KINDS } from "../report/report-calendar.ts";
import type { ReportFigures } from "../report/report-figures.ts";

/** Bumped when the envelope's meaning changes; a parent refuses a format it does not know. */
export const ENVELOPE_FORMAT = 1;

/** How far in the past an envelope's `createdAt` may be (each attempt signs afresh). */
export const MAX_ENVELOPE_AGE_MS = 24 * 3600_000;
/** How far in the future (clock skew between the two servers). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const PERIOD_KEY_PATTERNS: Record<(typeof REPORT_PERIOD_KINDS)[number], RegExp> = {
  quarterly: /^\d{4}-Q[1-4]$/,
  half_yearly: /^\d{4}-H[12]$/,
  yearly: /^\d{4}-Y$/,
  ad_hoc: /^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/,
};

const id = z.string().min(1).max(100);
const text = (max: number) => z.string().max(max);
const ratio = z.object({ numerator: z.number(), denominator: z.number() });
const section = z.looseObject({ available: z.boolean() });

/**
 * The frozen figures as the sender's core built them. The sections are checked for presence and
 * their key numbers for type; unknown keys are kept (a newer sender may add a section), since the
 * parent stores the figures exactly as signed.
 */
const figuresSchema = z.looseObject({
  unit: z.object({ id, name: text(500), code: text(100) }),
  period: z.object({
    key: text(40),
    label: text(200),
    from: text(10),
    to: text(10),
    asOf: text(10),
  }),
  tasks: section,
  targets: section,
  oneStop: section.extend({ onTime: ratio }),
  feedback: section.extend({ onTime: ratio }),
  satisfaction: section.extend({ rate: ratio }),
  serviceIndex766: section,
});

export const envelopeSchema = z.object({
  format: z.literal(ENVELOPE_FORMAT),
  /** The sending instance's id (as registered at the parent). */
  senderInstanceId: z.uuid(),
  /** The sender's report id: with the version, what makes a snapshot unique. */
  reportId: z.uuid(),
  /** The code of the unit the report is for (the parent's unit of the same code). */
  unitCode: z.string().min(1).max(100),
  kind: z.object({
    name: z.string().min(1).max(300),
    periodKind: z.enum(REPORT_PERIOD_KINDS),
  }),
  period: z.object({
    key: z.string().min(1).max(40),
    label: z.string().max(200),
    from: z.iso.date(),
    to: z.iso.date(),
    dueDate: z.iso.date(),
  }),
  version: z.number().int().min(1).max(10_000),
  submittedAt: z.iso.datetime({ offset: true }),
  submittedByName: z.string().max(300),
  figures: figuresSchema,
  narrative: z.record(z.string().max(50), z.string().max(20_000)),
  createdAt: z.iso.datetime({ offset: true }),
});

export type SnapshotEnvelope = Omit<z.infer<typeof envelopeSchema>, "figures"> & {
  figures: ReportFigures;
};

/** What the parent receives: the envelope and the sender's signature of its canonical JSON. */
export const signedEnvelopeSchema = z.object({
  envelope: z.unknown(),
  /** Base64 of the Ed25519 signature of `canonicalJson(envelope)`. */
  signature: z.string().min(1).max(200),
});

/**
 * The canonical JSON of a value: object keys sorted by code point at every level, no whitespace,
 * arrays in order. Two instances serialising the same envelope get the same bytes to sign.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("canonical JSON: number is not finite");
    return JSON.stringify(value);
  }
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  throw new Error(`canonical JSON: unsupported ${typeof value}`);
}

/**
 * The snapshot's content without its signing time: the same version re-signed for a retry has
 * the same content key, so a parent tells a retry (already stored: nothing to do) from a replay
 * of different content under a version it already has.
 */
export function contentOf(envelope: SnapshotEnvelope): string {
  const { createdAt: _signedAt, ...content } = envelope;
  return canonicalJson(content);
}

/** Why an incoming envelope is refused: stable codes, each with its Vietnamese message. */
export const FEDERATION_REFUSALS = {
  FEDERATION_ENVELOPE_INVALID: "Gói số liệu liên thông không đúng định dạng.",
  FEDERATION_SIGNATURE_INVALID: "Chữ ký của gói số liệu không hợp lệ.",
  FEDERATION_SENDER_UNKNOWN: "Hệ thống gửi chưa được đăng ký là cấp dưới của hệ thống này.",
  FEDERATION_SENDER_REVOKED: "Hệ thống gửi đã bị thu hồi quyền liên thông.",
  FEDERATION_UNIT_UNKNOWN: "Không có đơn vị mang mã này ở hệ thống nhận.",
  FEDERATION_UNIT_NOT_OWNED: "Hệ thống gửi không đại diện cho đơn vị này.",
  FEDERATION_PERIOD_MISMATCH: "Kỳ báo cáo không khớp với loại báo cáo hoặc với số liệu.",
  FEDERATION_KIND_UNKNOWN: "Đơn vị không phải nộp loại báo cáo này cho kỳ đã nêu ở hệ thống nhận.",
  FEDERATION_REPLAY: "Phiên bản báo cáo này (hoặc một phiên bản mới hơn) đã được nhận trước đó.",
  FEDERATION_TOO_OLD: "Gói số liệu đã quá hạn (lập quá 24 giờ trước).",
  FEDERATION_FROM_FUTURE:
    "Thời điểm lập gói số liệu ở tương lai: đồng hồ của hai hệ thống lệch nhau quá 5 phút.",
} as const;
export type FederationRefusal = keyof typeof FEDERATION_REFUSALS;

export type EnvelopeCheck =
  { ok: true; envelope: SnapshotEnvelope } | { ok: false; code: FederationRefusal; reason: string };

function refuse(
  code: FederationRefusal,
  reason: string = FEDERATION_REFUSALS[code],
): EnvelopeCheck {
  return { ok: false, code, reason };
}

/**
 * The checks made on the envelope alone (before the signature and the database): its shape,
 * that the period key fits the kind of period and the figures' own period and unit, and its
 * signing time against `now`.
 */
export function checkEnvelope(input: unknown, now: Date): EnvelopeCheck {
  const parsed = envelopeSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return refuse(
      "FEDERATION_ENVELOPE_INVALID",
      `${FEDERATION_REFUSALS.FEDERATION_ENVELOPE_INVALID} (${first?.path.join(".") || "gói"}: ${first?.message ?? ""})`,
    );
  }
  // The figures as signed (the schema keeps unknown keys but is not trusted to keep order).
  const envelope = { ...parsed.data, figures: (input as { figures: ReportFigures }).figures };
  const { period, kind, figures } = envelope;
  if (
    !PERIOD_KEY_PATTERNS[kind.periodKind].test(period.key) ||
    period.from > period.to ||
    figures.period.key !== period.key ||
    figures.period.from !== period.from ||
    figures.period.to !== period.to
  ) {
    return refuse("FEDERATION_PERIOD_MISMATCH");
  }
  if (figures.unit.code !== envelope.unitCode) {
    return refuse("FEDERATION_UNIT_NOT_OWNED", "Số liệu không phải của đơn vị ghi trên gói.");
  }
  const created = Date.parse(envelope.createdAt);
  if (created < now.getTime() - MAX_ENVELOPE_AGE_MS) return refuse("FEDERATION_TOO_OLD");
  if (created > now.getTime() + MAX_CLOCK_SKEW_MS) return refuse("FEDERATION_FROM_FUTURE");
  return { ok: true, envelope };
}

/** What the parent knows of the child that signed (looked up by the envelope's sender id). */
export interface RegisteredChild {
  revokedAt: Date | null;
  /** The code of the parent's unit the child stands for. */
  unitCode: string;
}

/**
 * The checks against the parent's registry: the sender is a registered child, not revoked, and
 * stands for the envelope's unit (which exists at the parent).
 */
export function checkSender(
  envelope: SnapshotEnvelope,
  child: RegisteredChild | null,
  unitExists: boolean,
): FederationRefusal | null {
  if (!child) return "FEDERATION_SENDER_UNKNOWN";
  if (child.revokedAt) return "FEDERATION_SENDER_REVOKED";
  if (!unitExists) return "FEDERATION_UNIT_UNKNOWN";
  if (child.unitCode !== envelope.unitCode) return "FEDERATION_UNIT_NOT_OWNED";
  return null;
}

/** A version already received for the same sender's report (its content key and version). */
export interface ReceivedVersion {
  version: number;
  /** `contentOf` the envelope, or its digest by the `digest` given to checkOrder. */
  content: string;
}

/**
 * Replay and order: the same content under a version already received is a retry (stored
 * already, answered as such); anything else at or below the latest received version is refused.
 */
export function checkOrder(
  envelope: SnapshotEnvelope,
  received: readonly ReceivedVersion[],
  digest: (content: string) => string = (content) => content,
): "new" | "duplicate" | FederationRefusal {
  const same = received.find((r) => r.version === envelope.version);
  if (same) return same.content === digest(contentOf(envelope)) ? "duplicate" : "FEDERATION_REPLAY";
  const latest = Math.max(0, ...received.map((r) => r.version));
  return envelope.version > latest ? "new" : "FEDERATION_REPLAY";
}
