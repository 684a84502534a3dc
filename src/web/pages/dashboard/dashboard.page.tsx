import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState, type ReactNode } from "react";
import { Link } from "react-router";
import { KPI_CATALOGUE } from "../../../core/kpi/catalogue.ts";
import { queryKeys } from "../../api/query-keys.ts";
import { getUnit } from "../../api/units.api.ts";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { DataList, type ListColumn } from "../../components/data-list.tsx";
import { TableScroll } from "../../components/table-scroll.tsx";
import { formatDate, formatDecimal, formatNumber } from "../../i18n/format.ts";
import {
  dashboardKeys,
  getKpiReport,
  getKpiTrend,
  getServiceIndex,
  listDueSoon,
  type KpiFigures,
  type KpiReport,
  type MethodologyScore,
  type ScoredNode,
  type TableExport,
  type TrendMonth,
} from "./dashboard.api.ts";
import { dashboardPaths } from "./dashboard-paths.ts";
import { ExportButton } from "./export-button.tsx";
import { bandColour, fraction } from "./figures.ts";
import { FigureLink } from "./figure-link.tsx";
import { LazyChart } from "./lazy-chart.tsx";
import { measuredSelection, selectionQuery, trendRange, type Selection } from "./period.ts";
import { SelectionBar } from "./selection-bar.tsx";
import { useSelection } from "./use-selection.ts";
import { viDashboard as t } from "./vi-dashboard.ts";

const DUE_SOON_DAYS = 2;

function Section({
  title,
  actions,
  children,
  testId,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      component="section"
      aria-label={title}
      data-testid={testId}
    >
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Card>
  );
}

function QueryState({
  query,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
}) {
  if (query.isPending) return <LoadingBlock />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  return null;
}

/** The unit's dashboard: today's queue, rates of the period, trends, the 766 index. */
export function DashboardPage() {
  const { selection: chosen, setSelection, today } = useSelection();
  const selection = measuredSelection(chosen, today);
  const q = selectionQuery(selection);
  const report = useQuery({
    queryKey: dashboardKeys.report(q),
    queryFn: () => getKpiReport(selection),
  });
  const unit = useQuery({
    queryKey: queryKeys.unit(selection.unitId),
    queryFn: () => getUnit(selection.unitId),
  });
  const hasChildren = (unit.data?.data.childCount ?? 0) > 0;
  return (
    <>
      <PageHeader
        title={t.title}
        description={t.description}
        actions={
          hasChildren ? (
            <Button
              component={Link}
              to={`${dashboardPaths.units}?${q}`}
              variant="default"
              size="sm"
            >
              {t.unitsLink}
            </Button>
          ) : undefined
        }
      />
      <SelectionBar selection={chosen} onChange={setSelection} />
      <Stack gap="lg">
        <QueueSection unitId={selection.unitId} today={today} />
        {report.isPending || report.isError ? (
          <QueryState query={report} />
        ) : (
          <>
            <Text fw={600} data-testid="dashboard-period">
              {report.data.data.unit.name} —{" "}
              {t.period(
                report.data.data.period.label,
                report.data.data.period.fromText,
                report.data.data.period.toText,
              )}
            </Text>
            <RatesSection selection={selection} figures={report.data.data.total} />
            <CountsSection selection={selection} report={report.data.data} />
            <IndexSection selection={selection} />
            <TrendSection unitId={selection.unitId} to={report.data.data.period.to} />
          </>
        )}
      </Stack>
    </>
  );
}

function QueueSection({ unitId, today }: { unitId: string; today: string }) {
  const day: Selection = { unitId, period: "custom", from: today, to: today };
  const q = selectionQuery(day);
  const report = useQuery({ queryKey: dashboardKeys.report(q), queryFn: () => getKpiReport(day) });
  const dueQuery = { unitId, date: today, days: DUE_SOON_DAYS, limit: 1 };
  const dueSoon = useQuery({
    queryKey: dashboardKeys.dueSoon(JSON.stringify(dueQuery)),
    queryFn: () => listDueSoon(dueQuery),
  });
  const counts = report.data?.data.total.counts;
  const tile = (label: string, node: ReactNode) => (
    <Card withBorder padding="sm" radius="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz={26}>
        {node}
      </Text>
    </Card>
  );
  return (
    <Section title={t.queue.title} testId="dashboard-queue">
      {report.isPending || report.isError || !counts ? (
        <QueryState query={report} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
            {tile(
              t.queue.toProcess,
              <FigureLink selection={day} set="to_process" value={counts.toProcess} />,
            )}
            {tile(
              t.queue.pending,
              <FigureLink selection={day} set="pending" value={counts.pendingAtEnd} />,
            )}
            {tile(
              t.queue.dueSoon,
              dueSoon.data ? (
                <FigureLink
                  selection={day}
                  set="due_soon"
                  value={dueSoon.data.total}
                  extra={{ days: DUE_SOON_DAYS }}
                />
              ) : (
                "…"
              ),
            )}
            {tile(
              t.queue.overdue,
              <FigureLink selection={day} set="overdue" value={counts.overdueAtEnd} />,
            )}
            {tile(
              t.queue.lateWithoutApology,
              <FigureLink
                selection={day}
                set="late_without_apology"
                value={counts.lateWithoutApology}
              />,
            )}
          </SimpleGrid>
          {dueSoon.data && (
            <Text size="xs" c="dimmed" mt="xs">
              {t.queue.note(formatDate(today), formatDate(dueSoon.data.until))}
            </Text>
          )}
        </>
      )}
    </Section>
  );
}

