/**
 * Federation between CCHC instances (issue 16): a child instance sends each submitted version of
 * its unit's report, signed with its Ed25519 key, to its parent's instance; the parent checks the
 * envelope (core/federation/federation.ts), the signature and its registry, and stores the
 * snapshot as that unit's submitted report version, so its board and roll-up count it like a
 * local submission.
 *
 * - Linking is set up by the two administrators (`system.federation`, installation-wide): each
 *   side shows its instance id and public key; the parent registers the child (id, key, the unit
 *   it stands for), the child records the parent (address, id, key). A parent may revoke a child.
 * - Sending goes through the job runner (retries with growing waits, status on the report page);
 *   each attempt signs afresh, so the parent can refuse stale envelopes.
 * - The parent answers a stored snapshot with a receipt signed by its own key; the child checks
 *   it with the parent's public key, so a wrong address cannot pretend to have received it.
 */
import { createHash } from "node:crypto";
import {
  canonicalJson,
  checkEnvelope,
  checkOrder,
  checkSender,
  contentOf,
  ENVELOPE_FORMAT,
  FEDERATION_REFUSALS,
  type FederationRefusal,
  type SnapshotEnvelope,
} from "../../core/federation/federation.ts";
import { dueInstances } from "../../core/report/report-calendar.ts";
import type { ReportFigures } from "../../core/report/report-figures.ts";
import { toneInsensitiveKey } from "../../core/text/vietnamese-text.ts";
import type { Executor } from "../db/database.ts";
import * as repository from "../db/repositories/federation.repository.ts";
import * as reportRepository from "../db/repositories/report.repository.ts";
import { findUnitsByCodes, loadUnitTree } from "../db/repositories/unit.repository.ts";
import { AppError, type ErrorCode } from "../errors.ts";
import type { JobKind, JobRunner } from "../jobs/job-runner.ts";
import * as jobRepository from "../jobs/job.repository.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { loadWorkingCalendar } from "./calendar.service.ts";
import {
  disabledReason,
  generateKeyPair,
  normalisePublicKey,
  openPrivateKey,
  parsePublicKey,
  requireEnabled,
  signText,
  verifyText,
  type FederationSettings,
} from "./federation-keys.ts";
import { kindRuleOf, owes } from "./report-calendar.service.ts";
import type { Snapshot } from "./report.service.ts";
import { runUseCase } from "./use-case.ts";

export const FEDERATION_SEND_JOB = "federation-send";
export const INBOX_PATH = "/api/federation/snapshots";
/** Delivery attempts of one snapshot before it is marked failed. */
export const SEND_ATTEMPTS = 6;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/* ---------- administration (system.federation, installation-wide) ---------- */

/** Only an administrator whose reach is the whole installation links it with others. */
async function requireFederationAdmin(exec: Executor, actor: Actor): Promise<void> {
  const scope = await access.unitScope(exec, actor, "system.federation");
  if (scope.kind === "all") return;
  const everyUnit = await access.unitScopeAllIds(exec);
  if (everyUnit.length === 0 || !everyUnit.every((id) => scope.unitIds.has(id)))
    throw new AppError("FORBIDDEN");
}

/** The identity, created on first use once the secret is set. */
async function ensureIdentity(db: Executor, actor: Actor, secret: string) {
  const existing = await repository.findIdentity(db);
  if (existing) return existing;
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const row = await repository.insertIdentity(tx, generateKeyPair(secret));
    await audit({
      action: "federation.identity_create",
      entityId: row.instanceId,
      unitId: null,
      summary: "Tạo định danh và cặp khóa liên thông của hệ thống",
    });
    return row;
  });
}

export async function getIdentity(db: Executor, actor: Actor, settings?: FederationSettings) {
  await requireFederationAdmin(db, actor);
  const reason = disabledReason(settings);
  if (reason) {
    return {
      data: { enabled: false, reason, instanceId: null, publicKey: null, createdAt: null },
    };
  }
  const identity = await ensureIdentity(db, actor, settings!.secret!);
  // The secret may have changed since the keys were made: say so here rather than at sending.
  openPrivateKey(identity.privateKeyEncrypted, settings!.secret!);
  return {
    data: {
      enabled: true,
      reason: null,
      instanceId: identity.instanceId,
      publicKey: identity.publicKey,
      createdAt: identity.createdAt.toISOString(),
    },
  };
}

function childView(row: NonNullable<Awaited<ReturnType<typeof repository.findChild>>>) {
  return {
    id: row.child.id,
    instanceId: row.child.instanceId,
    name: row.child.name,
    publicKey: row.child.publicKey,
    unit: { id: row.child.unitId, name: row.unitName, code: row.unitCode },
    createdAt: row.child.createdAt.toISOString(),
    revokedAt: row.child.revokedAt?.toISOString() ?? null,
  };
}

