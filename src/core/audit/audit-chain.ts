/**
 * The audit log is a hash chain: each entry's hash covers the previous entry's hash and the
 * entry's own fields in a canonical JSON form, so editing, deleting or reordering entries breaks
 * every later link. The hash function itself is supplied by the caller (the core does no I/O).
 */
export const GENESIS_HASH = "0".repeat(64);

export interface AuditEntryFields {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: string | null;
  beforeDigest: string | null;
  afterDigest: string | null;
  summary: string;
}

/** JSON with object keys sorted at every depth, so the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function chainInput(prevHash: string, entry: AuditEntryFields): string {
  return `${prevHash}\n${canonicalJson(entry)}`;
}

export interface StoredAuditEntry extends AuditEntryFields {
  prevHash: string;
  hash: string;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBrokenId: number | null;
}

/** Walks entries in id order and reports the first one whose link or hash does not hold. */
export function verifyChain(
  entries: Iterable<StoredAuditEntry>,
  hash: (input: string) => string,
  startHash: string = GENESIS_HASH,
): ChainVerification {
  let expectedPrev = startHash;
  let checked = 0;
  for (const entry of entries) {
    const { prevHash, hash: storedHash, ...fields } = entry;
    checked++;
    if (prevHash !== expectedPrev || hash(chainInput(prevHash, fields)) !== storedHash) {
      return { ok: false, checked, firstBrokenId: entry.id };
    }
    expectedPrev = storedHash;
  }
  return { ok: true, checked, firstBrokenId: null };
}
