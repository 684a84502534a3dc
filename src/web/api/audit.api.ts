import { buildQuery, requestData } from "./client.ts";
import type { AuditEvent, AuditQuery, AuditVerifyResult } from "./types.ts";

export function listAuditEvents(query: AuditQuery = {}): Promise<AuditEvent[]> {
  return requestData<AuditEvent[]>(`/api/audit${buildQuery({ ...query })}`);
}

export function verifyAuditChain(): Promise<AuditVerifyResult> {
  return requestData<AuditVerifyResult>("/api/audit/verify");
}
