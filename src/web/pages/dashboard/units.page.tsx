import { Anchor, Badge, Button, Card, Stack, Table, Text, Title, Group } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { DataList, usePhoneLayout, type ListColumn } from "../../components/data-list.tsx";
import { TableScroll } from "../../components/table-scroll.tsx";
import { PhoneSortSelect, SortableHeaderRow } from "../../components/sortable-table.tsx";
import {
  rangeOf,
  scaleColour,
  sortRows,
  type Range,
  type Sort as SortOf,
  type SortValue,
} from "../../components/table-sort.ts";
import { formatDecimal, formatNumber } from "../../i18n/format.ts";
import { bandColour, fraction } from "./figures.ts";
import {
  dashboardKeys,
  getKpiReport,
  getUnitsIndex,
  type KpiReport,
  type TableExport,
  type UnitsIndex,
} from "./dashboard.api.ts";
import { dashboardPaths } from "./dashboard-paths.ts";
import { ExportButton } from "./export-button.tsx";
import { FigureLink } from "./figure-link.tsx";
import { LazyChart } from "./lazy-chart.tsx";
import { measuredSelection, selectionQuery, type Selection } from "./period.ts";
import { SelectionBar } from "./selection-bar.tsx";
import { useSelection } from "./use-selection.ts";
import { viDashboard as t } from "./vi-dashboard.ts";

type Figures = KpiReport["total"];
type IndexRow = UnitsIndex["total"];

interface Row {
  key: string;
  name: string;
  figures: Figures;
  index: IndexRow | undefined;
}

type SortKey =
  | "name"
  | "toProcess"
  | "resolved"
  | "onTime"
  | "online"
  | "overdue"
  | "lateWithoutApology"
  | "index";

interface Column {
  key: SortKey;
  header: string;
  align?: "left";
  /** The sort value; null ("không phát sinh") always sorts last. */
  value: (row: Row) => SortValue;
  /** Colour-scaled: higher is better (true) or worse (false). */
  scale?: boolean;
}

const COLUMNS: Column[] = [
  { key: "name", header: t.units.colUnit, align: "left", value: (r) => r.name },
  { key: "toProcess", header: t.units.colToProcess, value: (r) => r.figures.counts.toProcess },
  { key: "resolved", header: t.units.colResolved, value: (r) => r.figures.counts.resolved },
  {
    key: "onTime",
    header: t.units.colOnTime,
    value: (r) => r.figures.rates.on_time_rate!.percent,
    scale: true,
  },
  {
    key: "online",
    header: t.units.colOnline,
    value: (r) => r.figures.rates.online_dossier_rate!.percent,
    scale: true,
  },
  { key: "overdue", header: t.units.colOverdue, value: (r) => r.figures.counts.overdueAtEnd },
  {
    key: "lateWithoutApology",
    header: t.units.colLateWithoutApology,
    value: (r) => r.figures.counts.lateWithoutApology,
  },
  { key: "index", header: t.units.col766, value: (r) => r.index?.total ?? null, scale: true },
];

type Sort = SortOf<SortKey>;
type Ranges = Map<SortKey, Range>;

const valueOf = (row: Row, key: SortKey) => COLUMNS.find((c) => c.key === key)!.value(row);

/** The upper level's dashboard: the units under it side by side, those falling behind first. */
export function UnitsDashboardPage() {
  const { selection: chosen, setSelection, today } = useSelection();
  const selection = measuredSelection(chosen, today);
  const q = selectionQuery(selection);
  const report = useQuery({
    queryKey: dashboardKeys.report(`${q}&groupBy=unit`),
    queryFn: () => getKpiReport(selection, "unit"),
  });
  const index = useQuery({
    queryKey: dashboardKeys.unitsIndex(q),
    queryFn: () => getUnitsIndex(selection),
  });
  return (
    <>
      <PageHeader
        title={t.unitsTitle}
        description={t.unitsDescription}
        actions={
          <Button
            component={Link}
            to={`${dashboardPaths.unit}?${selectionQuery(chosen)}`}
            variant="default"
            size="sm"
          >
            {t.unitDashboardLink}
          </Button>
        }
      />
      <SelectionBar selection={chosen} onChange={setSelection} />
      {report.isPending || index.isPending ? (
        <LoadingBlock />
      ) : report.isError ? (
        <QueryError error={report.error} onRetry={() => report.refetch()} />
      ) : index.isError ? (
        <QueryError error={index.error} onRetry={() => index.refetch()} />
      ) : (
        <UnitsView
          chosen={chosen}
          selection={selection}
          report={report.data.data}
          index={index.data.data}
        />
      )}
    </>
  );
}

