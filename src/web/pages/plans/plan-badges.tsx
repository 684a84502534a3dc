import { Badge, Group, Progress as ProgressBar, Stack, Text, Tooltip } from "@mantine/core";
import type { TaskStatus } from "../../../core/plan/task-status.ts";
import type { PlanStatus, Progress } from "./plans.api.ts";

const PLAN_STATUS_COLORS: Record<PlanStatus, string> = {
  draft: "gray",
  issued: "green",
  superseded: "orange",
};

const TASK_STATUS_COLORS: Record<TaskStatus, string> = {
  not_started: "gray",
  in_progress: "blue",
  completed: "green",
  completed_late: "teal",
  overdue: "red",
  paused: "orange",
  cancelled: "grape",
};

export function PlanStatusBadge({ status, label }: { status: PlanStatus; label: string }) {
  return (
    <Badge color={PLAN_STATUS_COLORS[status] ?? "gray"} variant="light">
      {label}
    </Badge>
  );
}

export function TaskStatusBadge({ status, label }: { status: TaskStatus; label: string }) {
  return (
    <Badge color={TASK_STATUS_COLORS[status] ?? "gray"} variant="light">
      {label}
    </Badge>
  );
}

/** "7/12 nhiệm vụ hoàn thành, 2 quá hạn" with a bar; the rule is the tooltip. */
export function ProgressSummary({
  progress,
  label,
  testId,
}: {
  progress: Progress;
  label: string;
  testId?: string;
}) {
  const percent = progress.percent ?? 0;
  return (
    <Stack gap={4} miw={200}>
      <Tooltip label={progress.rule} multiline maw={360} withArrow>
        <Text size="sm" data-testid={testId} tabIndex={0}>
          {progress.summary}
        </Text>
      </Tooltip>
      <Group gap="xs" wrap="nowrap">
        <ProgressBar
          value={percent}
          color={progress.overdue > 0 ? "orange" : "green"}
          size="sm"
          flex={1}
          aria-label={label}
        />
      </Group>
    </Stack>
  );
}
