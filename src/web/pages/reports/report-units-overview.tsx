import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { NO_DATA_TEXT } from "../../../core/report/report-figures.ts";
import {
  HIGHER_IS_BETTER,
  KEY_FIGURES,
  KEY_FIGURE_LABELS,
  OVERVIEW_STATES,
  OVERVIEW_STATE_LABELS,
  RATE_FIGURES,
  type KeyFigure,
  type OverviewState,
} from "../../../core/report/report-units-overview.ts";
import {
  FIGURE_LINK_LABELS,
  ONE_STOP_SET_LABELS,
  figureLinkTitle,
  figureTargets,
  oneStopTarget,
} from "../../../core/report/report-figure-links.ts";
import { formatNumber, formatRate } from "../../../core/text/number-format.ts";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { TableScroll } from "../../components/table-scroll.tsx";
import { PhoneSortSelect, SortableHeaderRow } from "../../components/sortable-table.tsx";
import {
  rangeOf,
  scaleColour,
  sortRows,
  type Sort,
  type SortValue,
  type SortableColumn,
} from "../../components/table-sort.ts";
import { DataList, usePhoneLayout, type ListColumn } from "../../components/data-list.tsx";
import { formatDate } from "../../i18n/format.ts";
import { listScorecardsOf, scorecardKeys } from "../scorecards/scorecard.api.ts";
import { figurePath } from "./figure-paths.ts";
import { reportPaths } from "./report-paths.ts";
import { getUnitsOverview, type UnitsOverviewView } from "./reports.api.ts";

type Row = UnitsOverviewView["rows"][number];
type Cell = Row["figures"][KeyFigure];
type SortKey = "name" | "state" | "version" | KeyFigure;

const TITLE = "Tổng quan các đơn vị trực thuộc";

const STATE_COLOR: Record<OverviewState, string> = {
  owes: "red",
  returned: "orange",
  submitted: "blue",
  accepted: "green",
};

/** The sort value of a column; null (no data, "không phát sinh") always sorts last. */
function sortValue(row: Row, key: SortKey): SortValue {
  if (key === "name") return row.name;
  if (key === "state") return OVERVIEW_STATES.indexOf(row.state);
  if (key === "version") return row.version;
  return row.figures[key].value;
}

/** 1 → "1"; 16.666 → "16,67". */
const points = (value: number) =>
  formatNumber(value, { maxFractionDigits: 2, minFractionDigits: 0 });
const count = (value: number) => formatNumber(value, { maxFractionDigits: 0 });

/** Where a figure leads: the live records behind it (null: no link). */
interface FigureLinks {
  main: string | null;
  /** One-stop only: the late dossiers of the period. */
  late: string | null;
  asOf: string | null;
  unitName: string;
}

