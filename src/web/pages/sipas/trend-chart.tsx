import { Text } from "@mantine/core";
import { useMemo } from "react";
import { formatDecimal } from "../../i18n/format.ts";
import { LazyChart } from "../dashboard/lazy-chart.tsx";
import type { SipasTrendView } from "./sipas.api.ts";
import { viSipas as t } from "./vi-sipas.ts";

type Row = SipasTrendView["rows"][number];
type Figure = Row["overall"];

/** The three indices drawn as lines, each with its colour (the table below has the same rows). */
export const TREND_SERIES = [
  { key: "overall", name: t.overall, color: "#1769b4" },
  { key: "service", name: t.service, color: "#2b8a3e" },
  { key: "policy", name: t.policy, color: "#862e9c" },
] as const satisfies readonly { key: keyof Row; name: string; color: string }[];

/**
 * A point of a line: filled where the period's sample reaches the questionnaire's minimum,
 * hollow and larger where it does not (the table below says "Mẫu nhỏ" on the same rows).
 */
function point(figure: Figure) {
  const value = figure.percent === null ? null : Math.round(figure.percent * 100) / 100;
  return figure.isSmallSample
    ? { value, symbol: "emptyCircle", symbolSize: 12, itemStyle: { borderWidth: 2 } }
    : { value, symbol: "circle", symbolSize: 8 };
}

interface TooltipLine {
  dataIndex: number;
  seriesIndex: number;
  seriesName: string;
  marker: string;
  value: number | null;
}

/**
 * The SIPAS indices per month or quarter as lines on a 0–100 % axis, drawn by the dashboards'
 * chart piece (ECharts fetched on demand, hidden from screen readers: the trend table stands
 * below it with the same numbers).
 */
export function SipasTrendChart({ trend }: { trend: SipasTrendView }) {
  const { rows, minSample } = trend;
  const option = useMemo(
    () => ({
      // The legend wraps to a second line at phone width; the grid leaves room for it.
      grid: { left: 8, right: 16, top: 64, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: "axis",
        formatter: (lines: TooltipLine[]) => {
          const row = rows[lines[0]?.dataIndex ?? 0];
          if (!row) return "";
          return [
            row.label,
            ...lines.map((line) => {
              const figure = row[TREND_SERIES[line.seriesIndex]!.key];
              const value =
                figure.percent === null ? t.noAnswers : `${formatDecimal(figure.percent)} %`;
              const sample = t.chartSample(figure.respondents, figure.isSmallSample, minSample);
              return `${line.marker}${line.seriesName}: ${value} (${sample})`;
            }),
          ].join("<br/>");
        },
      },
      xAxis: { type: "category", data: rows.map((row) => row.label) },
      yAxis: {
        type: "value",
        min: 0,
        max: 100,
        axisLabel: { formatter: "{value} %" },
      },
      series: TREND_SERIES.map((series) => ({
        name: series.name,
        type: "line",
        color: series.color,
        // Filled by default (the legend's marks too); a small sample's point is hollow.
        symbol: "circle",
        connectNulls: false,
        data: rows.map((row) => point(row[series.key])),
      })),
    }),
    [rows, minSample],
  );
  const small = rows.filter((row) => row.overall.isSmallSample).length;
  return (
    <>
      <LazyChart option={option} label={t.chartLabel} testId="sipas-trend-chart" />
      <Text size="xs" c="dimmed" mt={4} mb="sm" data-testid="sipas-trend-note">
        {t.chartNote(minSample)}
        {small > 0 ? ` ${t.chartSmallCount(small, rows.length)}` : ""}
      </Text>
    </>
  );
}