function UnitsView({
  chosen,
  selection,
  report,
  index,
}: {
  chosen: Selection;
  selection: Selection;
  report: KpiReport;
  index: UnitsIndex;
}) {
  const phone = usePhoneLayout();
  const [sort, setSort] = useState<Sort>({
    key: "onTime",
    direction: 1,
  });
  const indexByKey = new Map(index.rows.map((row) => [row.key, row]));
  const rows: Row[] = report.rows.map((row) => ({
    key: row.key ?? row.name,
    name: row.name,
    figures: row,
    index: indexByKey.get(row.key),
  }));
  const sorted = sortRows(rows, sort, valueOf, (row) => row.name);
  const ranges: Ranges = new Map(
    COLUMNS.filter((c) => c.scale).map((c) => [c.key, rangeOf(rows.map(c.value))]),
  );
  const total: Row = {
    key: report.unit.id,
    name: t.units.totalRow,
    figures: report.total,
    index: index.total,
  };

  const chartRows = sortRows(rows, { key: "onTime", direction: 1 }, valueOf, (row) => row.name);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: {
        type: "category",
        inverse: true,
        data: chartRows.map((r) => r.name),
        axisLabel: { width: 120, overflow: "truncate" },
      },
      series: [
        {
          name: t.units.seriesOnTime,
          type: "bar",
          color: "#1769b4",
          data: chartRows.map((r) => {
            const p = r.figures.rates.on_time_rate!.percent;
            return p === null ? null : Math.round(p * 100) / 100;
          }),
        },
      ],
    }),
    [chartRows],
  );

  const exportTable = (): TableExport => ({
    title: t.unitsTitle,
    subtitle: [report.unit.name, report.period.label],
    fileName: "so-sanh-don-vi",
    columns: [
      { header: t.units.colUnit },
      { header: t.units.colToProcess, format: "integer" },
      { header: t.units.colResolved, format: "integer" },
      { header: t.units.colOnTime, format: "percent" },
      { header: t.units.colOnline, format: "percent" },
      { header: t.units.colOverdue, format: "integer" },
      { header: t.units.colLateWithoutApology, format: "integer" },
      { header: t.units.col766, format: "decimal" },
      { header: t.units.colBand },
    ],
    rows: [...sorted, total].map((r) => [
      r.name,
      r.figures.counts.toProcess,
      r.figures.counts.resolved,
      fraction(r.figures.rates.on_time_rate!.percent),
      fraction(r.figures.rates.online_dossier_rate!.percent),
      r.figures.counts.overdueAtEnd,
      r.figures.counts.lateWithoutApology,
      r.index?.total ?? null,
      r.index?.band?.label ?? "",
    ]),
  });

  if (rows.length === 0) return <Text c="dimmed">{t.units.noChildren}</Text>;

  const unitSelection = (row: Row): Selection => ({ ...selection, unitId: row.key });
  const cells = (row: Row, isTotal: boolean) => {
    const at = isTotal ? selection : unitSelection(row);
    const rate = (code: "on_time_rate" | "online_dossier_rate", key: SortKey) => {
      const r = row.figures.rates[code]!;
      const range = ranges.get(key)!;
      return (
        <Table.Td ta="right" bg={isTotal ? undefined : scaleColour(r.percent, range)}>
          {r.text}
          <Text size="xs" c="dimmed">
            {formatNumber(r.numerator)}/{formatNumber(r.denominator)}
          </Text>
        </Table.Td>
      );
    };
    const indexRange = ranges.get("index")!;
    return (
      <>
        <Table.Td>
          {isTotal ? (
            <Text fw={700}>{row.name}</Text>
          ) : (
            <Anchor
              component={Link}
              to={`${dashboardPaths.unit}?${selectionQuery({ ...chosen, unitId: row.key })}`}
            >
              {row.name}
            </Anchor>
          )}
        </Table.Td>
        <Table.Td ta="right">
          <FigureLink selection={at} set="to_process" value={row.figures.counts.toProcess} />
        </Table.Td>
        <Table.Td ta="right">
          <FigureLink selection={at} set="resolved" value={row.figures.counts.resolved} />
        </Table.Td>
        {rate("on_time_rate", "onTime")}
        {rate("online_dossier_rate", "online")}
        <Table.Td ta="right">
          <FigureLink selection={at} set="overdue" value={row.figures.counts.overdueAtEnd} />
        </Table.Td>
        <Table.Td ta="right">
          <FigureLink
            selection={at}
            set="late_without_apology"
            value={row.figures.counts.lateWithoutApology}
          />
        </Table.Td>
        <Table.Td
          ta="right"
          bg={isTotal || !row.index ? undefined : scaleColour(row.index.total, indexRange)}
        >
          {row.index ? formatDecimal(row.index.total) : ""}
          {row.index && (
            <div>
              <Badge size="xs" color={bandColour(row.index.band?.code)}>
                {row.index.band?.label ?? t.index766.noBand}
              </Badge>
            </div>
          )}
        </Table.Td>
      </>
    );
  };

  return (
    <Stack gap="lg">
      <Card withBorder padding="md" radius="md" component="section" aria-label={t.units.tableLabel}>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {report.unit.name} — {report.period.label}
          </Title>
          <ExportButton table={exportTable} label={t.units.tableLabel} />
        </Group>
        <Text size="xs" c="dimmed" mb="xs">
          {t.units.colourNote}
        </Text>
        {phone ? (
          <UnitsCards
            rows={[...sorted, total]}
            total={total}
            sort={sort}
            setSort={setSort}
            selection={selection}
            chosen={chosen}
            ranges={ranges}
          />
        ) : (
          <TableScroll label={t.units.tableLabel}>
            <Table aria-label={t.units.tableLabel} miw={900} data-testid="units-table">
              <Table.Thead>
                <SortableHeaderRow columns={COLUMNS} sort={sort} onSort={setSort} />
              </Table.Thead>
              <Table.Tbody>
                {sorted.map((row) => (
                  <Table.Tr key={row.key}>{cells(row, false)}</Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>{cells(total, true)}</Table.Tr>
              </Table.Tfoot>
            </Table>
          </TableScroll>
        )}
      </Card>
      <Card withBorder padding="md" radius="md" component="section" aria-label={t.units.chartLabel}>
        <Title order={2} size="h4" mb="sm">
          {t.units.chartLabel}
        </Title>
        <LazyChart
          option={option}
          height={Math.max(200, chartRows.length * 36 + 60)}
          label={t.units.chartLabel}
        />
      </Card>
    </Stack>
  );
}

/**
 * The units on a phone: one card per unit (the unit's total last), the same figures with their
 * column's label, sorted with a select instead of the table's header buttons.
 */
function UnitsCards({
  rows,
  total,
  sort,
  setSort,
  selection,
  chosen,
  ranges,
}: {
  rows: Row[];
  total: Row;
  sort: Sort;
  setSort: (sort: Sort) => void;
  selection: Selection;
  chosen: Selection;
  ranges: Ranges;
}) {
  const at = (row: Row): Selection =>
    row === total ? selection : { ...selection, unitId: row.key };
  const shaded = (key: SortKey, value: number | null, row: Row, text: ReactNode) => {
    const range = ranges.get(key)!;
    const bg = row === total ? undefined : scaleColour(value, range);
    return bg ? (
      <Text span size="sm" px={4} style={{ background: bg, borderRadius: 4 }}>
        {text}
      </Text>
    ) : (
      text
    );
  };
  const rate = (row: Row, code: "on_time_rate" | "online_dossier_rate", key: SortKey) => {
    const r = row.figures.rates[code]!;
    return shaded(
      key,
      r.percent,
      row,
      <>
        {r.text}{" "}
        <Text span size="xs" c="dimmed">
          ({formatNumber(r.numerator)}/{formatNumber(r.denominator)})
        </Text>
      </>,
    );
  };
  const columns: ListColumn<Row>[] = [
    {
      header: t.units.colUnit,
      phone: "title",
      cell: (row) =>
        row === total ? (
          <Text fw={700}>{row.name}</Text>
        ) : (
          <Anchor
            component={Link}
            to={`${dashboardPaths.unit}?${selectionQuery({ ...chosen, unitId: row.key })}`}
          >
            {row.name}
          </Anchor>
        ),
    },
    {
      header: t.units.colToProcess,
      cell: (row) => (
        <FigureLink selection={at(row)} set="to_process" value={row.figures.counts.toProcess} />
      ),
    },
    {
      header: t.units.colResolved,
      cell: (row) => (
        <FigureLink selection={at(row)} set="resolved" value={row.figures.counts.resolved} />
      ),
    },
    { header: t.units.colOnTime, cell: (row) => rate(row, "on_time_rate", "onTime") },
    { header: t.units.colOnline, cell: (row) => rate(row, "online_dossier_rate", "online") },
    {
      header: t.units.colOverdue,
      cell: (row) => (
        <FigureLink selection={at(row)} set="overdue" value={row.figures.counts.overdueAtEnd} />
      ),
    },
    {
      header: t.units.colLateWithoutApology,
      cell: (row) => (
        <FigureLink
          selection={at(row)}
          set="late_without_apology"
          value={row.figures.counts.lateWithoutApology}
        />
      ),
    },
    {
      header: t.units.col766,
      cell: (row) =>
        row.index ? (
          <>
            {shaded("index", row.index.total, row, formatDecimal(row.index.total))}{" "}
            <Badge size="xs" color={bandColour(row.index.band?.code)}>
              {row.index.band?.label ?? t.index766.noBand}
            </Badge>
          </>
        ) : (
          ""
        ),
    },
  ];
  return (
    <Stack gap="sm">
      <PhoneSortSelect columns={COLUMNS} sort={sort} onSort={(next) => next && setSort(next)} />
      <DataList
        label={t.units.tableLabel}
        rows={rows}
        rowKey={(row) => row.key}
        columns={columns}
      />
    </Stack>
  );
}
