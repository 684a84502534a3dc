import { Badge, type MantineSize } from "@mantine/core";

/** The on-time classes every register shows (see the core's on-time rules). */
export type CaseTimeliness = "early" | "on_time" | "late" | "pending" | "overdue";

export function timelinessColor(value: CaseTimeliness | null) {
  switch (value) {
    case "late":
    case "overdue":
      return "red";
    case "early":
    case "on_time":
      return "green";
    default:
      return "blue";
  }
}

/** A case's on-time class as a badge; nothing when the case is not classified. */
export function CaseTimelinessBadge({
  timeliness,
  label,
  size,
}: {
  timeliness: CaseTimeliness | null;
  label: string | null;
  size?: MantineSize;
}) {
  if (!label) return null;
  return (
    <Badge size={size} variant="light" color={timelinessColor(timeliness)}>
      {label}
    </Badge>
  );
}