function FigureCell({
  figure,
  cell,
  previousLabel,
  links,
}: {
  figure: KeyFigure;
  cell: Cell;
  previousLabel: string | null;
  links: FigureLinks;
}) {
  const isRate = RATE_FIGURES.has(figure);
  const main = isRate
    ? cell.ratio
      ? formatRate(cell.ratio.numerator, cell.ratio.denominator)
      : NO_DATA_TEXT
    : cell.value === null
      ? NO_DATA_TEXT
      : points(cell.value);
  const good =
    cell.trend === null || cell.trend === "same"
      ? null
      : (cell.trend === "up") === HIGHER_IS_BETTER[figure];
  const arrow = cell.trend === "up" ? "↑" : cell.trend === "down" ? "↓" : "→";
  const sign = cell.change !== null && cell.change > 0 ? "+" : "";
  return (
    <>
      {links.main ? (
        <Anchor
          component={Link}
          to={links.main}
          size="sm"
          title={figureLinkTitle(FIGURE_LINK_LABELS[figure], links.asOf)}
          aria-label={`${KEY_FIGURE_LABELS[figure]} của ${links.unitName}: ${main}`}
          data-testid={`figure-link-${figure}`}
        >
          {main}
        </Anchor>
      ) : (
        <Text size="sm" span c={main === NO_DATA_TEXT ? "dimmed" : undefined}>
          {main}
        </Text>
      )}
      {isRate && cell.ratio && (
        <Text size="xs" c="dimmed">
          {count(cell.ratio.numerator)}/{count(cell.ratio.denominator)}
        </Text>
      )}
      {links.late && cell.ratio && cell.ratio.denominator > cell.ratio.numerator && (
        <Anchor
          component={Link}
          to={links.late}
          size="xs"
          display="block"
          c="red.9"
          title={figureLinkTitle(ONE_STOP_SET_LABELS.late, links.asOf)}
          aria-label={`Hồ sơ của ${links.unitName}: ${count(cell.ratio.denominator - cell.ratio.numerator)} trễ hạn`}
          data-testid="figure-link-late"
        >
          {count(cell.ratio.denominator - cell.ratio.numerator)} trễ hạn
        </Anchor>
      )}
      {cell.change !== null && (
        <Text
          size="xs"
          fw={600}
          c={good === null ? "gray.8" : good ? "green.9" : "red.9"}
          data-testid={`trend-${figure}`}
        >
          <span aria-hidden="true">{arrow} </span>
          {sign}
          {points(cell.change)}
          {isRate ? " điểm %" : ""}
          <VisuallyHidden>
            {" "}
            {cell.trend === "up" ? "tăng" : cell.trend === "down" ? "giảm" : "không đổi"} so với{" "}
            {previousLabel ?? "kỳ trước"}
          </VisuallyHidden>
        </Text>
      )}
    </>
  );
}

/**
 * The leader's overview for a kind and period: the units side by side with their report's state
 * and key figures from the latest version they sent, the change since the previous period, sorted
 * by any column, the units falling behind first until another order is chosen.
 */
