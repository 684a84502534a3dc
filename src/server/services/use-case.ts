import { createHash } from "node:crypto";
import { GENESIS_HASH, canonicalJson, chainInput } from "../../core/audit/audit-chain.ts";
import { replayChangesAfter } from "../cache/kept-values.ts";
import type { Executor } from "../db/database.ts";
import * as auditRepository from "../db/repositories/audit.repository.ts";
import type { Actor } from "./actor.ts";
import { AUDIT_ACTIONS, type AuditEventInput } from "./audit-events.ts";

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export interface UseCaseContext {
  tx: Executor;
  actor: Actor;
  audit(event: AuditEventInput): Promise<void>;
}

function digest(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return sha256(canonicalJson(value));
}

/** Appends one entry to the hash chain inside the caller's transaction. */
export async function appendAuditEvent(tx: Executor, actor: Actor, event: AuditEventInput) {
  await auditRepository.lockAuditChain(tx);
  const prevHash = (await auditRepository.lastAuditHash(tx)) ?? GENESIS_HASH;
  const id = await auditRepository.nextAuditId(tx);
  const fields = {
    id,
    at: new Date().toISOString(),
    actorId: actor.userId,
    actorName: actor.name,
    action: event.action,
    entityType: AUDIT_ACTIONS[event.action],
    entityId: event.entityId,
    unitId: event.unitId,
    beforeDigest: digest(event.before),
    afterDigest: digest(event.after),
    summary: event.summary,
  };
  const hash = sha256(chainInput(prevHash, fields));
  await auditRepository.insertAuditEvent(tx, {
    ...fields,
    at: new Date(fields.at),
    prevHash,
    hash,
  });
}

/**
 * Runs one use case in one transaction; its audit events are written in the same transaction,
 * so a write and its record stand or fall together. Session and register-total changes its writes
 * announced are applied again once it has ended (`replayChangesAfter`, cache/kept-values.ts).
 */
export async function runUseCase<T>(
  db: Executor,
  actor: Actor,
  work: (context: UseCaseContext) => Promise<T>,
): Promise<T> {
  return replayChangesAfter(() =>
    db.transaction(async (tx) => {
      const context: UseCaseContext = {
        tx: tx as unknown as Executor,
        actor,
        audit: (event) => appendAuditEvent(tx as unknown as Executor, actor, event),
      };
      return work(context);
    }),
  );
}
