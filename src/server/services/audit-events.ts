import type { AuditAction } from "../../core/audit/audit-actions.ts";

export { AUDIT_ACTIONS, type AuditAction } from "../../core/audit/audit-actions.ts";

export interface AuditEventInput {
  action: AuditAction;
  entityId: string | null;
  unitId: string | null;
  before?: unknown;
  after?: unknown;
  summary: string;
}
