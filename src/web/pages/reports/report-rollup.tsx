import { Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
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
import { TableScroll } from "../../components/table-scroll.tsx";
import { reportPaths } from "./report-paths.ts";
import { getRollup, rollupFileUrls } from "./reports.api.ts";

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
          <TableScroll label="Nhiệm vụ theo lĩnh vực">
            <Table striped withTableBorder aria-label="Nhiệm vụ theo lĩnh vực">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Lĩnh vực</Table.Th>
                  {TASK_BUCKETS.map((b) => (
                    <Table.Th key={b}>{TASK_BUCKET_LABELS[b]}</Table.Th>
                  ))}
                  <Table.Th>Tổng số</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[
                  ...data.totals.tasks.areas,
                  { key: "total", heading: "Tổng cộng", ...data.totals.tasks.total },
                ].map((area) => (
                  <Table.Tr key={area.key}>
                    <Table.Td>{area.heading}</Table.Td>
                    {TASK_BUCKETS.map((b) => (
                      <Table.Td key={b}>{area[b]}</Table.Td>
                    ))}
                    <Table.Td>{area.total}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Text size="sm">
            Hồ sơ đúng hạn: {rate(data.totals.oneStop.onTime)}; hồ sơ trực tuyến:{" "}
            {rate(data.totals.oneStop.online)}; phản ánh, kiến nghị đúng hạn:{" "}
            {rate(data.totals.feedback.onTime)}; hài lòng (SIPAS):{" "}
            {rate(data.totals.satisfaction.rate)}.
          </Text>
          <TableScroll label="Theo đơn vị">
            <Table striped withTableBorder aria-label="Theo đơn vị">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Đơn vị</Table.Th>
                  <Table.Th>Lần gửi</Table.Th>
                  <Table.Th>Tình trạng</Table.Th>
                  <Table.Th>Nhiệm vụ</Table.Th>
                  <Table.Th>Quá hạn</Table.Th>
                  <Table.Th>Hồ sơ đúng hạn</Table.Th>
                  <Table.Th>Chỉ số CCHC tự chấm</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.units.map((u) => (
                  <Table.Tr key={u.unitId}>
                    <Table.Td>
                      <Link to={reportPaths.detail(u.reportId)}>{u.name}</Link>
                    </Table.Td>
                    <Table.Td>{u.version}</Table.Td>
                    <Table.Td>{REPORT_STATUS_LABELS[u.review]}</Table.Td>
                    <Table.Td>{u.figures.tasks.total.total}</Table.Td>
                    <Table.Td>{u.figures.tasks.total.overdue}</Table.Td>
                    <Table.Td>{rate(u.figures.oneStop.onTime)}</Table.Td>
                    <Table.Td>{parScoreText(u.figures.par) ?? NO_DATA_TEXT}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Text size="sm">
            Chưa gửi ({data.missing.length}):{" "}
            {data.missing.map((u) => u.name).join("; ") || "không có"}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
