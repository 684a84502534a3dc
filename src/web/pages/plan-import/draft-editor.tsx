import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { AREA_KEYS, type AreaKey } from "../../../core/plan/plan-area.ts";
import type {
  DraftTarget,
  DraftTask,
  DraftWarning,
  PlanDraft,
} from "../../../core/plan-import/to-plan-draft.ts";
import { DataList, type ListColumn } from "../../components/data-list.tsx";
import { DateField } from "../../components/date-field.tsx";
import type { PlanImportPreview } from "./plan-import.api.ts";
import { viPlanImport as t } from "./vi-plan-import.ts";

interface EditorProps {
  preview: PlanImportPreview;
  draft: PlanDraft;
  onChange: (draft: PlanDraft) => void;
  onShowLine: (line: number) => void;
  /** The criteria table's editor (saved apart from the plan, as a methodology draft). */
  criteriaPanel: ReactNode;
  criteriaCount: number;
}

const areaOptions = AREA_KEYS.map((key) => ({ value: key, label: t.areaLabels[key] }));
const blankToNull = (value: string) => (value.trim() === "" ? null : value);

function LineLink({ line, onShowLine }: { line: number | null; onShowLine: (n: number) => void }) {
  if (line === null) return <Text size="xs">{t.line(null)}</Text>;
  return (
    <Anchor
      component="button"
      type="button"
      size="xs"
      onClick={() => onShowLine(line)}
      aria-label={t.showLine(line)}
    >
      {t.line(line)}
    </Anchor>
  );
}

