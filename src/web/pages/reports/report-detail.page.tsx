import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import {
  NARRATIVE_SECTIONS,
  NARRATIVE_SECTION_LABELS,
  NO_DATA_TEXT,
  parScoreText,
  pointsText,
  TASK_BUCKETS,
  TASK_BUCKET_LABELS,
  type ReportFigures,
} from "../../../core/report/report-figures.ts";
import { REPORT_STATUS_LABELS } from "../../../core/report/report-workflow.ts";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { notifyError, notifySuccess } from "../../components/notify.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { RecordQueryError } from "../../components/record-query-error.tsx";
import { vi } from "../../i18n/vi.ts";
import { reportPaths } from "./report-paths.ts";
import { DataList, type ListColumn } from "../../components/data-list.tsx";
import { formatDate, formatDateTime } from "../../i18n/format.ts";
import {
  getChanges,
  getReport,
  reportFileUrls,
  reportKeys,
  reviewReport,
  saveNarrative,
  submitReport,
} from "./reports.api.ts";
import { FederationSendPanel } from "./federation-send-panel.tsx";

type TaskArea = ReportFigures["tasks"]["areas"][number];
type ParArea = NonNullable<ReportFigures["par"]>["areas"][number];

const percent = (r: { numerator: number; denominator: number }) =>
  r.denominator === 0
    ? "không phát sinh"
    : `${((r.numerator / r.denominator) * 100).toFixed(2).replace(".", ",")}%`;

function Figures({ f }: { f: ReportFigures }) {
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Số liệu (tại ngày {formatDate(f.period.asOf)})
      </Title>
      {f.tasks.available ? (
        <DataList
          label="Nhiệm vụ theo lĩnh vực"
          withTableBorder
          rows={[...f.tasks.areas, { key: "total", heading: "Tổng", ...f.tasks.total }]}
          rowKey={(a) => a.key}
          columns={[
            { header: "Lĩnh vực", phone: "title", cell: (a) => a.heading },
            ...TASK_BUCKETS.map((b): ListColumn<TaskArea> => ({
              header: TASK_BUCKET_LABELS[b],
              align: "right",
              cell: (a) => a[b],
            })),
            { header: "Tổng số", align: "right", cell: (a) => a.total },
          ]}
        />
      ) : (
        <Text c="dimmed">Nhiệm vụ: {NO_DATA_TEXT.toLowerCase()}.</Text>
      )}
      <Text size="sm">
        Một cửa:{" "}
        {f.oneStop.available
          ? `tiếp nhận ${f.oneStop.received}, giải quyết ${f.oneStop.resolved}, đúng hạn ${percent(f.oneStop.onTime)}`
          : NO_DATA_TEXT.toLowerCase()}
      </Text>
      <Text size="sm">
        Phản ánh, kiến nghị:{" "}
        {f.feedback.available
          ? `tiếp nhận ${f.feedback.received}, đúng hạn ${percent(f.feedback.onTime)}`
          : NO_DATA_TEXT.toLowerCase()}
      </Text>
      <Text size="sm">
        Hài lòng (SIPAS):{" "}
        {f.satisfaction.available ? percent(f.satisfaction.rate) : NO_DATA_TEXT.toLowerCase()}
      </Text>
      <Text size="sm">
        Chỉ số 766:{" "}
        {f.serviceIndex766.available && f.serviceIndex766.total !== null
          ? String(f.serviceIndex766.total).replace(".", ",")
          : NO_DATA_TEXT.toLowerCase()}
      </Text>
      {f.par && <ParFigures par={f.par} />}
    </Stack>
  );
}

/** The PAR self-score of the year so far: total and per area against the maxima. */
function ParFigures({ par }: { par: NonNullable<ReportFigures["par"]> }) {
  const score = parScoreText(par);
  if (score === null) {
    return (
      <Text size="sm">
        Chỉ số CCHC tự chấm năm {par.year}: {NO_DATA_TEXT.toLowerCase()} (chưa mở phiếu tự chấm).
      </Text>
    );
  }
  return (
    <>
      <Text size="sm">
        Chỉ số CCHC tự chấm năm {par.year} (đến ngày chốt số liệu): {score}
        {par.appraisedTotal !== null && `; thẩm định ${pointsText(par.appraisedTotal)} điểm`}
      </Text>
      <DataList
        label="Chỉ số CCHC theo lĩnh vực"
        withTableBorder
        rows={par.areas}
        rowKey={(area) => area.code}
        columns={[
          { header: "Lĩnh vực", phone: "title", cell: (area) => area.name },
          { header: "Điểm tối đa", align: "right", cell: (area) => pointsText(area.max) },
          { header: "Điểm tự chấm", align: "right", cell: (area) => pointsText(area.selfPoints) },
          ...(par.appraisedTotal === null
            ? []
            : [
                {
                  header: "Điểm thẩm định",
                  align: "right",
                  cell: (area) =>
                    area.appraisedPoints === null ? "" : pointsText(area.appraisedPoints),
                } satisfies ListColumn<ParArea>,
              ]),
        ]}
      />
    </>
  );
}