function RatesSection({ selection, figures }: { selection: Selection; figures: KpiFigures }) {
  return (
    <Section title={t.rates.title} testId="dashboard-rates">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {KPI_CATALOGUE.map((kpi) => {
          const rate = figures.rates[kpi.code]!;
          return (
            <Card
              key={kpi.code}
              withBorder
              padding="sm"
              radius="sm"
              data-testid={`rate-${kpi.code}`}
            >
              <Text size="sm" fw={600}>
                {kpi.name}
              </Text>
              <Text
                fw={700}
                fz={24}
                data-testid="rate-value"
                c={rate.percent === null ? "dimmed" : undefined}
              >
                {rate.text}
              </Text>
              <Text size="sm" data-testid="rate-fraction">
                {kpi.numeratorSet ? (
                  <FigureLink selection={selection} set={kpi.numeratorSet} value={rate.numerator} />
                ) : (
                  formatNumber(rate.numerator)
                )}{" "}
                {t.rates.ofWhich}{" "}
                {kpi.denominatorSet ? (
                  <FigureLink
                    selection={selection}
                    set={kpi.denominatorSet}
                    value={rate.denominator}
                  />
                ) : (
                  formatNumber(rate.denominator)
                )}
              </Text>
              <Text size="xs" c="dimmed">
                {kpi.numerator} / {kpi.denominator}
              </Text>
            </Card>
          );
        })}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="xs">
        {t.rates.feedbackNote}
      </Text>
    </Section>
  );
}

const COUNT_ROWS = [
  ["to_process", "toProcess"],
  ["received_new", "receivedNew"],
  ["carried_over", "carriedOver"],
  ["resolved", "resolved"],
  ["early", "early"],
  ["on_time", "onTime"],
  ["late", "late"],
  ["pending", "pendingAtEnd"],
  ["overdue", "overdueAtEnd"],
  ["late_with_apology", "lateWithApology"],
  ["late_without_apology", "lateWithoutApology"],
] as const;