/** The extracted structure as an editable draft, in tabs. */
export function DraftEditor({
  preview,
  draft,
  onChange,
  onShowLine,
  criteriaPanel,
  criteriaCount,
}: EditorProps) {
  const set = (patch: Partial<PlanDraft>) => onChange({ ...draft, ...patch });
  const warnings = [...preview.extracted.warnings, ...preview.warnings];
  // A document that is only a criteria table opens on it.
  const firstTab = draft.tasks.length === 0 && criteriaCount > 0 ? "criteria" : "areas";
  return (
    <Tabs defaultValue={firstTab} keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="document">{t.tabs.document}</Tabs.Tab>
        <Tabs.Tab value="bases">{`${t.tabs.bases} (${draft.bases.length})`}</Tabs.Tab>
        <Tabs.Tab value="targets">{`${t.tabs.targets} (${draft.targets.length})`}</Tabs.Tab>
        <Tabs.Tab value="areas">{`${t.tabs.areas} (${draft.tasks.length})`}</Tabs.Tab>
        <Tabs.Tab value="appendix">{`${t.tabs.appendix} (${preview.extracted.tasks.length})`}</Tabs.Tab>
        <Tabs.Tab value="duties">{`${t.tabs.duties} (${draft.duties.length})`}</Tabs.Tab>
        <Tabs.Tab value="criteria">{`${t.tabs.criteria} (${criteriaCount})`}</Tabs.Tab>
        <Tabs.Tab value="unplaced">
          {t.unplaced.tab}{" "}
          <Badge size="sm" color={preview.unplaced.length > 0 ? "orange" : "gray"} variant="light">
            {preview.unplaced.length}
          </Badge>
        </Tabs.Tab>
        <Tabs.Tab value="warnings">
          {t.tabs.warnings}{" "}
          <Badge size="sm" color={warnings.length > 0 ? "orange" : "gray"} variant="light">
            {warnings.length}
          </Badge>
        </Tabs.Tab>
      </Tabs.List>

      <Tabs.Panel value="document" pt="md">
        <DocumentPanel preview={preview} draft={draft} set={set} />
      </Tabs.Panel>
      <Tabs.Panel value="bases" pt="md">
        <Stack gap="xs">
          {draft.bases.length === 0 && <Text c="dimmed">{t.bases.empty}</Text>}
          {draft.bases.map((basis, index) => (
            <Group key={index} align="flex-end" wrap="nowrap">
              <Textarea
                style={{ flex: 1 }}
                autosize
                label={`${t.bases.text} ${index + 1}`}
                value={basis.text}
                onChange={(event) => {
                  const bases = [...draft.bases];
                  bases[index] = { ...basis, text: event.currentTarget.value };
                  set({ bases });
                }}
              />
              <RemoveButton
                what={`${t.bases.text} ${index + 1}`}
                onClick={() => set({ bases: draft.bases.filter((_, i) => i !== index) })}
              />
            </Group>
          ))}
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="targets" pt="md">
        <TargetsPanel draft={draft} set={set} onShowLine={onShowLine} />
      </Tabs.Panel>
      <Tabs.Panel value="areas" pt="md">
        <AreasPanel preview={preview} draft={draft} set={set} onShowLine={onShowLine} />
      </Tabs.Panel>
      <Tabs.Panel value="appendix" pt="md">
        <AppendixPanel preview={preview} onShowLine={onShowLine} />
      </Tabs.Panel>
      <Tabs.Panel value="duties" pt="md">
        <Stack gap="xs">
          {draft.duties.length === 0 && <Text c="dimmed">{t.duties.empty}</Text>}
          {draft.duties.map((duty, index) => (
            <Paper key={index} withBorder p="xs">
              <Group align="flex-end" wrap="nowrap">
                <TextInput
                  style={{ flex: 1 }}
                  label={t.duties.agency}
                  value={duty.agencyName}
                  onChange={(event) => {
                    const duties = [...draft.duties];
                    duties[index] = { ...duty, agencyName: event.currentTarget.value };
                    set({ duties });
                  }}
                />
                <RemoveButton
                  what={duty.agencyName}
                  onClick={() => set({ duties: draft.duties.filter((_, i) => i !== index) })}
                />
              </Group>
              <Textarea
                mt="xs"
                autosize
                label={t.duties.duties}
                value={duty.duties.join("\n")}
                onChange={(event) => {
                  const duties = [...draft.duties];
                  duties[index] = {
                    ...duty,
                    duties: event.currentTarget.value.split("\n"),
                  };
                  set({ duties });
                }}
              />
            </Paper>
          ))}
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="criteria" pt="md">
        {criteriaPanel}
      </Tabs.Panel>
      <Tabs.Panel value="unplaced" pt="md">
        <UnplacedPanel unplaced={preview.unplaced} onShowLine={onShowLine} />
      </Tabs.Panel>
      <Tabs.Panel value="warnings" pt="md">
        <WarningsPanel
          reader={preview.extracted.warnings}
          mapping={preview.warnings}
          onShowLine={onShowLine}
        />
      </Tabs.Panel>
    </Tabs>
  );
}

function RemoveButton({ what, onClick }: { what: string; onClick: () => void }) {
  return (
    <ActionIcon
      variant="subtle"
      color="red"
      onClick={onClick}
      aria-label={t.removeItem(what)}
      title={t.removeItem(what)}
      mb={4}
    >
      <IconTrash size={16} aria-hidden="true" />
    </ActionIcon>
  );
}

