import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useMe } from "../../../auth/session.ts";
import { DateField } from "../../../components/date-field.tsx";
import { FormActions } from "../../../components/form-actions.tsx";
import { FormError } from "../../../components/form-error.tsx";
import { LoadingBlock } from "../../../components/loading-block.tsx";
import { notifySuccess } from "../../../components/notify.ts";
import { PageHeader } from "../../../components/page-header.tsx";
import { QueryError } from "../../../components/query-error.tsx";
import { TableScroll } from "../../../components/table-scroll.tsx";
import { UnitSelect } from "../../../components/unit-select.tsx";
import { formatDate, formatDateTime } from "../../../i18n/format.ts";
import {
  createSchedule,
  getDeskSettings,
  holidaysOfYear,
  listSchedules,
  settingsKeys,
  updateDeskSettings,
  type ScheduleEntryKind,
} from "./settings.api.ts";
import { viSettings as t } from "./vi-settings.ts";

const WEEKDAYS = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
const weekdayOf = (iso: string) => WEEKDAYS[new Date(`${iso}T00:00:00Z`).getUTCDay()]!;

/** Desk administration: official holiday schedules per year, the resulting days off, desk settings. */
export function DeskSettingsPage() {
  return (
    <>
      <PageHeader title={t.title} description={t.description} />
      <Tabs defaultValue="schedules" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="schedules">{t.tabs.schedules}</Tabs.Tab>
          <Tabs.Tab value="holidays">{t.tabs.holidays}</Tabs.Tab>
          <Tabs.Tab value="desk">{t.tabs.desk}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="schedules">
          <SchedulesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="holidays">
          <HolidaysPanel />
        </Tabs.Panel>
        <Tabs.Panel value="desk">
          <DeskPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function SchedulesPanel() {
  const schedules = useQuery({
    queryKey: settingsKeys.schedules,
    queryFn: listSchedules,
    // While the KPIs are recomputed after a schedule change, ask again until they are done.
    refetchInterval: (query) => {
      const state = query.state.data?.kpiRecompute.state;
      return state === "pending" || state === "running" ? 5_000 : false;
    },
  });
  const [adding, setAdding] = useState(false);
  if (schedules.isPending) return <LoadingBlock />;
  if (schedules.isError)
    return <QueryError error={schedules.error} onRetry={() => schedules.refetch()} />;
  const rows = [...schedules.data.data].sort((a, b) => b.year - a.year || b.version - a.version);
  const recompute = schedules.data.kpiRecompute;
  return (
    <>
      {recompute.state !== "none" && (
        <Alert
          mb="md"
          role="status"
          color={recompute.state === "done" ? "teal" : "yellow"}
          title={recompute.state === "done" ? t.schedules.kpiDone : t.schedules.kpiRecomputing}
        >
          {recompute.message}
        </Alert>
      )}
      {schedules.data.can.create && (
        <Group mb="md">
          <Button
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            onClick={() => setAdding(true)}
          >
            {t.schedules.add}
          </Button>
        </Group>
      )}
      {rows.length === 0 ? (
        <Text c="dimmed">{t.schedules.empty}</Text>
      ) : (
        <TableScroll label={t.tabs.schedules}>
          <Table miw={900} striped aria-label={t.tabs.schedules}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.schedules.year}</Table.Th>
                <Table.Th>{t.schedules.version}</Table.Th>
                <Table.Th>{t.schedules.effectiveFrom}</Table.Th>
                <Table.Th>{t.schedules.origin}</Table.Th>
                <Table.Th>{t.schedules.source}</Table.Th>
                <Table.Th>{t.schedules.entries}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((s) => (
                <Table.Tr key={`${s.year}-${s.version}-${s.origin}`}>
                  <Table.Td>{s.year}</Table.Td>
                  <Table.Td>{s.version}</Table.Td>
                  <Table.Td>{formatDate(s.effectiveFrom)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={s.origin === "stored" ? "blue" : "gray"}>
                      {s.origin === "stored" ? t.schedules.stored : t.schedules.seed}
                    </Badge>
                    {s.createdAt && (
                      <Text size="xs" c="dimmed">
                        {formatDateTime(s.createdAt)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td maw={360}>
                    <Text size="sm" lineClamp={3}>
                      {s.source}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {s.entries.length === 0 ? (
                      t.schedules.none
                    ) : (
                      <Stack gap={2}>
                        {s.entries.map((e) => (
                          <Text size="xs" key={`${e.kind}-${e.date}`}>
                            {formatDate(e.date)} — {t.kinds[e.kind]}
                            {e.name ? `: ${e.name}` : ""}
                          </Text>
                        ))}
                      </Stack>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {adding && <ScheduleModal onClose={() => setAdding(false)} />}
    </>
  );
}

interface EntryRow {
  key: number;
  kind: ScheduleEntryKind;
  date: string | null;
  name: string;
}

function ScheduleModal({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [year, setYear] = useState<number | string>(new Date().getFullYear() + 1);
  const [effectiveFrom, setEffectiveFrom] = useState<string | null>(null);
  const [source, setSource] = useState("");
  const [tetDays, setTetDays] = useState<number | string>("");
  const [nationalDay, setNationalDay] = useState<string | null>(null);
  const [entries, setEntries] = useState<EntryRow[]>([]);
  const [missing, setMissing] = useState(false);
  const mutation = useMutation({
    mutationFn: () =>
      createSchedule({
        year: Number(year),
        effectiveFrom: effectiveFrom ?? "",
        source,
        ...(tetDays === "" ? {} : { tetDaysBeforeNewYear: Number(tetDays) }),
        ...(nationalDay ? { nationalDaySecondDay: nationalDay as "before" | "after" } : {}),
        entries: entries.map((e) => ({
          kind: e.kind,
          date: e.date ?? "",
          ...(e.name.trim() ? { name: e.name.trim() } : {}),
        })),
      }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ["calendar"] });
      notifySuccess(t.form.saved(saved.year, saved.version));
      onClose();
    },
  });
  const update = (key: number, change: Partial<EntryRow>) =>
    setEntries(entries.map((e) => (e.key === key ? { ...e, ...change } : e)));
  return (
    <Modal opened onClose={onClose} title={t.form.title} size="xl">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const incomplete = !year || !effectiveFrom || !source.trim();
          setMissing(incomplete);
          if (!incomplete) mutation.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t.form.hint}
          </Text>
          <Group grow align="flex-start">
            <NumberInput
              label={t.form.year}
              required
              min={1990}
              max={2100}
              value={year}
              onChange={setYear}
              error={missing && !year ? t.form.required : undefined}
            />
            <DateField
              label={t.form.effectiveFrom}
              required
              value={effectiveFrom}
              onChange={setEffectiveFrom}
              error={missing && !effectiveFrom ? t.form.required : undefined}
            />
          </Group>
          <TextInput
            label={t.form.source}
            required
            value={source}
            onChange={(e) => setSource(e.currentTarget.value)}
            error={missing && !source.trim() ? t.form.required : undefined}
          />
          <Group grow align="flex-start">
            <NumberInput
              label={t.form.tetDaysBeforeNewYear}
              placeholder={`${t.form.defaultValue}: 1`}
              min={0}
              max={4}
              value={tetDays}
              onChange={setTetDays}
            />
            <Select
              label={t.form.nationalDaySecondDay}
              placeholder={`${t.form.defaultValue}: ${t.form.nationalDay.before}`}
              clearable
              data={Object.entries(t.form.nationalDay).map(([value, label]) => ({ value, label }))}
              value={nationalDay}
              onChange={setNationalDay}
            />
          </Group>
          <Text fw={500} size="sm">
            {t.form.entries}
          </Text>
          {entries.map((entry, index) => (
            <Group key={entry.key} align="flex-end" wrap="nowrap">
              <Select
                label={t.form.kind}
                aria-label={`${t.form.kind} ${index + 1}`}
                data={Object.entries(t.kinds).map(([value, label]) => ({ value, label }))}
                allowDeselect={false}
                value={entry.kind}
                onChange={(v) =>
                  update(entry.key, { kind: (v ?? "official") as ScheduleEntryKind })
                }
                w={190}
              />
              <DateField
                label={t.form.date}
                aria-label={`${t.form.date} ${index + 1}`}
                value={entry.date}
                onChange={(v) => update(entry.key, { date: v })}
                w={150}
              />
              <TextInput
                label={t.form.name}
                aria-label={`${t.form.name} ${index + 1}`}
                value={entry.name}
                onChange={(e) => update(entry.key, { name: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={`${t.form.removeEntry} ${index + 1}`}
                onClick={() => setEntries(entries.filter((e) => e.key !== entry.key))}
              >
                <IconTrash size={16} aria-hidden="true" />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden="true" />}
              onClick={() =>
                setEntries([
                  ...entries,
                  { key: Date.now() + entries.length, kind: "official", date: null, name: "" },
                ])
              }
            >
              {t.form.addEntry}
            </Button>
          </Group>
          <FormActions mutation={mutation} confirm={t.form.submit} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}

function HolidaysPanel() {
  const [year, setYear] = useState<number | string>(new Date().getFullYear());
  const valid = typeof year === "number" && year >= 1900 && year <= 2199;
  const holidays = useQuery({
    queryKey: settingsKeys.holidays(Number(year)),
    queryFn: () => holidaysOfYear(Number(year)),
    enabled: valid,
  });
  return (
    <>
      <NumberInput label={t.holidays.year} value={year} onChange={setYear} w={140} mb="md" />
      {!valid ? null : holidays.isPending ? (
        <LoadingBlock />
      ) : holidays.isError ? (
        <QueryError error={holidays.error} onRetry={() => holidays.refetch()} />
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {holidays.data.schedule
              ? t.holidays.schedule(
                  holidays.data.schedule.origin,
                  holidays.data.schedule.version,
                  holidays.data.schedule.source,
                )
              : t.holidays.noSchedule}
          </Text>
          {holidays.data.holidays.some((h) => h.basis === "rule") ? (
            <Text size="sm" c="dimmed" mb="sm">
              {t.holidays.ruleNote}
            </Text>
          ) : null}
          <TableScroll label={t.tabs.holidays}>
            <Table miw={820} striped aria-label={`${t.tabs.holidays} ${holidays.data.year}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.holidays.date}</Table.Th>
                  <Table.Th>{t.holidays.weekday}</Table.Th>
                  <Table.Th>{t.holidays.name}</Table.Th>
                  <Table.Th>{t.holidays.kind}</Table.Th>
                  <Table.Th>{t.holidays.lunar}</Table.Th>
                  <Table.Th>{t.holidays.basis}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {holidays.data.holidays.map((h) => (
                  <Table.Tr key={`${h.date}-${h.kind}`}>
                    <Table.Td>{formatDate(h.date)}</Table.Td>
                    <Table.Td>{weekdayOf(h.date)}</Table.Td>
                    <Table.Td>{h.name}</Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={h.kind === "makeup_workday" ? "orange" : "blue"}
                      >
                        {t.holidayKinds[h.kind] ?? h.kind}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{h.lunar ?? ""}</Table.Td>
                    <Table.Td>
                      {h.basis === "rule" ? (
                        <Badge variant="light" color="grape">
                          {t.holidays.bases.rule}
                        </Badge>
                      ) : (
                        t.holidays.bases[h.basis ?? "law"]
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </>
      )}
    </>
  );
}

function DeskPanel() {
  const me = useMe();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState<string | null>(me.unit.id);
  const settings = useQuery({
    queryKey: settingsKeys.desk(unitId ?? ""),
    queryFn: () => getDeskSettings(unitId!),
    enabled: Boolean(unitId),
  });
  const [cutoff, setCutoff] = useState("");
  const [agencyCode, setAgencyCode] = useState("");
  const [receivingBody, setReceivingBody] = useState("");
  useEffect(() => {
    if (settings.data) {
      setCutoff(settings.data.cutoff);
      setAgencyCode(settings.data.agencyCode ?? "");
      setReceivingBody(settings.data.receivingBody ?? "");
    }
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () =>
      updateDeskSettings(unitId!, {
        cutoff: cutoff.trim(),
        agencyCode: agencyCode.trim() || null,
        receivingBody: receivingBody.trim() || null,
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(settingsKeys.desk(saved.unitId), saved);
      notifySuccess(t.desk.saved);
    },
  });
  const canUpdate = settings.data?.can.update ?? false;
  return (
    <Paper withBorder p="md" maw={640}>
      <Stack gap="sm">
        <UnitSelect label={t.desk.unit} value={unitId} onChange={setUnitId} />
        {settings.isPending && unitId ? (
          <LoadingBlock />
        ) : settings.isError ? (
          <QueryError error={settings.error} onRetry={() => settings.refetch()} />
        ) : (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              save.mutate();
            }}
          >
            <Stack gap="sm">
              <TextInput
                label={t.desk.cutoff}
                description={t.desk.cutoffHint}
                value={cutoff}
                onChange={(e) => setCutoff(e.currentTarget.value)}
                readOnly={!canUpdate}
                w={220}
              />
              <TextInput
                label={t.desk.agencyCode}
                description={t.desk.agencyCodeHint}
                value={agencyCode}
                onChange={(e) => setAgencyCode(e.currentTarget.value)}
                readOnly={!canUpdate}
              />
              <TextInput
                label={t.desk.receivingBody}
                description={t.desk.receivingBodyHint}
                value={receivingBody}
                onChange={(e) => setReceivingBody(e.currentTarget.value)}
                readOnly={!canUpdate}
                maxLength={120}
              />
              <FormError error={save.error} />
              {canUpdate ? (
                <Group>
                  <Button type="submit" loading={save.isPending}>
                    {t.desk.save}
                  </Button>
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  {t.desk.readOnly}
                </Text>
              )}
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