/** One report: figures, the narrative sections, submission and review, versions and changes. */
export function ReportDetailPage() {
  const { id = "" } = useParams();
  const queryClient = useQueryClient();
  const report = useQuery({ queryKey: ["reports", "detail", id], queryFn: () => getReport(id) });
  const changes = useQuery({
    queryKey: ["reports", "changes", id],
    queryFn: () => getChanges(id),
    enabled: (report.data?.data.version ?? 0) > 1,
  });
  const [narrative, setNarrative] = useState<Record<string, string>>({});
  const [comment, setComment] = useState("");
  useEffect(() => {
    if (report.data) setNarrative(report.data.data.narrative);
  }, [report.data]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: reportKeys.all });
  const act = useMutation({
    mutationFn: async (action: "save" | "submit" | "accept" | "return") => {
      if (action === "save") return saveNarrative(id, narrative);
      if (action === "submit") {
        await saveNarrative(id, narrative);
        return submitReport(id);
      }
      return reviewReport(id, action, action === "return" ? comment : null);
    },
    onSuccess: async () => {
      notifySuccess("Đã lưu.");
      await refresh();
    },
    onError: notifyError,
  });
  if (report.isPending) return <LoadingBlock />;
  if (report.isError) {
    return (
      <RecordQueryError
        error={report.error}
        onRetry={() => void report.refetch()}
        backTo={reportPaths.calendar}
        backLabel={vi.nav.reports}
      />
    );
  }
  const { data, can } = report.data;
  return (
    <>
      <PageHeader
        title={`${data.kind.name} — ${data.periodLabel}`}
        description={`${data.unit.name}; kỳ từ ${formatDate(data.periodFrom)} đến ${formatDate(data.periodTo)}; hạn nộp ${formatDate(data.dueDate)}.`}
        actions={
          <Group gap="xs">
            <Badge size="lg" variant="light">
              {REPORT_STATUS_LABELS[data.status]}
              {data.version > 0 ? ` — lần ${data.version}` : ""}
            </Badge>
            <Button variant="default" component="a" href={reportFileUrls.word(data.id)} download>
              Tải báo cáo (Word)
            </Button>
            <Button variant="default" component="a" href={reportFileUrls.excel(data.id)} download>
              Tải phụ lục (Excel)
            </Button>
            <Button variant="default" component="a" href={reportFileUrls.pdf(data.id)} download>
              Tải PDF
            </Button>
          </Group>
        }
      />
      {!data.live && (
        <Alert color="blue" mb="md">
          Số liệu đã chốt khi gửi (phiên bản {data.version}); thay đổi sau đó không làm thay đổi báo
          cáo này.
        </Alert>
      )}
      <Paper withBorder p="md" mb="md">
        <Figures f={data.figures} />
      </Paper>
      <Paper withBorder p="md" mb="md">
        <Stack gap="sm">
          {NARRATIVE_SECTIONS.map((section) => (
            <Textarea
              key={section}
              label={NARRATIVE_SECTION_LABELS[section]}
              autosize
              minRows={3}
              value={narrative[section] ?? ""}
              readOnly={!can.edit}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setNarrative((n) => ({ ...n, [section]: value }));
              }}
            />
          ))}
          <Group justify="flex-end">
            {can.edit && (
              <Button variant="default" onClick={() => act.mutate("save")} loading={act.isPending}>
                Lưu nội dung
              </Button>
            )}
            {can.submit && (
              <Button onClick={() => act.mutate("submit")} loading={act.isPending}>
                Gửi cấp trên
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
      <FederationSendPanel reportId={data.id} version={data.version} />
      {can.review && (
        <Paper withBorder p="md" mb="md">
          <Stack gap="sm">
            <Textarea
              label="Ý kiến khi trả lại"
              value={comment}
              onChange={(event) => setComment(event.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button color="orange" variant="light" onClick={() => act.mutate("return")}>
                Trả lại
              </Button>
              <Button color="green" onClick={() => act.mutate("accept")}>
                Tiếp nhận
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {data.versions.length > 0 && (
        <Paper withBorder p="md" mb="md">
          <Title order={2} size="h4" mb="sm">
            Các lần gửi
          </Title>
          {data.versions.map((v) => (
            <Text key={v.version} size="sm">
              Lần {v.version}: {v.submittedByName}, {formatDateTime(v.submittedAt)}
              {v.review === "returned" && ` — bị trả lại: ${v.reviewComment ?? ""}`}
              {v.review === "accepted" && " — đã tiếp nhận"}
              {" — "}
              <Anchor href={reportFileUrls.word(data.id, v.version)} download>
                Word
              </Anchor>
              {", "}
              <Anchor href={reportFileUrls.excel(data.id, v.version)} download>
                Excel
              </Anchor>
              {", "}
              <Anchor href={reportFileUrls.pdf(data.id, v.version)} download>
                PDF
              </Anchor>
            </Text>
          ))}
          {changes.data && changes.data.changes.length > 0 && (
            <>
              <Title order={3} size="h5" mt="sm">
                Thay đổi so với lần {changes.data.from}
              </Title>
              {changes.data.changes.map((c) => (
                <Text key={c.path} size="sm">
                  {c.label}: {c.before} → {c.after}
                </Text>
              ))}
            </>
          )}
        </Paper>
      )}
    </>
  );
}