function DocumentPanel({
  preview,
  draft,
  set,
}: {
  preview: PlanImportPreview;
  draft: PlanDraft;
  set: (patch: Partial<PlanDraft>) => void;
}) {
  const period = draft.period;
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t.document.kind}:{" "}
        {preview.extracted.document.kind === "plan" ? t.document.kindPlan : t.document.kindDecision}
      </Text>
      <Textarea
        label={t.document.title}
        autosize
        required
        value={draft.title}
        onChange={(event) => set({ title: event.currentTarget.value })}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t.document.decisionNumber}
          value={draft.decisionNumber ?? ""}
          onChange={(event) => set({ decisionNumber: blankToNull(event.currentTarget.value) })}
        />
        <TextInput
          label={t.document.planNumber}
          value={draft.planNumber ?? ""}
          onChange={(event) => set({ planNumber: blankToNull(event.currentTarget.value) })}
        />
        <DateField
          label={t.document.issuedDate}
          value={draft.issuedDate}
          placeholder="08/01/2026"
          clearable
          onChange={(value) => set({ issuedDate: value ? value.slice(0, 10) : null })}
        />
        <TextInput
          label={t.document.place}
          value={draft.place ?? ""}
          onChange={(event) => set({ place: blankToNull(event.currentTarget.value) })}
        />
        <Select
          label={t.document.signerAuthority}
          data={["TM.", "KT.", "Q."]}
          clearable
          value={draft.signerAuthority}
          onChange={(value) => set({ signerAuthority: value as PlanDraft["signerAuthority"] })}
        />
        <TextInput
          label={t.document.signerTitle}
          value={draft.signerTitle ?? ""}
          onChange={(event) => set({ signerTitle: blankToNull(event.currentTarget.value) })}
        />
        <TextInput
          label={t.document.signerName}
          value={draft.signerName ?? ""}
          onChange={(event) => set({ signerName: blankToNull(event.currentTarget.value) })}
        />
        <Select
          label={t.document.periodKind}
          allowDeselect={false}
          data={Object.entries(t.document.periodKinds).map(([value, label]) => ({ value, label }))}
          value={period.kind}
          onChange={(value) => {
            const year = period.year;
            if (value === "half_year") set({ period: { kind: "half_year", year, half: 1 } });
            else if (value === "multi_year")
              set({ period: { kind: "multi_year", year, endYear: year + 4 } });
            else set({ period: { kind: "year", year } });
          }}
        />
        <NumberInput
          label={t.document.periodYear}
          min={2000}
          max={2100}
          value={period.year}
          onChange={(value) => set({ period: { ...period, year: Number(value) || period.year } })}
        />
        {period.kind === "half_year" && (
          <Select
            label={t.document.periodHalf}
            allowDeselect={false}
            data={Object.entries(t.document.halves).map(([value, label]) => ({ value, label }))}
            value={String(period.half)}
            onChange={(value) => set({ period: { ...period, half: value === "2" ? 2 : 1 } })}
          />
        )}
        {period.kind === "multi_year" && (
          <NumberInput
            label={t.document.periodEndYear}
            min={2000}
            max={2100}
            value={period.endYear}
            onChange={(value) =>
              set({ period: { ...period, endYear: Number(value) || period.endYear } })
            }
          />
        )}
      </SimpleGrid>
      <Textarea
        label={t.document.purposes}
        autosize
        maxRows={10}
        value={draft.purposes}
        onChange={(event) => set({ purposes: event.currentTarget.value })}
      />
      <Textarea
        label={t.document.recipients}
        autosize
        value={draft.recipients.join("\n")}
        onChange={(event) =>
          set({ recipients: event.currentTarget.value.split("\n").filter((r) => r.trim()) })
        }
      />
    </Stack>
  );
}

