import { Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import {
  NO_DATA_TEXT,
  parScoreText,
  TASK_BUCKETS,
  TASK_BUCKET_LABELS,
} from "../../../core/report/report-figures.ts";
import { REPORT_STATUS_LABELS } from "../../../core/report/report-workflow.ts";
import { formatRate } from "../../../core/text/number-format.ts";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { DataList, type ListColumn } from "../../components/data-list.tsx";
import { reportPaths } from "./report-paths.ts";
import { getRollup, rollupFileUrls } from "./reports.api.ts";

type AreaRow = Awaited<ReturnType<typeof getRollup>>["totals"]["tasks"]["areas"][number];

const rate = (r: { numerator: number; denominator: number }) =>
  `${formatRate(r.numerator, r.denominator)} (${r.numerator}/${r.denominator})`;

/**
 * The upper level's consolidated report for a kind and period: sums over its units' submitted
 * and accepted versions, rates from summed numerators and denominators, one row per unit, and
 * the units that have not sent one.
 */
export function ReportRollup({
  unitId,
  kindId,
  periodKey,
}: {
  unitId: string;
  kindId: string;
  periodKey: string;
}) {
  const rollup = useQuery({
    queryKey: ["reports", "rollup", unitId, kindId, periodKey],
    queryFn: () => getRollup(unitId, kindId, periodKey),
  });
  const data = rollup.data;
  return (
    <Paper withBorder p="md" mb="md">
      <Title order={2} size="h4" mb="sm">
        Báo cáo tổng hợp từ các đơn vị trực thuộc
      </Title>
      {rollup.isPending && <LoadingBlock />}
      {rollup.isError && <QueryError error={rollup.error} onRetry={() => void rollup.refetch()} />}
      {data && (
        <Stack gap="sm">
          <Group gap="xs">
            <Button
              variant="default"
              component="a"
              href={rollupFileUrls.word(unitId, kindId, periodKey)}
              download
            >
              Tải báo cáo tổng hợp (Word)
            </Button>
            <Button
              variant="default"
              component="a"
              href={rollupFileUrls.excel(unitId, kindId, periodKey)}
              download
            >
              Tải phụ lục tổng hợp (Excel)
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            Tính từ các phiên bản đã gửi hoặc đã tiếp nhận; tỷ lệ tính lại từ tổng tử số và tổng mẫu
            số, không lấy trung bình các tỷ lệ.
          </Text>
          <DataList
            label="Nhiệm vụ theo lĩnh vực"
            withTableBorder
            rows={[
              ...data.totals.tasks.areas,
              { key: "total", heading: "Tổng cộng", ...data.totals.tasks.total },
            ]}
            rowKey={(area) => area.key}
            columns={[
              { header: "Lĩnh vực", phone: "title", cell: (area) => area.heading },
              ...TASK_BUCKETS.map((b): ListColumn<AreaRow> => ({
                header: TASK_BUCKET_LABELS[b],
                cell: (area) => area[b],
              })),
              { header: "Tổng số", cell: (area) => area.total },
            ]}
          />
          <Text size="sm">
            Hồ sơ đúng hạn: {rate(data.totals.oneStop.onTime)}; hồ sơ trực tuyến:{" "}
            {rate(data.totals.oneStop.online)}; phản ánh, kiến nghị đúng hạn:{" "}
            {rate(data.totals.feedback.onTime)}; hài lòng (SIPAS):{" "}
            {rate(data.totals.satisfaction.rate)}.
          </Text>
          <DataList
            label="Theo đơn vị"
            withTableBorder
            rows={data.units}
            rowKey={(u) => u.unitId}
            columns={[
              {
                header: "Đơn vị",
                phone: "title",
                cell: (u) => <Link to={reportPaths.detail(u.reportId)}>{u.name}</Link>,
              },
              { header: "Lần gửi", cell: (u) => u.version },
              { header: "Tình trạng", cell: (u) => REPORT_STATUS_LABELS[u.review] },
              { header: "Nhiệm vụ", cell: (u) => u.figures.tasks.total.total },
              { header: "Quá hạn", cell: (u) => u.figures.tasks.total.overdue },
              { header: "Hồ sơ đúng hạn", cell: (u) => rate(u.figures.oneStop.onTime) },
              {
                header: "Chỉ số CCHC tự chấm",
                cell: (u) => parScoreText(u.figures.par) ?? NO_DATA_TEXT,
              },
            ]}
          />
          <Text size="sm">
            Chưa gửi ({data.missing.length}):{" "}
            {data.missing.map((u) => u.name).join("; ") || "không có"}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