export async function listChildren(db: Executor, actor: Actor) {
  await requireFederationAdmin(db, actor);
  return { data: (await repository.listChildren(db)).map(childView) };
}

export async function registerChild(
  db: Executor,
  actor: Actor,
  settings: FederationSettings | undefined,
  input: { instanceId: string; name: string; publicKey: string; unitId: string },
) {
  await requireFederationAdmin(db, actor);
  const secret = requireEnabled(settings);
  if (!parsePublicKey(input.publicKey)) throw new AppError("FEDERATION_PUBLIC_KEY_INVALID");
  const identity = await ensureIdentity(db, actor, secret);
  if (identity.instanceId === input.instanceId) throw new AppError("FEDERATION_SELF");
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const tree = await loadUnitTree(tx);
    if (!tree.node(input.unitId)) throw new AppError("UNIT_NOT_FOUND");
    const row = await repository.insertChild(tx, {
      instanceId: input.instanceId,
      name: input.name.trim(),
      publicKey: normalisePublicKey(input.publicKey),
      unitId: input.unitId,
      createdById: actor.userId,
    });
    if (!row) throw new AppError("FEDERATION_CHILD_TAKEN");
    await audit({
      action: "federation.child_register",
      entityId: row.id,
      unitId: input.unitId,
      after: { instanceId: row.instanceId, publicKey: row.publicKey },
      summary: `Đăng ký hệ thống cấp dưới “${row.name}”`,
    });
    return { data: childView((await repository.findChild(tx, row.id))!) };
  });
}

export async function revokeChild(db: Executor, actor: Actor, id: string) {
  await requireFederationAdmin(db, actor);
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const found = await repository.findChild(tx, id);
    if (!found) throw new AppError("FEDERATION_CHILD_NOT_FOUND");
    if (!found.child.revokedAt) {
      await repository.revokeChild(tx, id, actor.userId, new Date());
      await audit({
        action: "federation.child_revoke",
        entityId: id,
        unitId: found.child.unitId,
        summary: `Thu hồi quyền liên thông của hệ thống “${found.child.name}”`,
      });
    }
    return { data: childView((await repository.findChild(tx, id))!) };
  });
}

function parentView(row: repository.ParentRow | null) {
  return row
    ? {
        url: row.url,
        instanceId: row.instanceId,
        publicKey: row.publicKey,
        updatedAt: row.updatedAt.toISOString(),
      }
    : null;
}

export async function getParent(db: Executor, actor: Actor) {
  await requireFederationAdmin(db, actor);
  return { data: parentView(await repository.findParent(db)) };
}

export async function setParent(
  db: Executor,
  actor: Actor,
  settings: FederationSettings | undefined,
  input: { url: string; instanceId: string; publicKey: string },
) {
  await requireFederationAdmin(db, actor);
  const secret = requireEnabled(settings);
  if (!parsePublicKey(input.publicKey)) throw new AppError("FEDERATION_PUBLIC_KEY_INVALID");
  const identity = await ensureIdentity(db, actor, secret);
  if (identity.instanceId === input.instanceId) throw new AppError("FEDERATION_SELF");
  return runUseCase(db, actor, async ({ tx, audit }) => {
    const row = await repository.upsertParent(tx, {
      url: input.url.replace(/\/+$/, ""),
      instanceId: input.instanceId,
      publicKey: normalisePublicKey(input.publicKey),
      updatedById: actor.userId,
    });
    await audit({
      action: "federation.parent_set",
      entityId: row.instanceId,
      unitId: null,
      after: { url: row.url, instanceId: row.instanceId, publicKey: row.publicKey },
      summary: `Khai báo hệ thống cấp trên ${row.url}`,
    });
    return { data: parentView(row)! };
  });
}

/* ---------- sending (the unit's report owners) ---------- */