function TargetsPanel({
  draft,
  set,
  onShowLine,
}: {
  draft: PlanDraft;
  set: (patch: Partial<PlanDraft>) => void;
  onShowLine: (n: number) => void;
}) {
  const update = (index: number, patch: Partial<DraftTarget>) => {
    const targets = [...draft.targets];
    targets[index] = { ...targets[index]!, ...patch };
    set({ targets });
  };
  if (draft.targets.length === 0) return <Text c="dimmed">{t.targets.empty}</Text>;
  return (
    <Stack gap="xs">
      {draft.targets.map((target, index) => (
        <Paper key={index} withBorder p="xs">
          <Group justify="space-between" mb={4}>
            <LineLink line={target.line} onShowLine={onShowLine} />
            <RemoveButton
              what={`${t.targets.text} ${index + 1}`}
              onClick={() => set({ targets: draft.targets.filter((_, i) => i !== index) })}
            />
          </Group>
          <Textarea
            autosize
            label={`${t.targets.text} ${index + 1}`}
            value={target.text}
            onChange={(event) => update(index, { text: event.currentTarget.value })}
          />
          <SimpleGrid cols={{ base: 2, sm: 5 }} mt="xs">
            <Select
              label={t.targets.comparator}
              allowDeselect={false}
              data={Object.entries(t.targets.comparators).map(([value, label]) => ({
                value,
                label,
              }))}
              value={target.comparator}
              onChange={(value) =>
                update(index, { comparator: (value ?? "gte") as DraftTarget["comparator"] })
              }
            />
            <NumberInput
              label={t.targets.value}
              decimalSeparator=","
              value={target.value ?? ""}
              onChange={(value) => update(index, { value: value === "" ? null : Number(value) })}
            />
            {target.comparator === "rank_between" && (
              <NumberInput
                label={t.targets.valueHigh}
                value={target.valueHigh ?? ""}
                onChange={(value) =>
                  update(index, { valueHigh: value === "" ? null : Number(value) })
                }
              />
            )}
            <Select
              label={t.targets.unit}
              clearable
              data={Object.entries(t.targets.units).map(([value, label]) => ({ value, label }))}
              value={target.unit}
              onChange={(value) => update(index, { unit: value as DraftTarget["unit"] })}
            />
            <Select
              label={t.targets.area}
              clearable
              placeholder={t.targets.noArea}
              data={areaOptions}
              value={target.areaKey}
              onChange={(value) => update(index, { areaKey: value as AreaKey | null })}
            />
          </SimpleGrid>
        </Paper>
      ))}
    </Stack>
  );
}

