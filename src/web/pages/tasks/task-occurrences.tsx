import { Checkbox, Stack, Text, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { FormError } from "../../components/form-error.tsx";
import { formatDate } from "../../i18n/format.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { updateOccurrence, type Occurrence } from "../plans/plans.api.ts";
import { useInvalidatePlans } from "../plans/use-invalidate-plans.ts";

/** The dated occurrences of a recurring task ("Hằng quý" → four), each marked done on its own. */
export function TaskOccurrences({
  occurrences,
  canUpdate,
}: {
  occurrences: Occurrence[];
  canUpdate: boolean;
}) {
  const invalidate = useInvalidatePlans();
  const mark = useMutation({
    mutationFn: ({ id, done }: { id: string; done: boolean }) =>
      updateOccurrence(id, { status: done ? "completed" : "not_started" }),
    onSuccess: invalidate,
  });
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t.tasks.occurrences}
      </Title>
      <FormError error={mark.error} />
      {occurrences.map((occurrence) => (
        <Checkbox
          key={occurrence.id}
          disabled={!canUpdate || mark.isPending}
          checked={occurrence.status === "completed"}
          onChange={(event) =>
            mark.mutate({ id: occurrence.id, done: event.currentTarget.checked })
          }
          label={
            <Text size="sm" component="span">
              {occurrence.label} — {t.tasks.colDue.toLowerCase()} {formatDate(occurrence.dueDate)}
              {occurrence.completedAt &&
                ` · ${t.panel.occurrenceDone} ${formatDate(occurrence.completedAt)}`}
            </Text>
          }
        />
      ))}
    </Stack>
  );
}