function CountsSection({ selection, report }: { selection: Selection; report: KpiReport }) {
  const counts = report.total.counts as unknown as Record<string, number>;
  const exportTable = (): TableExport => ({
    title: t.counts.title,
    subtitle: [report.unit.name, report.period.label],
    fileName: "so-ho-so-trong-ky",
    columns: [{ header: t.counts.colFigure }, { header: t.counts.colValue, format: "decimal" }],
    rows: [
      ...COUNT_ROWS.map(([set, key]) => [t.sets[set], counts[key] ?? 0]),
      [t.counts.averageDays, report.total.averageProcessingDays.value],
    ],
  });
  return (
    <Section
      title={t.counts.title}
      actions={<ExportButton table={exportTable} label={t.counts.tableLabel} />}
    >
      <TableScroll label={t.counts.tableLabel}>
        <Table aria-label={t.counts.tableLabel} striped maw={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.counts.colFigure}</Table.Th>
              <Table.Th ta="right">{t.counts.colValue}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {COUNT_ROWS.map(([set, key]) => (
              <Table.Tr key={set}>
                <Table.Td>{t.sets[set]}</Table.Td>
                <Table.Td ta="right">
                  <FigureLink selection={selection} set={set} value={counts[key] ?? 0} />
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Td>{t.counts.averageDays}</Table.Td>
              <Table.Td ta="right">{report.total.averageProcessingDays.text}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Section>
  );
}

/** Rows of the 766 table: each group, then its indicators. */
function flatten(nodes: ScoredNode[], depth = 0): { node: ScoredNode; depth: number }[] {
  return nodes.flatMap((node) => [{ node, depth }, ...flatten(node.children, depth + 1)]);
}

const points = (value: number) => formatDecimal(value);

function IndexSection({ selection }: { selection: Selection }) {
  const q = selectionQuery(selection);
  const index = useQuery({
    queryKey: dashboardKeys.index(q),
    queryFn: () => getServiceIndex(selection),
  });
  if (index.isPending || index.isError) {
    return (
      <Section title={t.index766.title}>
        <QueryState query={index} />
      </Section>
    );
  }
  const { score, notMeasured } = index.data.data;
  return (
    <IndexView score={score} notMeasured={notMeasured} periodLabel={index.data.period.label} />
  );
}

function IndexView({
  score,
  notMeasured,
  periodLabel,
}: {
  score: MethodologyScore;
  notMeasured: { code: string; reason: string }[];
  periodLabel: string;
}) {
  const rows = flatten(score.nodes);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "value", max: Math.max(...score.nodes.map((n) => n.max), 1) },
      yAxis: { type: "category", inverse: true, data: score.nodes.map((n) => n.code) },
      series: [
        {
          name: t.index766.seriesPoints,
          type: "bar",
          stack: "max",
          color: "#1769b4",
          data: score.nodes.map((n) => n.points),
        },
        {
          name: t.index766.seriesLost,
          type: "bar",
          stack: "max",
          color: "#ced4da",
          data: score.nodes.map((n) => Math.max(0, Number((n.max - n.points).toFixed(2)))),
        },
      ],
    }),
    [score],
  );
  const exportTable = (): TableExport => ({
    title: t.index766.title,
    subtitle: [periodLabel, `${t.index766.total}: ${points(score.total)}/${score.scale}`],
    fileName: "chi-so-766",
    columns: [
      { header: t.index766.colCode },
      { header: t.index766.colName },
      { header: t.index766.colPoints, format: "decimal" },
      { header: t.index766.colMax, format: "decimal" },
      { header: t.index766.colWhy },
    ],
    rows: rows.map(({ node }) => [node.code, node.name, node.points, node.max, node.explanation]),
  });
  return (
    <Section
      title={t.index766.title}
      testId="dashboard-766"
      actions={<ExportButton table={exportTable} label={t.index766.tableLabel} />}
    >
      <Group gap="md" mb="sm">
        <Text>
          {t.index766.total}:{" "}
          <Text span fw={700} fz={24} data-testid="index-766-total">
            {points(score.total)}
          </Text>
          /{score.scale}
        </Text>
        <Badge size="lg" color={bandColour(score.band?.code)} data-testid="index-766-band">
          {t.index766.band}: {score.band?.label ?? t.index766.noBand}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {score.explanation}
      </Text>
      <LazyChart
        option={option}
        height={Math.max(220, score.nodes.length * 44 + 60)}
        label={t.index766.chartLabel}
      />
      <DataList
        label={t.index766.tableLabel}
        testId="index-766-table"
        minWidth={640}
        rows={rows}
        rowKey={({ node }) => node.code}
        strongRow={({ depth }) => depth === 0}
        columns={indexColumns}
      />
      {notMeasured.length > 0 && (
        <Stack gap={2} mt="sm">
          <Text size="sm" fw={600}>
            {t.index766.notMeasuredTitle}
          </Text>
          {notMeasured.map((item) => (
            <Text size="xs" c="dimmed" key={item.code}>
              {item.code}: {item.reason}
            </Text>
          ))}
        </Stack>
      )}
    </Section>
  );
}

type IndexRow = { node: ScoredNode; depth: number };

/** The 766 table's columns: a group or an indicator, its points of its maximum, and why. */
const indexColumns: ListColumn<IndexRow>[] = [
  {
    header: t.index766.colName,
    phone: "title",
    cell: ({ node, depth }) => (
      <span style={{ display: "block", paddingLeft: depth * 16 }}>
        {node.code} — {node.name}
      </span>
    ),
  },
  {
    header: t.index766.colPoints,
    align: "right",
    cell: ({ node }) => <span data-testid={`points-${node.code}`}>{points(node.points)}</span>,
  },
  { header: t.index766.colMax, align: "right", cell: ({ node }) => points(node.max) },
  {
    header: t.index766.colWhy,
    phoneWide: true,
    cell: ({ node }) =>
      node.kind === "leaf" ? (
        <Text span size="sm">
          {node.explanation}
          {node.basis !== "data" && (
            <Text span size="xs" c="dimmed">
              {" "}
              ({t.index766.basis[node.basis]})
            </Text>
          )}
        </Text>
      ) : (
        ""
      ),
  },
];

