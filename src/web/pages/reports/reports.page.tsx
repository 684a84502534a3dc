import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import {
  HOLIDAY_SHIFTS,
  PERIOD_RULES,
  REPORT_PERIOD_KINDS,
  REPORT_PERIOD_KIND_LABELS,
  type DueState,
  type HolidayShift,
  type PeriodRule,
  type ReportPeriodKind,
} from "../../../core/report/report-calendar.ts";
import { REPORT_STATUS_LABELS } from "../../../core/report/report-workflow.ts";
import { useMe } from "../../auth/session.ts";
import { DataList, type ListColumn } from "../../components/data-list.tsx";
import { DateField } from "../../components/date-field.tsx";
import { FormError, applyServerErrors } from "../../components/form-error.tsx";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { notifyError, notifySuccess } from "../../components/notify.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { UnitSelect } from "../../components/unit-select.tsx";
import { formatDate } from "../../i18n/format.ts";
import { reportPaths } from "./report-paths.ts";
import { UpperUnitBoard } from "./upper-unit-board.tsx";
import {
  createKind,
  getCalendar,
  listKinds,
  openReport,
  reportKeys,
  type CalendarEntry,
  type ReportKindInput,
} from "./reports.api.ts";
import { viReports as t } from "./vi-reports.ts";

const STATE_COLOR: Record<DueState, string> = {
  upcoming: "gray",
  due_soon: "orange",
  overdue: "red",
  submitted: "green",
};

/** A year in the address (`?nam=2026`), or none. */
function yearParam(value: string | null): number | null {
  const year = Number(value);
  return value && Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null;
}

/**
 * The reporting calendar: what the unit owes and, at an upper unit, the kinds it publishes. The
 * year is in the address (`?nam=`), this year when absent.
 */
export function ReportsPage() {
  const me = useMe();
  const [unitId, setUnitId] = useState<string | null>(me.unit.id);
  const [params, setParams] = useSearchParams();
  const year = yearParam(params.get("nam")) ?? new Date().getFullYear();
  const setYear = (value: number) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set("nam", String(value));
        return next;
      },
      { replace: true },
    );
  const years = Array.from({ length: 5 }, (_, i) => String(year - 2 + i));
  return (
    <>
      <PageHeader title={t.title} description={t.description} />
      <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
        <UnitSelect label={t.unit} value={unitId} onChange={setUnitId} w={320} />
        <Select
          label={t.year}
          data={years}
          value={String(year)}
          onChange={(value) => value && setYear(Number(value))}
          w={110}
          allowDeselect={false}
        />
      </Group>
      {unitId && <OwedReports unitId={unitId} year={year} />}
      {unitId && <DefinedKinds unitId={unitId} year={year} />}
      {unitId && <UpperUnitBoard unitId={unitId} year={year} />}
    </>
  );
}

/** What the unit owes, by period; on a phone the report's kind heads each card. */
function owedColumns(
  canWrite: boolean,
  onOpen: (entry: CalendarEntry) => void,
): ListColumn<CalendarEntry>[] {
  return [
    { header: t.kind, phone: "title", cell: (entry) => entry.kind.name },
    {
      header: t.period,
      cell: (entry) => (
        <>
          {entry.periodLabel}
          <Text size="xs" c="dimmed">
            {formatDate(entry.from)} – {formatDate(entry.to)}
          </Text>
        </>
      ),
    },
    {
      header: t.due,
      cell: (entry) => (
        <>
          {formatDate(entry.dueDate)}
          {entry.namedDate !== entry.dueDate && (
            <Text size="xs" c="dimmed">
              {t.movedFrom(formatDate(entry.namedDate))}
            </Text>
          )}
        </>
      ),
    },
    {
      header: t.state,
      cell: (entry) => (
        <Badge color={STATE_COLOR[entry.state]} variant="light">
          {t.dueState[entry.state]}
        </Badge>
      ),
    },
    {
      header: t.status,
      cell: (entry) =>
        entry.report ? (
          <Link to={reportPaths.detail(entry.report.id)}>
            {REPORT_STATUS_LABELS[entry.report.status]}
            {entry.report.version > 0 ? ` (lần ${entry.report.version})` : ""}
          </Link>
        ) : canWrite ? (
          <Button size="xs" variant="light" onClick={() => onOpen(entry)}>
            {t.open}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {t.notStarted}
          </Text>
        ),
    },
  ];
}

type Kind = Awaited<ReturnType<typeof listKinds>>["data"][number];

/** The kinds the unit defined; on a phone each kind is a card headed by its name. */
const kindColumns: ListColumn<Kind>[] = [
  { header: t.name, phone: "title", cell: (kind) => kind.name },
  { header: t.periodKind, cell: (kind) => REPORT_PERIOD_KIND_LABELS[kind.periodKind] },
  { header: t.dueText, cell: (kind) => kind.dueText ?? "—" },
  {
    header: t.dueDates,
    phoneWide: true,
    cell: (kind) =>
      kind.instances.map((i) => `${i.periodLabel}: ${formatDate(i.dueDate)}`).join("; ") || "—",
  },
  {
    header: t.state,
    cell: (kind) => (
      <Badge color={kind.status === "published" ? "green" : "gray"} variant="light">
        {kind.status === "published" ? t.published : t.draft}
      </Badge>
    ),
  },
];