function AreasPanel({
  preview,
  draft,
  set,
  onShowLine,
}: {
  preview: PlanImportPreview;
  draft: PlanDraft;
  set: (patch: Partial<PlanDraft>) => void;
  onShowLine: (n: number) => void;
}) {
  const agencyOptions = preview.agencies.map((a) => ({ value: a.id, label: a.name }));
  const updateTask = (index: number, patch: Partial<DraftTask>) => {
    const tasks = [...draft.tasks];
    tasks[index] = { ...tasks[index]!, ...patch };
    // A task moved to an area the draft does not have yet brings the area along.
    const areas = draft.areas.some((a) => a.key === tasks[index]!.areaKey)
      ? draft.areas
      : [
          ...draft.areas,
          { key: tasks[index]!.areaKey, heading: "", targetScore: null, maxScore: null },
        ].sort((a, b) => AREA_KEYS.indexOf(a.key) - AREA_KEYS.indexOf(b.key));
    set({ tasks, areas });
  };
  const addTask = (areaKey: AreaKey) =>
    set({
      tasks: [
        ...draft.tasks,
        {
          areaKey,
          ref: null,
          text: t.task.newTask,
          leadAgencyId: null,
          supportAgencyIds: [],
          monitorAgencyId: null,
          deliverable: null,
          timeline: null,
          leadText: null,
          supportText: null,
          monitorText: null,
          targetText: null,
          source: "narrative",
          line: null,
        },
      ],
    });
  return (
    <Stack gap="md">
      {draft.areas.map((area, areaIndex) => {
        const tasks = draft.tasks
          .map((task, index) => ({ task, index }))
          .filter(({ task }) => task.areaKey === area.key);
        return (
          <Paper key={area.key} withBorder p="sm">
            <Group align="flex-end" wrap="wrap" gap="xs">
              <Badge variant="light">{t.areaLabels[area.key]}</Badge>
              <TextInput
                style={{ flex: 1, minWidth: 220 }}
                label={t.areas.heading}
                value={area.heading}
                onChange={(event) => {
                  const areas = [...draft.areas];
                  areas[areaIndex] = { ...area, heading: event.currentTarget.value };
                  set({ areas });
                }}
              />
              <NumberInput
                w={120}
                label={t.areas.targetScore}
                decimalSeparator=","
                value={area.targetScore ?? ""}
                onChange={(value) => {
                  const areas = [...draft.areas];
                  areas[areaIndex] = { ...area, targetScore: value === "" ? null : Number(value) };
                  set({ areas });
                }}
              />
              <NumberInput
                w={120}
                label={t.areas.maxScore}
                decimalSeparator=","
                value={area.maxScore ?? ""}
                onChange={(value) => {
                  const areas = [...draft.areas];
                  areas[areaIndex] = { ...area, maxScore: value === "" ? null : Number(value) };
                  set({ areas });
                }}
              />
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              {t.areas.taskCount(tasks.length)}
            </Text>
            <Stack gap="xs" mt="xs">
              {tasks.length === 0 && <Text c="dimmed">{t.areas.noTasks}</Text>}
              {tasks.map(({ task, index }) => (
                <Paper key={index} withBorder p="xs" bg="gray.0">
                  <Group justify="space-between" mb={4}>
                    <Group gap="xs">
                      <LineLink line={task.line} onShowLine={onShowLine} />
                      <Badge size="xs" variant="outline" color="gray">
                        {task.source === "table" ? t.task.fromTable : t.task.fromNarrative}
                      </Badge>
                      {(task.flags ?? [])
                        .filter((flag) => flag !== "no_lead" || !task.leadAgencyId)
                        .filter((flag) => flag !== "no_deadline" || !task.timeline)
                        .map((flag) => (
                          <Badge key={flag} size="xs" variant="light" color="orange">
                            {t.flags[flag]}
                          </Badge>
                        ))}
                    </Group>
                    <RemoveButton
                      what={t.task.item(index + 1)}
                      onClick={() => set({ tasks: draft.tasks.filter((_, i) => i !== index) })}
                    />
                  </Group>
                  <Group align="flex-start" wrap="nowrap" gap="xs">
                    <TextInput
                      w={70}
                      label={t.task.ref}
                      value={task.ref ?? ""}
                      onChange={(event) =>
                        updateTask(index, { ref: blankToNull(event.currentTarget.value) })
                      }
                    />
                    <Textarea
                      style={{ flex: 1 }}
                      autosize
                      label={t.task.text}
                      value={task.text}
                      onChange={(event) => updateTask(index, { text: event.currentTarget.value })}
                    />
                  </Group>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
                    <Select
                      label={t.task.area}
                      allowDeselect={false}
                      data={areaOptions}
                      value={task.areaKey}
                      onChange={(value) =>
                        updateTask(index, { areaKey: (value ?? task.areaKey) as AreaKey })
                      }
                    />
                    <Stack gap={4}>
                      <Select
                        label={t.task.lead}
                        searchable
                        clearable
                        data={agencyOptions}
                        value={task.leadAgencyId}
                        description={task.leadText ? t.task.printed(task.leadText) : undefined}
                        onChange={(value) => updateTask(index, { leadAgencyId: value })}
                      />
                      {!task.leadAgencyId && task.suggestedLeadAgencyId ? (
                        <Group gap={6} data-testid="lead-suggestion">
                          <Text span size="xs" c="orange.9">
                            {t.suggestion(
                              preview.agencies.find((a) => a.id === task.suggestedLeadAgencyId)
                                ?.name ?? "",
                            )}
                          </Text>
                          <Anchor
                            component="button"
                            type="button"
                            size="xs"
                            onClick={() =>
                              updateTask(index, {
                                leadAgencyId: task.suggestedLeadAgencyId ?? null,
                              })
                            }
                          >
                            {t.applySuggestion}
                          </Anchor>
                        </Group>
                      ) : null}
                    </Stack>
                    <MultiSelect
                      label={t.task.support}
                      searchable
                      data={agencyOptions}
                      value={task.supportAgencyIds}
                      description={task.supportText ? t.task.printed(task.supportText) : undefined}
                      onChange={(value) => updateTask(index, { supportAgencyIds: value })}
                    />
                    <TextInput
                      label={t.task.timeline}
                      value={task.timeline ?? ""}
                      onChange={(event) =>
                        updateTask(index, { timeline: blankToNull(event.currentTarget.value) })
                      }
                    />
                  </SimpleGrid>
                  <Textarea
                    mt="xs"
                    autosize
                    label={t.task.deliverable}
                    value={task.deliverable ?? ""}
                    onChange={(event) =>
                      updateTask(index, { deliverable: blankToNull(event.currentTarget.value) })
                    }
                  />
                </Paper>
              ))}
              <Group>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconPlus size={14} aria-hidden="true" />}
                  onClick={() => addTask(area.key)}
                >
                  {t.areas.addTask}
                </Button>
              </Group>
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}

type AppendixRow = PlanImportPreview["extracted"]["tasks"][number];

/** The appendix rows as read: a table, or one card per row (headed by its text) on a phone. */
function appendixColumns(onShowLine: (n: number) => void): ListColumn<AppendixRow>[] {
  const [line, ref, type, text, lead, support, timeline, deliverable, target] = t.appendix.columns;
  return [
    { header: line!, cell: (row) => <LineLink line={row.line ?? null} onShowLine={onShowLine} /> },
    { header: ref!, cell: (row) => row.ref },
    { header: type!, cell: (row) => t.appendix.rowTypes[row.rowType] },
    { header: text!, maw: 320, phone: "title", cell: (row) => row.text },
    { header: lead!, cell: (row) => row.lead },
    { header: support!, cell: (row) => row.support },
    { header: timeline!, cell: (row) => row.timeline },
    { header: deliverable!, cell: (row) => row.deliverable },
    { header: target!, phoneWide: true, cell: (row) => row.targetText },
  ];
}

function AppendixPanel({
  preview,
  onShowLine,
}: {
  preview: PlanImportPreview;
  onShowLine: (n: number) => void;
}) {
  const rows = preview.extracted.tasks;
  if (rows.length === 0) return <Text c="dimmed">{t.appendix.empty}</Text>;
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        {t.appendix.note}
      </Text>
      <DataList
        label={t.tabs.appendix}
        minWidth={900}
        rows={rows}
        rowKey={(row) => String(rows.indexOf(row))}
        strongRow={(row) => row.rowType === "section"}
        columns={appendixColumns(onShowLine)}
      />
    </>
  );
}

function UnplacedPanel({
  unplaced,
  onShowLine,
}: {
  unplaced: PlanImportPreview["unplaced"];
  onShowLine: (n: number) => void;
}) {
  if (unplaced.length === 0) return <Text c="dimmed">{t.unplaced.none}</Text>;
  return (
    <Stack gap={4}>
      <Text size="sm" c="dimmed" mb="xs">
        {t.unplaced.note(unplaced.length)}
      </Text>
      {unplaced.map((item, index) => (
        <Group key={index} gap="xs" wrap="nowrap" align="flex-start" data-testid="unplaced-item">
          <div style={{ flex: "none", width: 80 }}>
            <LineLink line={item.line} onShowLine={onShowLine} />
          </div>
          <Badge size="xs" variant="outline" color="gray" style={{ flex: "none" }}>
            {t.unplaced.reasons[item.reason] ?? item.reason}
          </Badge>
          <Text size="sm">{item.text}</Text>
        </Group>
      ))}
    </Stack>
  );
}

function WarningsPanel({
  reader,
  mapping,
  onShowLine,
}: {
  reader: DraftWarning[];
  mapping: DraftWarning[];
  onShowLine: (n: number) => void;
}) {
  if (reader.length + mapping.length === 0) return <Text c="dimmed">{t.warnings.none}</Text>;
  const list = (title: string, warnings: DraftWarning[]) =>
    warnings.length > 0 && (
      <Stack gap={4}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        {warnings.map((warning, index) => (
          <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
            <div style={{ flex: "none", width: 80 }}>
              <LineLink line={warning.line} onShowLine={onShowLine} />
            </div>
            {warning.level === "error" && (
              <Badge size="xs" color="red" variant="filled" style={{ flex: "none" }}>
                {t.errorLevel}
              </Badge>
            )}
            <Text size="sm">{warning.message}</Text>
          </Group>
        ))}
      </Stack>
    );
  return (
    <Stack gap="md">
      {list(t.warnings.fromReader, reader)}
      {list(t.warnings.fromMapping, mapping)}
    </Stack>
  );
}
