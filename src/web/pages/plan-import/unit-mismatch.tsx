import { Alert, Button, Group, Radio, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState } from "react";
import type { PlanImportUnitMismatch } from "./plan-import.api.ts";
import { viPlanImport } from "./vi-plan-import.ts";

const t = viPlanImport.unitMismatch;

/**
 * The header names another unit than the one the draft is for: both are named and the user says
 * which unit the plan belongs to — their own, or the header's among the units they may write to.
 */
export function UnitMismatchAlert({
  mismatch,
  pending,
  onChoose,
}: {
  mismatch: PlanImportUnitMismatch;
  pending: boolean;
  onChoose: (unitId: string) => void;
}) {
  const [choice, setChoice] = useState<string | null>(null);
  return (
    <Alert
      color="orange"
      variant="light"
      mb="md"
      title={t.title}
      icon={<IconAlertTriangle size={18} aria-hidden="true" />}
      data-testid="unit-mismatch"
    >
      <Stack gap="sm">
        <Text size="sm">{t.text(mismatch.issuer, mismatch.unitName)}</Text>
        <Radio.Group label={t.question} value={choice} onChange={setChoice} required>
          <Stack gap={6} mt={6}>
            <Radio value={mismatch.unitId} label={t.ownUnit(mismatch.unitName)} />
            {mismatch.candidates.map((unit) => (
              <Radio key={unit.id} value={unit.id} label={t.otherUnit(unit.name)} />
            ))}
          </Stack>
        </Radio.Group>
        {mismatch.candidates.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t.noOtherUnit}
          </Text>
        ) : null}
        <Group>
          <Button
            size="sm"
            disabled={choice === null}
            loading={pending}
            onClick={() => choice && onChoose(choice)}
          >
            {t.choose}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
