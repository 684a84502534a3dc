import { Text } from "@mantine/core";
import { useElementSize } from "@mantine/hooks";
import { useEffect, useRef, useState } from "react";
import type { EChartsCoreOption } from "./echarts-setup.ts";
import { viDashboard as t } from "./vi-dashboard.ts";

type ChartModule = typeof import("./echarts-setup.ts");
let loading: Promise<ChartModule> | undefined;
/** ECharts, fetched once, the first time a page draws a chart. */
function loadCharts(): Promise<ChartModule> {
  loading ??= import("./echarts-setup.ts");
  return loading;
}

/**
 * A chart drawn with ECharts loaded on demand. It is hidden from screen readers: every chart
 * stands beside a table of the same numbers (`label` names that table's subject).
 */
export function LazyChart({
  option,
  height = 320,
  label,
  testId,
}: {
  option: EChartsCoreOption;
  height?: number;
  label: string;
  testId?: string;
}) {
  const { ref: sizeRef, width } = useElementSize();
  const host = useRef<HTMLDivElement | null>(null);
  const chart = useRef<ReturnType<ChartModule["echarts"]["init"]> | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void loadCharts().then(({ echarts }) => {
      if (cancelled || !host.current) return;
      chart.current = echarts.init(host.current, undefined, { renderer: "svg", locale: "EN" });
      setReady(true);
    });
    return () => {
      cancelled = true;
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.setOption(option, { notMerge: true });
  }, [ready, option]);

  useEffect(() => {
    if (ready && width > 0) chart.current?.resize();
  }, [ready, width]);

  return (
    <div ref={sizeRef} style={{ width: "100%" }}>
      {!ready && (
        <Text size="sm" c="dimmed">
          {t.chartLoading}
        </Text>
      )}
      <div
        ref={host}
        aria-hidden="true"
        title={label}
        data-testid={testId}
        style={{ width: "100%", height }}
      />
    </div>
  );
}