function OwedReports({ unitId, year }: { unitId: string; year: number }) {
  const navigate = useNavigate();
  const open = useMutation({
    mutationFn: (input: { kindId: string; periodKey: string }) =>
      openReport(unitId, input.kindId, input.periodKey),
    onSuccess: (result) => void navigate(reportPaths.detail(result.id)),
    onError: notifyError,
  });
  const calendar = useQuery({
    queryKey: reportKeys.calendar(unitId, year),
    queryFn: () => getCalendar(unitId, year),
  });
  return (
    <Paper withBorder p="md" mb="md">
      <Title order={2} size="h4" mb="sm">
        {t.owedTitle}
      </Title>
      {calendar.isPending && <LoadingBlock />}
      {calendar.isError && (
        <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />
      )}
      {calendar.data && calendar.data.data.length === 0 && <Text c="dimmed">{t.owedEmpty}</Text>}
      {calendar.data && calendar.data.data.length > 0 && (
        <DataList
          label={t.owedTitle}
          withTableBorder
          rows={calendar.data.data}
          rowKey={(entry) => `${entry.kind.id}-${entry.periodKey}`}
          columns={owedColumns(calendar.data.can.write, (entry) =>
            open.mutate({ kindId: entry.kind.id, periodKey: entry.periodKey }),
          )}
        />
      )}
    </Paper>
  );
}

function DefinedKinds({ unitId, year }: { unitId: string; year: number }) {
  const [adding, setAdding] = useState(false);
  const kinds = useQuery({
    queryKey: reportKeys.kinds(unitId, year),
    queryFn: () => listKinds(unitId, year),
  });
  const rows = kinds.data?.data ?? [];
  const canDefine = kinds.data?.can.define ?? false;
  if (kinds.isSuccess && rows.length === 0 && !canDefine) return null;
  return (
    <Paper withBorder p="md" mb="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t.kindsTitle}
        </Title>
        {canDefine && <Button onClick={() => setAdding(true)}>{t.add}</Button>}
      </Group>
      {kinds.isPending && <LoadingBlock />}
      {kinds.isError && <QueryError error={kinds.error} onRetry={() => void kinds.refetch()} />}
      {kinds.isSuccess && rows.length === 0 && <Text c="dimmed">{t.kindsEmpty}</Text>}
      {rows.length > 0 && (
        <DataList
          label={t.kindsTitle}
          withTableBorder
          rows={rows}
          rowKey={(kind) => kind.id}
          columns={kindColumns}
        />
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t.add} size="lg">
        {adding && <KindForm unitId={unitId} onDone={() => setAdding(false)} />}
      </Modal>
    </Paper>
  );
}

interface KindFormValues {
  name: string;
  periodKind: ReportPeriodKind;
  dueText: string;
  holidayShift: HolidayShift;
  periodRule: PeriodRule;
  adHocFrom: string | null;
  adHocTo: string | null;
  adHocDue: string | null;
  remindDaysBefore: number;
  publish: boolean;
}

function KindForm({ unitId, onDone }: { unitId: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm<KindFormValues>({
    initialValues: {
      name: "Báo cáo công tác cải cách hành chính quý",
      periodKind: "quarterly",
      dueText: "trước ngày 15 tháng cuối quý",
      holidayShift: "none",
      periodRule: "calendar",
      adHocFrom: null,
      adHocTo: null,
      adHocDue: null,
      remindDaysBefore: 3,
      publish: true,
    },
  });
  const save = useMutation({
    mutationFn: (values: KindFormValues) => {
      const input: ReportKindInput = {
        name: values.name,
        periodKind: values.periodKind,
        dueText: values.periodKind === "ad_hoc" ? null : values.dueText,
        holidayShift: values.holidayShift,
        periodRule: values.periodRule,
        adHoc:
          values.periodKind === "ad_hoc"
            ? {
                from: values.adHocFrom ?? "",
                to: values.adHocTo ?? "",
                dueDate: values.adHocDue ?? "",
              }
            : null,
        remindDaysBefore: values.remindDaysBefore,
        publish: values.publish,
      };
      return createKind(unitId, input);
    },
    onSuccess: async () => {
      notifySuccess(t.created);
      await queryClient.invalidateQueries({ queryKey: reportKeys.all });
      onDone();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  const adHoc = form.values.periodKind === "ad_hoc";
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack gap="sm">
        <FormError error={save.error} />
        <TextInput label={t.name} required {...form.getInputProps("name")} />
        <Select
          label={t.periodKind}
          data={REPORT_PERIOD_KINDS.map((k) => ({ value: k, label: REPORT_PERIOD_KIND_LABELS[k] }))}
          allowDeselect={false}
          {...form.getInputProps("periodKind")}
        />
        {!adHoc && (
          <TextInput
            label={t.dueText}
            description={t.dueTextHint}
            required
            {...form.getInputProps("dueText")}
          />
        )}
        {adHoc && (
          <Group grow>
            <DateField
              label={t.adHocFrom}
              valueFormat="DD/MM/YYYY"
              {...form.getInputProps("adHocFrom")}
            />
            <DateField
              label={t.adHocTo}
              valueFormat="DD/MM/YYYY"
              {...form.getInputProps("adHocTo")}
            />
            <DateField
              label={t.adHocDue}
              valueFormat="DD/MM/YYYY"
              {...form.getInputProps("adHocDue")}
            />
          </Group>
        )}
        <Select
          label={t.holidayShift}
          data={HOLIDAY_SHIFTS.map((s) => ({ value: s, label: t.holidayShifts[s] }))}
          allowDeselect={false}
          {...form.getInputProps("holidayShift")}
        />
        {!adHoc && (
          <Select
            label={t.periodRule}
            data={PERIOD_RULES.map((r) => ({ value: r, label: t.periodRules[r] }))}
            allowDeselect={false}
            {...form.getInputProps("periodRule")}
          />
        )}
        <NumberInput
          label={t.remindDays}
          min={0}
          max={60}
          w={160}
          {...form.getInputProps("remindDaysBefore")}
        />
        <Checkbox label={t.publish} {...form.getInputProps("publish", { type: "checkbox" })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t.cancel}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
