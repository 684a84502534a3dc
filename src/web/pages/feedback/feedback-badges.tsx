import { Badge } from "@mantine/core";
import type { Feedback } from "./feedback.api.ts";

export function timelinessColor(value: Feedback["timeliness"]) {
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

export function TimelinessBadge({ feedback }: { feedback: Feedback }) {
  if (!feedback.timelinessLabel) return null;
  return (
    <Badge variant="light" color={timelinessColor(feedback.timeliness)}>
      {feedback.timelinessLabel}
    </Badge>
  );
}
