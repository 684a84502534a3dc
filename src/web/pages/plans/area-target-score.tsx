import { ActionIcon, Button, Group, NumberInput, Text } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { AreaKey } from "../../../core/plan/plan-area.ts";
import { formatNumber } from "../../../core/text/number-format.ts";
import { FormError } from "../../components/form-error.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { vi } from "../../i18n/vi.ts";
import { setPlanArea, type PlanArea } from "./plans.api.ts";
import { useInvalidatePlans } from "./use-invalidate-plans.ts";

/** Decimal comma, point between thousands: "9,5". */
const numberProps = { decimalSeparator: ",", thousandSeparator: ".", decimalScale: 2 } as const;

/** A score as plans print it: "9,5", "10". */
const score = (value: number) => formatNumber(value, { minFractionDigits: 0 });

const toNumber = (value: number | string) => (typeof value === "number" ? value : null);

/**
 * "Phấn đấu đạt 9,5/10 điểm" under an area's heading; on a draft plan, editable in place
 * (`PUT /api/plans/:id/areas/:key`).
 */
export function AreaTargetScore({
  planId,
  areaKey,
  heading,
  area,
  canEdit,
}: {
  planId: string;
  areaKey: AreaKey;
  heading: string;
  area: PlanArea | null;
  canEdit: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [target, setTarget] = useState<number | string>("");
  const [max, setMax] = useState<number | string>("");
  const [problem, setProblem] = useState<string | null>(null);
  const invalidate = useInvalidatePlans();
  const save = useMutation({
    mutationFn: () =>
      setPlanArea(planId, areaKey, { targetScore: toNumber(target), maxScore: toNumber(max) }),
    onSuccess: async () => {
      notifySuccess(t.tasks.areaTargetSaved);
      await invalidate();
      setEditing(false);
    },
  });

  const targetScore = area?.targetScore ?? null;
  const maxScore = area?.maxScore ?? null;
  const hasScore = targetScore != null && maxScore != null;

  if (!editing) {
    if (!hasScore && !canEdit) return null;
    return (
      <Group gap={4} wrap="nowrap">
        <Text size="xs" c="dimmed" data-testid={`area-target-${areaKey}`}>
          {hasScore
            ? t.tasks.areaTarget(score(targetScore), score(maxScore))
            : t.tasks.areaTargetNone}
        </Text>
        {canEdit && (
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={t.tasks.areaTargetEdit(heading)}
            onClick={() => {
              setTarget(targetScore ?? "");
              setMax(maxScore ?? "");
              setProblem(null);
              save.reset();
              setEditing(true);
            }}
          >
            <IconPencil size={14} aria-hidden="true" />
          </ActionIcon>
        )}
      </Group>
    );
  }

  const submit = () => {
    const targetValue = toNumber(target);
    const maxValue = toNumber(max);
    if (targetValue != null && maxValue != null && targetValue > maxValue) {
      setProblem(t.tasks.areaTargetInvalid);
      return;
    }
    setProblem(null);
    save.mutate();
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      <FormError error={save.error} />
      <Group gap={6} align="center" wrap="wrap" mt={4}>
        <Text size="sm">{t.tasks.areaTargetPrefix}</Text>
        <NumberInput
          {...numberProps}
          aria-label={t.tasks.areaTargetScore(heading)}
          size="xs"
          w={80}
          min={0}
          hideControls
          value={target}
          onChange={setTarget}
          error={problem ?? undefined}
          data-autofocus
        />
        <Text size="sm" aria-hidden="true">
          /
        </Text>
        <NumberInput
          {...numberProps}
          aria-label={t.tasks.areaMaxScore(heading)}
          size="xs"
          w={80}
          min={0}
          hideControls
          value={max}
          onChange={setMax}
        />
        <Text size="sm">{t.tasks.areaTargetSuffix}</Text>
        <Button type="submit" size="xs" loading={save.isPending}>
          {vi.common.save}
        </Button>
        <Button size="xs" variant="default" onClick={() => setEditing(false)}>
          {vi.common.cancel}
        </Button>
      </Group>
    </form>
  );
}
