/** TanStack Query keys, in one place so invalidation after a mutation hits every view. */
export const queryKeys = {
  me: ["auth", "me"] as const,
  units: ["units"] as const,
  unitList: (query: object) => ["units", "list", query] as const,
  unit: (id: string) => ["units", "detail", id] as const,
  agencies: ["agencies"] as const,
  agencyList: (unitId: string) => ["agencies", "list", unitId] as const,
  users: ["users"] as const,
  userList: (query: object) => ["users", "list", query] as const,
  audit: ["audit"] as const,
  auditList: (query: object) => ["audit", "list", query] as const,
};