/** The monthly figures behind the trend chart, one row (a card on a phone) per month. */
const trendColumns: ListColumn<TrendMonth>[] = [
  { header: t.trend.colMonth, phone: "title", cell: (m) => monthLabel(m.period.from) },
  { header: t.trend.colReceived, align: "right", cell: (m) => formatNumber(m.counts.receivedNew) },
  { header: t.trend.colResolved, align: "right", cell: (m) => formatNumber(m.counts.resolved) },
  {
    header: t.trend.colOnTime,
    align: "right",
    cell: (m) => formatNumber(m.rates.on_time_rate!.numerator),
  },
  { header: t.trend.colOnTimeRate, align: "right", cell: (m) => m.rates.on_time_rate!.text },
  { header: t.trend.colLate, align: "right", cell: (m) => formatNumber(m.counts.lateOrOverdue) },
  { header: t.trend.colOnline, align: "right", cell: (m) => formatNumber(m.counts.online) },
  {
    header: t.trend.colOnlineRate,
    align: "right",
    cell: (m) => m.rates.online_dossier_rate!.text,
  },
];

function TrendSection({ unitId, to }: { unitId: string; to: string }) {
  const range = trendRange(to);
  const trend = useQuery({
    queryKey: dashboardKeys.trend(JSON.stringify({ unitId, ...range })),
    queryFn: () => getKpiTrend(unitId, range),
  });
  const [showTable, setShowTable] = useState(false);
  const months: TrendMonth[] = trend.data?.data.months ?? [];
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
      legend: { top: 0, type: "scroll" },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: months.map((m) => monthLabel(m.period.from)) },
      yAxis: [
        { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
        { type: "value", min: 0, minInterval: 1 },
      ],
      series: [
        {
          name: t.trend.seriesReceived,
          type: "bar",
          yAxisIndex: 1,
          color: "#a5d8ff",
          data: months.map((m) => m.counts.receivedNew),
        },
        {
          name: t.trend.seriesResolved,
          type: "bar",
          yAxisIndex: 1,
          color: "#ced4da",
          data: months.map((m) => m.counts.resolved),
        },
        {
          name: t.trend.seriesOnTime,
          type: "line",
          color: "#1769b4",
          connectNulls: false,
          data: months.map((m) => roundOrNull(m.rates.on_time_rate!.percent)),
        },
        {
          name: t.trend.seriesOnline,
          type: "line",
          color: "#2b8a3e",
          connectNulls: false,
          data: months.map((m) => roundOrNull(m.rates.online_dossier_rate!.percent)),
        },
      ],
    }),
    [months],
  );
  const columns = [
    t.trend.colMonth,
    t.trend.colReceived,
    t.trend.colResolved,
    t.trend.colOnTime,
    t.trend.colOnTimeRate,
    t.trend.colLate,
    t.trend.colOnline,
    t.trend.colOnlineRate,
  ];
  const exportTable = (): TableExport => ({
    title: t.trend.title,
    subtitle: [t.trend.note(formatDate(range.from), formatDate(range.to))],
    fileName: "xu-huong-theo-thang",
    columns: columns.map((header, i) => ({
      header,
      format: i === 0 ? "text" : i === 4 || i === 7 ? "percent" : "integer",
    })),
    rows: months.map((m) => [
      monthLabel(m.period.from),
      m.counts.receivedNew,
      m.counts.resolved,
      m.rates.on_time_rate!.numerator,
      fraction(m.rates.on_time_rate!.percent),
      m.counts.lateOrOverdue,
      m.counts.online,
      fraction(m.rates.online_dossier_rate!.percent),
    ]),
  });
  return (
    <Section
      title={t.trend.title}
      actions={
        <Group gap="xs">
          <Button
            variant="subtle"
            size="xs"
            onClick={() => setShowTable((v) => !v)}
            aria-expanded={showTable}
          >
            {showTable ? t.trend.hideTable : t.trend.showTable}
          </Button>
          <ExportButton table={exportTable} label={t.trend.tableLabel} />
        </Group>
      }
    >
      {trend.isPending || trend.isError ? (
        <QueryState query={trend} />
      ) : (
        <>
          <Text size="xs" c="dimmed" mb="xs">
            {t.trend.note(formatDate(range.from), formatDate(range.to))}
          </Text>
          <LazyChart option={option} label={t.trend.chartLabel} testId="trend-chart" />
          <div className={showTable ? undefined : "mantine-visually-hidden"}>
            <DataList
              label={t.trend.tableLabel}
              minWidth={720}
              rows={months}
              rowKey={(m) => m.period.from}
              columns={trendColumns}
            />
          </div>
        </>
      )}
    </Section>
  );
}

export function monthLabel(from: string): string {
  const [year, month] = from.split("-");
  return `${month}/${year}`;
}

function roundOrNull(percent: number | null): number | null {
  return percent === null ? null : Math.round(percent * 100) / 100;
}
