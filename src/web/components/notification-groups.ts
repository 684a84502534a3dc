/**
 * The notification bell's groups: what is late first, then what falls due soon, each kind under
 * its own heading, newest first inside a group (the order the server lists them in).
 */

export const NOTIFICATION_GROUPS = [
  { kind: "task_overdue", label: "Nhiệm vụ quá hạn" },
  { kind: "report_overdue", label: "Báo cáo quá hạn" },
  { kind: "task_due_soon", label: "Nhiệm vụ sắp đến hạn" },
  { kind: "report_due_soon", label: "Báo cáo sắp đến hạn" },
] as const;

const OTHER = "Thông báo khác";

export interface NotificationGroup<N> {
  label: string;
  items: N[];
}

/** The notifications in their groups; empty groups left out, unknown kinds last. */
export function groupNotifications<N extends { kind: string }>(
  items: readonly N[],
): NotificationGroup<N>[] {
  const known = new Set<string>(NOTIFICATION_GROUPS.map((g) => g.kind));
  return [
    ...NOTIFICATION_GROUPS.map((g) => ({
      label: g.label,
      items: items.filter((n) => n.kind === g.kind),
    })),
    { label: OTHER, items: items.filter((n) => !known.has(n.kind)) },
  ].filter((g) => g.items.length > 0);
}