function sentView(row: repository.SentRow) {
  return {
    version: row.version,
    status: row.status as "queued" | "sent" | "failed",
    attempts: row.attempts,
    lastError: row.lastError,
    parentUrl: row.parentUrl,
    queuedAt: row.queuedAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/** The report as its own unit's writers reach it (others: not found, as on the report page). */
async function ownReport(exec: Executor, actor: Actor, reportId: string) {
  const report = await reportRepository.findReport(exec, reportId);
  if (!report) throw new AppError("REPORT_NOT_FOUND");
  const writable = await access.check(exec, actor, "report.write", "unit", [report.unitId]);
  if (!writable.has(report.unitId)) throw new AppError("REPORT_NOT_FOUND");
  return report;
}

export async function sentStatus(
  db: Executor,
  actor: Actor,
  reportId: string,
  settings: FederationSettings | undefined,
) {
  const report = await ownReport(db, actor, reportId);
  const rows = await repository.sentOfReport(db, reportId);
  const parent = await repository.findParent(db);
  const reason =
    disabledReason(settings) ?? (parent ? null : new AppError("FEDERATION_PARENT_NOT_SET").message);
  const latest = rows.find((r) => r.version === report.version);
  return {
    data: {
      parentUrl: parent?.url ?? null,
      unavailableReason: reason,
      version: report.version,
      canSend: reason === null && report.version > 0 && (!latest || latest.status === "failed"),
      sent: rows.map(sentView),
    },
  };
}

/** Queues the report's latest submitted version for sending to the parent. */
export async function queueSend(
  db: Executor,
  actor: Actor,
  reportId: string,
  settings: FederationSettings | undefined,
  jobs: JobRunner,
) {
  const result = await runUseCase(db, actor, async ({ tx, audit }) => {
    const report = await ownReport(tx, actor, reportId);
    requireEnabled(settings);
    const locked = (await reportRepository.lockReport(tx, reportId))!;
    if (locked.version === 0) throw new AppError("FEDERATION_REPORT_NOT_SUBMITTED");
    const parent = await repository.findParent(tx);
    if (!parent) throw new AppError("FEDERATION_PARENT_NOT_SET");
    const existing = await repository.findSent(tx, reportId, locked.version);
    // Already on its way or delivered: nothing to queue twice.
    if (existing && existing.status !== "failed") return { row: existing, queued: false };
    const job = await jobRepository.enqueueJob(tx, {
      kind: FEDERATION_SEND_JOB,
      payload: { reportId, version: locked.version },
      maxAttempts: SEND_ATTEMPTS,
      subject: `${reportId}:${locked.version}`,
      unitId: report.unitId,
    });
    await repository.upsertSentQueued(tx, {
      reportId,
      version: locked.version,
      parentUrl: parent.url,
      jobId: job.id,
      queuedById: actor.userId,
    });
    await audit({
      action: "federation.send",
      entityId: reportId,
      unitId: report.unitId,
      summary: `Gửi báo cáo ${report.periodLabel} (lần ${locked.version}) lên hệ thống cấp trên ${parent.url}`,
    });
    return { row: (await repository.findSent(tx, reportId, locked.version))!, queued: true };
  });
  if (result.queued) jobs.wake();
  return { data: sentView(result.row) };
}

/** The envelope of one submitted version, signed at `now` (exported for the tests' tampering). */
export async function signedSnapshot(
  db: Executor,
  secret: string,
  reportId: string,
  version: number,
  now: Date,
) {
  const identity = await repository.findIdentity(db);
  if (!identity) throw new AppError("FEDERATION_DISABLED", { params: { reason: "Chưa có khóa." } });
  const report = (await reportRepository.findReport(db, reportId))!;
  const kind = (await reportRepository.findKind(db, report.kindId))!;
  const row = (await reportRepository.versionsOf(db, reportId)).find((v) => v.version === version);
  if (!row) throw new AppError("REPORT_VERSION_NOT_FOUND");
  const snapshot = row.snapshot as Snapshot;
  const envelope: SnapshotEnvelope = {
    format: ENVELOPE_FORMAT,
    senderInstanceId: identity.instanceId,
    reportId,
    unitCode: snapshot.figures.unit.code,
    kind: {
      name: kind.name,
      periodKind: kind.periodKind as SnapshotEnvelope["kind"]["periodKind"],
    },
    period: {
      key: report.periodKey,
      label: report.periodLabel,
      from: report.periodFrom,
      to: report.periodTo,
      dueDate: report.dueDate,
    },
    version,
    submittedAt: row.submittedAt.toISOString(),
    submittedByName: row.submittedByName,
    figures: snapshot.figures,
    narrative: snapshot.narrative,
    createdAt: now.toISOString(),
  };
  const privateKey = openPrivateKey(identity.privateKeyEncrypted, secret);
  return { envelope, signature: signText(privateKey, canonicalJson(envelope)) };
}

/** A refusal by the parent that another attempt cannot cure (bad signature, unknown unit …). */
class RefusedByParent extends Error {}

function receiptText(senderInstanceId: string, reportId: string, version: number) {
  return canonicalJson({ receipt: "stored", senderInstanceId, reportId, version });
}

/** The job that delivers one snapshot: one attempt per run, the runner retries. */
export function federationSendJob(db: Executor, settings: FederationSettings): JobKind {
  const timeoutMs = settings.sendTimeoutMs ?? 20_000;
  return {
    retry: { baseDelayMs: 30_000, maxDelayMs: 30 * 60_000 },
    isPermanent: (error) => error instanceof RefusedByParent,
    async run(payload, context) {
      const reportId = String(payload.reportId);
      const version = Number(payload.version);
      await repository.updateSent(db, reportId, version, { attempts: context.attempt });
      try {
        const secret = requireEnabled(settings);
        const parent = await repository.findParent(db);
        if (!parent) throw new AppError("FEDERATION_PARENT_NOT_SET");
        const now = settings.now?.() ?? new Date();
        const body = await signedSnapshot(db, secret, reportId, version, now);
        let response: Response;
        try {
          response = await fetch(parent.url + INBOX_PATH, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
            signal: AbortSignal.any([context.signal, AbortSignal.timeout(timeoutMs)]),
            redirect: "error",
          });
        } catch (error) {
          const name = (error as Error).name;
          throw new Error(
            name === "TimeoutError"
              ? `Hệ thống cấp trên không trả lời sau ${Math.round(timeoutMs / 1000)} giây.`
              : `Không kết nối được hệ thống cấp trên (${parent.url}).`,
            { cause: error },
          );
        }
        const answer = (await response.json().catch(() => null)) as {
          data?: { receipt?: string };
          error?: { code?: string; message?: string };
        } | null;
        if (!response.ok) {
          const said = answer?.error
            ? `${answer.error.message ?? ""} (${answer.error.code ?? response.status})`
            : `HTTP ${response.status}`;
          const message = `Hệ thống cấp trên từ chối: ${said}`;
          // Busy or down: worth another attempt; any other refusal is final.
          if (response.status >= 500 || response.status === 429 || response.status === 408)
            throw new Error(message);
          throw new RefusedByParent(message);
        }
        const parentKey = parsePublicKey(parent.publicKey);
        const receipt = answer?.data?.receipt;
        if (
          !parentKey ||
          typeof receipt !== "string" ||
          !verifyText(
            parentKey,
            receiptText(body.envelope.senderInstanceId, reportId, version),
            receipt,
          )
        ) {
          throw new RefusedByParent(
            "Biên nhận không có chữ ký hợp lệ của hệ thống cấp trên: kiểm tra lại địa chỉ và khóa công khai đã khai báo.",
          );
        }
        await repository.updateSent(db, reportId, version, {
          status: "sent",
          sentAt: new Date(),
          lastError: null,
        });
      } catch (error) {
        const message =
          error instanceof AppError || error instanceof Error ? error.message : String(error);
        await repository.updateSent(db, reportId, version, { lastError: message });
        throw error instanceof AppError ? new RefusedByParent(message) : error;
      }
    },
    async onFailed(job) {
      await repository.updateSent(db, String(job.payload.reportId), Number(job.payload.version), {
        status: "failed",
      });
    },
  };
}

/* ---------- receiving (the public inbox, authenticated by the signature) ---------- */

function refuse(code: FederationRefusal, reason: string = FEDERATION_REFUSALS[code]): never {
  throw new AppError(code as ErrorCode, { params: { reason } });
}

/** Same kind name on both sides, whatever the tone placement, case or spacing. */
const sameName = (a: string, b: string) => toneInsensitiveKey(a) === toneInsensitiveKey(b);

/**
 * Checks a signed snapshot and stores it as the unit's submitted report version, in one
 * transaction: the parent's report (opened if the unit had none for that kind and period), a new
 * frozen version, the received record and the audit entry. A retry of a stored snapshot is
 * answered again without storing anything.
 */
export async function receiveSnapshot(
  db: Executor,
  settings: FederationSettings | undefined,
  body: { envelope: unknown; signature: string },
) {
  const secret = requireEnabled(settings);
  const now = settings?.now?.() ?? new Date();
  const checked = checkEnvelope(body.envelope, now);
  if (!checked.ok) refuse(checked.code, checked.reason);
  const envelope = checked.envelope;
  const found = await repository.findChildByInstance(db, envelope.senderInstanceId);
  // The signature first: nothing about the registry is told to a caller who cannot sign.
  const key = found ? parsePublicKey(found.child.publicKey) : null;
  if (!found || !key) refuse("FEDERATION_SENDER_UNKNOWN");
  if (!verifyText(key, canonicalJson(body.envelope), body.signature))
    refuse("FEDERATION_SIGNATURE_INVALID");
  const [unit] = await findUnitsByCodes(db, [envelope.unitCode]);
  const senderProblem = checkSender(
    envelope,
    { revokedAt: found.child.revokedAt, unitCode: found.unitCode },
    unit !== undefined,
  );
  if (senderProblem) refuse(senderProblem);
  const identity = (await repository.findIdentity(db))!;
  const privateKey = openPrivateKey(identity.privateKeyEncrypted, secret);
  const receipt = signText(
    privateKey,
    receiptText(envelope.senderInstanceId, envelope.reportId, envelope.version),
  );
  const sender = { userId: null, name: `Liên thông: ${found.child.name}`, grants: [] };
  const result = await runUseCase(db, sender, async ({ tx, audit }) => {
    const received = await repository.receivedOf(tx, found.child.id, envelope.reportId);
    const order = checkOrder(
      envelope,
      received.map((r) => ({ version: r.remoteVersion, content: r.contentDigest })),
      sha256,
    );
    if (order === "duplicate") {
      const same = received.find((r) => r.remoteVersion === envelope.version)!;
      return { status: "duplicate" as const, reportId: same.reportId, version: same.version };
    }
    if (order !== "new") refuse(order);
    const local = await resolveKind(tx, unit!.id, envelope);
    let report = await reportRepository.findReportFor(
      tx,
      local.kind.id,
      unit!.id,
      local.period.key,
    );
    if (!report) {
      report = await reportRepository.insertReport(tx, {
        kindId: local.kind.id,
        unitId: unit!.id,
        periodKey: local.period.key,
        periodFrom: local.period.from,
        periodTo: local.period.to,
        periodLabel: local.period.label,
        dueDate: local.dueDate,
        narrative: envelope.narrative,
      });
      report ??= await reportRepository.findReportFor(
        tx,
        local.kind.id,
        unit!.id,
        local.period.key,
      );
    }
    const locked = (await reportRepository.lockReport(tx, report!.id))!;
    const version = locked.version + 1;
    // The figures as frozen by the child, under this installation's record of the unit.
    const figures: ReportFigures = {
      ...envelope.figures,
      unit: { id: unit!.id, name: unit!.name, code: unit!.code },
    };
    const snapshot: Snapshot = { figures, narrative: envelope.narrative };
    await reportRepository.insertVersion(tx, {
      reportId: locked.id,
      version,
      snapshot,
      submittedById: null,
      submittedByName: `${envelope.submittedByName} (liên thông từ ${found.child.name})`,
      submittedAt: new Date(envelope.submittedAt),
    });
    await reportRepository.updateReport(tx, locked.id, {
      status: "submitted",
      version,
      narrative: envelope.narrative,
    });
    const stored = await repository.insertReceived(tx, {
      childId: found.child.id,
      remoteReportId: envelope.reportId,
      remoteVersion: envelope.version,
      contentDigest: sha256(contentOf(envelope)),
      signature: body.signature,
      reportId: locked.id,
      version,
    });
    // The same snapshot stored by a concurrent request: ours is rolled back.
    if (!stored) refuse("FEDERATION_REPLAY");
    await audit({
      action: "federation.receive",
      entityId: locked.id,
      unitId: unit!.id,
      after: snapshot,
      summary: `Nhận ${local.kind.name} — ${local.period.label} (lần ${envelope.version} của hệ thống “${found.child.name}”)`,
    });
    return { status: "stored" as const, reportId: locked.id, version };
  });
  return { data: { ...result, receipt } };
}

/** The parent's published kind the unit owes for the period (by its name and kind of period). */
async function resolveKind(tx: Executor, unitId: string, envelope: SnapshotEnvelope) {
  const tree = await loadUnitTree(tx);
  const parentUnit = tree.node(unitId)?.parentId ?? null;
  const kinds = parentUnit ? await reportRepository.kindsOfUnits(tx, [parentUnit], true) : [];
  const calendar = await loadWorkingCalendar(tx);
  const year = Number(envelope.period.key.slice(0, 4));
  for (const kind of kinds) {
    if (kind.periodKind !== envelope.kind.periodKind || !sameName(kind.name, envelope.kind.name))
      continue;
    const instance = dueInstances(kindRuleOf(kind), year, calendar).find(
      (i) => i.period.key === envelope.period.key,
    );
    if (!instance || !owes(tree, kind.unitId, unitId, instance.period.to)) continue;
    if (instance.period.from !== envelope.period.from || instance.period.to !== envelope.period.to)
      refuse("FEDERATION_PERIOD_MISMATCH");
    return { kind, period: instance.period, dueDate: instance.dueDate };
  }
  refuse("FEDERATION_KIND_UNKNOWN");
}