export function ReportUnitsOverview({
  unitId,
  kindId,
  periodKey,
}: {
  unitId: string;
  kindId: string;
  periodKey: string;
}) {
  const overview = useQuery({
    queryKey: ["reports", "units-overview", unitId, kindId, periodKey],
    queryFn: () => getUnitsOverview(unitId, kindId, periodKey),
  });
  // The units' scorecards, for the PAR self-score's link (the list covers the units below).
  const scorecards = useQuery({
    queryKey: scorecardKeys.list(unitId),
    queryFn: () => listScorecardsOf(unitId),
  });
  const [sort, setSort] = useState<Sort<SortKey> | null>(null);
  const phone = usePhoneLayout();
  if (overview.isPending) return <LoadingBlock />;
  if (overview.isError)
    return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  const data = overview.data;
  const rows = sortRows(data.rows, sort, sortValue, (row) => row.name);
  const ranges = new Map(
    KEY_FIGURES.map((k) => [k, rangeOf(data.rows.map((r) => r.figures[k].value))]),
  );
  const columns: SortableColumn<SortKey>[] = [
    { key: "name", header: "Đơn vị", align: "left" },
    { key: "state", header: "Tình trạng", align: "left" },
    { key: "version", header: "Lần gửi" },
    ...KEY_FIGURES.map((k) => ({ key: k, header: KEY_FIGURE_LABELS[k] })),
  ];
  const previousLabel = data.previousPeriod?.label ?? null;
  const period = { from: data.periodFrom, to: data.periodTo };
  const scorecardIdOf = (id: string, year: number) =>
    scorecards.data?.data.find((c) => c.unitId === id && c.year === year)?.id ?? null;
  /** A row's links: only where a version was sent (its figures exist). */
  const linksOf = (row: Row, figure: KeyFigure): FigureLinks => {
    const sent = row.version > 0;
    const targets = figureTargets(row, period);
    return {
      main: sent ? figurePath(targets[figure], scorecardIdOf) : null,
      late:
        sent && figure === "oneStopOnTime" ? figurePath(oneStopTarget(row, period, "late")) : null,
      asOf: row.figuresAsOf,
      unitName: row.name,
    };
  };
  return (
    <Paper withBorder p="md" mb="md" component="section" aria-label={TITLE}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {TITLE}
        </Title>
        {sort && (
          <Button variant="subtle" size="xs" onClick={() => setSort(null)}>
            Xếp đơn vị chậm lên trước
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {data.kindName} — {data.periodLabel}; hạn nộp {formatDate(data.dueDate)}. Số liệu lấy từ lần
        gửi gần nhất của mỗi đơn vị
        {previousLabel ? `, so với lần gửi gần nhất của ${previousLabel}` : ""}; tỷ lệ kèm tử số/mẫu
        số. {sort ? "" : "Đơn vị chậm (chưa gửi quá hạn, bị trả lại) xếp trước."} Mỗi số liệu mở hồ
        sơ, nhiệm vụ hiện tại của kỳ; số liệu trong báo cáo được chốt lúc gửi nên có thể khác.
      </Text>
      {data.rows.length === 0 ? (
        <Text c="dimmed">Không có đơn vị trực thuộc phải nộp báo cáo kỳ này.</Text>
      ) : phone ? (
        <>
          <PhoneSortSelect
            columns={columns}
            sort={sort}
            onSort={setSort}
            defaultLabel="Đơn vị chậm trước"
          />
          <DataList
            label={TITLE}
            rows={rows}
            rowKey={(row) => row.unitId}
            columns={[
              { header: "Đơn vị", phone: "title", cell: (row) => <UnitName row={row} /> },
              { header: "Tình trạng", cell: (row) => <StateCell row={row} /> },
              { header: "Lần gửi", cell: (row) => row.version },
              ...KEY_FIGURES.map((k): ListColumn<Row> => ({
                header: KEY_FIGURE_LABELS[k],
                phoneWide: true,
                cell: (row) => (
                  <FigureCell
                    figure={k}
                    cell={row.figures[k]}
                    previousLabel={previousLabel}
                    links={linksOf(row, k)}
                  />
                ),
              })),
            ]}
          />
        </>
      ) : (
        <TableScroll label={TITLE}>
          <Table withTableBorder aria-label={TITLE} miw={980} data-testid="units-overview">
            <Table.Thead>
              <SortableHeaderRow columns={columns} sort={sort} onSort={setSort} />
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.unitId}>
                  <Table.Td>
                    <UnitName row={row} />
                  </Table.Td>
                  <Table.Td>
                    <StateCell row={row} />
                  </Table.Td>
                  <Table.Td ta="right">{row.version}</Table.Td>
                  {KEY_FIGURES.map((k) => {
                    const range = ranges.get(k)!;
                    return (
                      <Table.Td
                        key={k}
                        ta="right"
                        bg={scaleColour(row.figures[k].value, range, HIGHER_IS_BETTER[k])}
                      >
                        <FigureCell
                          figure={k}
                          cell={row.figures[k]}
                          previousLabel={previousLabel}
                          links={linksOf(row, k)}
                        />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Paper>
  );
}

/** A unit's name, a link to its latest report when it sent one. */
function UnitName({ row }: { row: Row }) {
  return row.reportId ? (
    <Anchor component={Link} to={reportPaths.detail(row.reportId)}>
      {row.name}
    </Anchor>
  ) : (
    row.name
  );
}

/** Where a unit's report stands: a badge, "Trễ hạn" when late, and the day it was sent. */
function StateCell({ row }: { row: Row }) {
  return (
    <>
      <Badge color={STATE_COLOR[row.state]} variant="light">
        {OVERVIEW_STATE_LABELS[row.state]}
      </Badge>
      {row.late && (
        <Text size="xs" c="red.9">
          Trễ hạn
        </Text>
      )}
      {row.submittedOn && (
        <Text size="xs" c="dimmed">
          Gửi {formatDate(row.submittedOn)}
        </Text>
      )}
    </>
  );
}
