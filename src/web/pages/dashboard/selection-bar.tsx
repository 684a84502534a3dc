import { Group, NumberInput, Select } from "@mantine/core";
import { DateField } from "../../components/date-field.tsx";
import { UnitSelect } from "../../components/unit-select.tsx";
import type { PeriodKind, Selection } from "./period.ts";
import { viDashboard as t } from "./vi-dashboard.ts";

const ROMAN = ["I", "II", "III", "IV"];

/** Unit and reporting period of a dashboard; every change goes to the URL. */
export function SelectionBar({
  selection,
  onChange,
}: {
  selection: Selection;
  onChange: (next: Selection) => void;
}) {
  const f = t.filters;
  const kind = selection.period;
  const setKind = (value: PeriodKind) => {
    const year = selection.year ?? Number((selection.to ?? "").slice(0, 4));
    if (value === "custom") {
      onChange({
        unitId: selection.unitId,
        period: value,
        from: `${year}-01-01`,
        to: `${year}-12-31`,
      });
    } else {
      onChange({
        unitId: selection.unitId,
        period: value,
        year,
        number: value === "year" ? undefined : 1,
      });
    }
  };
  const numberOptions =
    kind === "month"
      ? Array.from({ length: 12 }, (_, i) => ({
          value: String(i + 1),
          label: `${f.month} ${i + 1}`,
        }))
      : kind === "quarter"
        ? ROMAN.map((roman, i) => ({ value: String(i + 1), label: `${f.quarter} ${roman}` }))
        : f.halves.map((label, i) => ({ value: String(i + 1), label }));
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" role="group" aria-label={f.label} mb="md">
      <UnitSelect
        label={f.unit}
        value={selection.unitId}
        onChange={(value) => value && onChange({ ...selection, unitId: value })}
        allowDeselect={false}
        w={{ base: "100%", sm: 320 }}
      />
      <Select
        label={f.kind}
        data={(Object.keys(f.kinds) as PeriodKind[]).map((value) => ({
          value,
          label: f.kinds[value],
        }))}
        value={kind}
        onChange={(value) => value && setKind(value as PeriodKind)}
        allowDeselect={false}
        w={130}
      />
      {kind === "custom" ? (
        <>
          <DateField
            label={f.from}
            value={selection.from ?? null}
            onChange={(value) => value && onChange({ ...selection, from: value })}
            w={150}
          />
          <DateField
            label={f.to}
            value={selection.to ?? null}
            onChange={(value) => value && onChange({ ...selection, to: value })}
            w={150}
          />
        </>
      ) : (
        <>
          {kind !== "year" && (
            <Select
              label={kind === "month" ? f.month : kind === "quarter" ? f.quarter : f.half}
              data={numberOptions}
              value={String(selection.number ?? 1)}
              onChange={(value) => value && onChange({ ...selection, number: Number(value) })}
              allowDeselect={false}
              w={170}
            />
          )}
          <NumberInput
            label={f.year}
            value={selection.year}
            min={2000}
            max={2100}
            onChange={(value) =>
              typeof value === "number" && value >= 2000 && value <= 2100
                ? onChange({ ...selection, year: value })
                : undefined
            }
            w={100}
          />
        </>
      )}
    </Group>
  );
}
