import { verifyChain, type StoredAuditEntry } from "../../core/audit/audit-chain.ts";
import type { Executor } from "../db/database.ts";
import * as auditRepository from "../db/repositories/audit.repository.ts";
import type { AuditRow } from "../db/repositories/audit.repository.ts";
import { AppError } from "../errors.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { sha256 } from "./use-case.ts";

function toStored(row: AuditRow): StoredAuditEntry {
  return { ...row, at: row.at.toISOString() };
}

async function requireAuditReader(db: Executor, actor: Actor) {
  const scope = await access.unitScope(db, actor, "audit.read");
  if (scope.kind === "some" && scope.unitIds.size === 0) throw new AppError("FORBIDDEN");
  return scope;
}

export async function listAuditEvents(
  db: Executor,
  actor: Actor,
  filter: Omit<auditRepository.AuditFilter, "limit" | "unitIds"> & { limit?: number },
) {
  await requireAuditReader(db, actor);
  const rows = await auditRepository.listAuditEvents(db, { ...filter, limit: filter.limit ?? 100 });
  // The gate: an administrator of a province sees events of its units and events without a unit
  // (sign-ins of unknown names, imports); a global administrator sees everything.
  const allowed = await access.check(
    db,
    actor,
    "audit.read",
    "audit",
    rows.map((row) => String(row.id)),
  );
  const visible = rows.filter((row) => allowed.has(String(row.id)));
  return { data: visible.map((row) => ({ ...row, at: row.at.toISOString() })) };
}

/** Recomputes every link of the chain, a page at a time. */
export async function verifyAuditChain(db: Executor) {
  let checked = 0;
  let previousHash: string | undefined;
  let page: StoredAuditEntry[] = [];
  const flush = () => {
    const result = verifyChain(page, sha256, previousHash);
    if (!result.ok) return { ...result, checked: checked + result.checked };
    checked += result.checked;
    previousHash = page[page.length - 1]?.hash ?? previousHash;
    page = [];
    return null;
  };
  for await (const row of auditRepository.allAuditEventsInOrder(db)) {
    page.push(toStored(row));
    if (page.length === 5000) {
      const broken = flush();
      if (broken) return broken;
    }
  }
  return flush() ?? { ok: true, checked, firstBrokenId: null };
}

export async function verifyAuditChainAs(db: Executor, actor: Actor) {
  await requireAuditReader(db, actor);
  return { data: await verifyAuditChain(db) };
}
