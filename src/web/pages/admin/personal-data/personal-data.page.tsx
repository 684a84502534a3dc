import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconDownload, IconEraser, IconSearch, IconShieldLock } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { STATE_LABELS, type DossierState } from "../../../../core/dossier/dossier-state.ts";
import {
  FEEDBACK_STATE_LABELS,
  type FeedbackState,
} from "../../../../core/feedback/feedback-state.ts";
import { errorMessage } from "../../../api/client.ts";
import {
  anonymisePerson,
  downloadPersonData,
  getRetentionStatus,
  lookUpPerson,
  runRetentionNow,
  type PersonData,
  type PersonLookup,
  type RetentionStatus,
} from "../../../api/personal-data.api.ts";
import { useMe } from "../../../auth/session.ts";
import { FormError } from "../../../components/form-error.tsx";
import { LoadingBlock } from "../../../components/loading-block.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { QueryError } from "../../../components/query-error.tsx";
import { TableScroll } from "../../../components/table-scroll.tsx";
import { formatDate, formatDateTime, formatNumber } from "../../../i18n/format.ts";
import { vi } from "../../../i18n/vi.ts";
import { ConfirmModal } from "../../plans/confirm-modal.tsx";

const TRIGGERS = { schedule: "tự động", admin: "quản trị viên", cli: "dòng lệnh" } as const;
const MATCHES = { phone: "Số điện thoại", id_number: "Số CMND/CCCD", name: "Họ tên" } as const;

function Retention({ status }: { status: RetentionStatus }) {
  const last = status.lastRun;
  return (
    <Stack gap="xs" data-testid="retention-status">
      <Text size="sm">
        Thời hạn lưu trữ đang áp dụng: hồ sơ <b>{status.policy.dossierYears} năm</b> kể từ ngày trả
        kết quả; phản ánh, kiến nghị <b>{status.policy.feedbackYears} năm</b> kể từ ngày kết thúc xử
        lý. Hết thời hạn, họ tên, số điện thoại, địa chỉ và nội dung được ẩn danh; mã, ngày, trạng
        thái và số liệu thống kê được giữ nguyên.
      </Text>
      {status.policyIsDefault ? (
        <Alert color="yellow" variant="light" data-testid="retention-inferred">
          Đây là thời hạn mặc định do CCHC suy luận, chưa căn cứ văn bản cụ thể (Nghị định
          13/2023/NĐ-CP chỉ yêu cầu không lưu lâu hơn mục đích cần, không nêu số năm cho hồ sơ một
          cửa hay phản ánh, kiến nghị). Hãy đối chiếu quy định lưu trữ của tỉnh rồi đặt
          CCHC_RETENTION_DOSSIER_YEARS và CCHC_RETENTION_FEEDBACK_YEARS.
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          Thời hạn do đơn vị đặt (CCHC_RETENTION_DOSSIER_YEARS, CCHC_RETENTION_FEEDBACK_YEARS).
        </Text>
      )}
      <Text size="sm">
        Đến hạn ẩn danh tính đến ngày {formatDate(status.asOf)}:{" "}
        <b>{formatNumber(status.due.dossier)}</b> hồ sơ (trả kết quả đến ngày{" "}
        {formatDate(status.closedOnOrBefore.dossier)}), <b>{formatNumber(status.due.feedback)}</b>{" "}
        phản ánh, kiến nghị (kết thúc đến ngày {formatDate(status.closedOnOrBefore.feedback)}). Đã
        ẩn danh: {formatNumber(status.anonymised.dossier)} hồ sơ,{" "}
        {formatNumber(status.anonymised.feedback)} phản ánh, kiến nghị.
      </Text>
      <Text size="sm">
        {status.everyHours > 0
          ? `Tự động chạy mỗi ${status.everyHours} giờ.`
          : "Chưa bật chạy tự động (đặt CCHC_RETENTION_EVERY_HOURS để bật)."}
      </Text>
      {last ? (
        <Alert
          color={last.error ? "red" : "green"}
          variant="light"
          role="status"
          data-testid="retention-last"
        >
          Lần chạy gần nhất ({TRIGGERS[last.trigger]}): {formatDateTime(last.startedAt)}, tính đến
          ngày {formatDate(last.asOf)} — {formatNumber(last.dossiers)} hồ sơ,{" "}
          {formatNumber(last.feedback)} phản ánh, kiến nghị được ẩn danh
          {last.error ? `; dừng vì lỗi ${last.error}` : ""}
          {last.finishedAt === null && !last.error ? " (đang chạy)" : ""}.
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          Chưa chạy lần nào.
        </Text>
      )}
    </Stack>
  );
}

function Results({ data }: { data: PersonData }) {
  return (
    <Stack gap="md" data-testid="person-results">
      <Text size="sm">
        Kết quả tra cứu theo {data.query}: {formatNumber(data.dossiers.length)} hồ sơ,{" "}
        {formatNumber(data.feedback.length)} phản ánh, kiến nghị.
      </Text>
      {data.truncated && (
        <Alert color="yellow" variant="light">
          Có quá nhiều bản ghi phù hợp, chỉ hiển thị một phần. Hãy thêm thông tin để thu hẹp.
        </Alert>
      )}
      <TableScroll label="Hồ sơ của người được tra cứu">
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Mã hồ sơ</Table.Th>
              <Table.Th>Đơn vị</Table.Th>
              <Table.Th>Thủ tục</Table.Th>
              <Table.Th>Trạng thái</Table.Th>
              <Table.Th>Tiếp nhận</Table.Th>
              <Table.Th>Trả kết quả</Table.Th>
              <Table.Th>Người nộp</Table.Th>
              <Table.Th>Số điện thoại</Table.Th>
              <Table.Th>Địa chỉ</Table.Th>
              <Table.Th>Số định danh / CMND / Hộ chiếu</Table.Th>
              <Table.Th>Tìm thấy theo</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.dossiers.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={11}>Không có hồ sơ nào.</Table.Td>
              </Table.Tr>
            )}
            {data.dossiers.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>{d.code}</Table.Td>
                <Table.Td>{d.unitName}</Table.Td>
                <Table.Td>{d.procedureName}</Table.Td>
                <Table.Td>
                  {STATE_LABELS[d.state as DossierState] ?? d.state}
                  {d.anonymised && (
                    <Badge ml="xs" color="gray" variant="light">
                      Đã ẩn danh
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{formatDateTime(d.receivedAt)}</Table.Td>
                <Table.Td>{formatDateTime(d.returnedAt)}</Table.Td>
                <Table.Td>{d.applicantName}</Table.Td>
                <Table.Td>{d.applicantPhone}</Table.Td>
                <Table.Td>{d.applicantAddress ?? ""}</Table.Td>
                <Table.Td>{d.applicantIdNumber ?? ""}</Table.Td>
                <Table.Td>{d.matchedBy.map((m) => MATCHES[m]).join(", ")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <TableScroll label="Phản ánh, kiến nghị của người được tra cứu">
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Mã phản ánh</Table.Th>
              <Table.Th>Đơn vị</Table.Th>
              <Table.Th>Trạng thái</Table.Th>
              <Table.Th>Tiếp nhận</Table.Th>
              <Table.Th>Người gửi</Table.Th>
              <Table.Th>Số điện thoại</Table.Th>
              <Table.Th>Tiêu đề</Table.Th>
              <Table.Th>Tìm thấy theo</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.feedback.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={8}>Không có phản ánh, kiến nghị nào.</Table.Td>
              </Table.Tr>
            )}
            {data.feedback.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>{f.code}</Table.Td>
                <Table.Td>{f.unitName}</Table.Td>
                <Table.Td>
                  {FEEDBACK_STATE_LABELS[f.state as FeedbackState] ?? f.state}
                  {f.anonymised && (
                    <Badge ml="xs" color="gray" variant="light">
                      Đã ẩn danh
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{formatDateTime(f.receivedAt)}</Table.Td>
                <Table.Td>{f.senderName}</Table.Td>
                <Table.Td>{f.senderPhone}</Table.Td>
                <Table.Td>{f.title}</Table.Td>
                <Table.Td>{f.matchedBy.map((m) => MATCHES[m]).join(", ")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}

/**
 * "Ẩn danh theo yêu cầu": every record the lookup showed that is not anonymised yet, all or none
 * (the server refuses while one is still open, naming it), with the request's reason.
 */
function AnonymiseOnRequest({
  asked,
  data,
  onDone,
}: {
  asked: PersonLookup;
  data: PersonData;
  onDone: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const dossierIds = data.dossiers.filter((d) => !d.anonymised).map((d) => d.id);
  const feedbackIds = data.feedback.filter((f) => !f.anonymised).map((f) => f.id);
  const run = useMutation({
    mutationFn: () => anonymisePerson({ ...asked, reason, dossierIds, feedbackIds }),
    onSuccess: (result) => {
      setOpen(false);
      setReason("");
      onDone(
        `Đã ẩn danh theo yêu cầu ${formatNumber(result.anonymised.dossier)} hồ sơ và ${formatNumber(result.anonymised.feedback)} phản ánh, kiến nghị.`,
      );
    },
  });
  if (dossierIds.length + feedbackIds.length === 0) return null;
  return (
    <>
      <Button
        color="red"
        variant="light"
        leftSection={<IconEraser size={16} aria-hidden="true" />}
        onClick={() => {
          run.reset();
          setOpen(true);
        }}
      >
        Ẩn danh theo yêu cầu
      </Button>
      {open && (
        <Modal opened onClose={() => setOpen(false)} title="Ẩn danh theo yêu cầu của người dân">
          <Stack gap="md">
            <FormError error={run.error} />
            <Text size="sm">
              Ẩn danh {formatNumber(dossierIds.length)} hồ sơ và {formatNumber(feedbackIds.length)}{" "}
              phản ánh, kiến nghị trong kết quả tra cứu: họ tên, số điện thoại, địa chỉ, nội dung và
              ghi chú được thay bằng “[đã ẩn danh]”; mã, ngày, trạng thái và số liệu thống kê được
              giữ nguyên. Chỉ thực hiện được khi tất cả đã kết thúc. Không thể hoàn tác.
            </Text>
            <Textarea
              label="Lý do (số, ngày của đơn yêu cầu)"
              required
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {vi.common.cancel}
              </Button>
              <Button
                color="red"
                loading={run.isPending}
                disabled={reason.trim().length < 5}
                onClick={() => run.mutate()}
              >
                Ẩn danh
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}

function PersonLookupForm() {
  const [form, setForm] = useState({ phone: "", idNumber: "", name: "" });
  const [asked, setAsked] = useState<PersonLookup | null>(null);
  const [anonymised, setAnonymised] = useState<string | null>(null);
  const lookup = useMutation({ mutationFn: lookUpPerson });
  const download = useMutation({ mutationFn: downloadPersonData });
  const query = (): PersonLookup => {
    const out: PersonLookup = {};
    if (form.phone.trim()) out.phone = form.phone.trim();
    if (form.idNumber.trim()) out.idNumber = form.idNumber.trim();
    if (form.name.trim()) out.name = form.name.trim();
    return out;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = query();
    setAsked(q);
    setAnonymised(null);
    download.reset();
    lookup.mutate(q);
  };
  const set = (key: keyof typeof form) => (event: { currentTarget: HTMLInputElement }) =>
    setForm((current) => ({ ...current, [key]: event.currentTarget.value }));
  return (
    <Stack gap="md">
      <Text size="sm">
        Theo yêu cầu của chủ thể dữ liệu: tìm mọi hồ sơ và phản ánh, kiến nghị của một người trong
        phạm vi đơn vị bạn quản trị, theo số điện thoại (mọi cách viết, kể cả +84), số CMND/CCCD/hộ
        chiếu (của người nộp hồ sơ, và trong nội dung phản ánh) hoặc họ tên đầy đủ (có dấu hoặc
        không dấu). Kết quả hiển thị đầy đủ dữ liệu cá nhân; mỗi lần tra cứu và xuất tệp đều được
        ghi nhật ký (chỉ ghi thông tin tra cứu đã che).
      </Text>
      <form onSubmit={submit} aria-label="Tra cứu dữ liệu của một người">
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Số điện thoại" value={form.phone} onChange={set("phone")} />
          <TextInput
            label="Số CMND/CCCD/hộ chiếu"
            value={form.idNumber}
            onChange={set("idNumber")}
          />
          <TextInput label="Họ tên" value={form.name} onChange={set("name")} />
          <Button
            type="submit"
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            loading={lookup.isPending}
          >
            Tra cứu
          </Button>
        </Group>
      </form>
      {lookup.isError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(lookup.error)}
        </Alert>
      )}
      {lookup.data && asked && (
        <>
          <Group>
            <Button
              variant="light"
              leftSection={<IconDownload size={16} aria-hidden="true" />}
              loading={download.isPending}
              onClick={() => download.mutate(asked)}
            >
              Tải tệp Excel
            </Button>
            <AnonymiseOnRequest
              asked={asked}
              data={lookup.data}
              onDone={(message) => {
                setAnonymised(message);
                lookup.mutate(asked);
              }}
            />
          </Group>
          {anonymised && (
            <Alert color="green" variant="light" role="status">
              {anonymised}
            </Alert>
          )}
          {download.isError && (
            <Alert color="red" variant="light" role="alert">
              {download.error instanceof Error ? download.error.message : errorMessage(null)}
            </Alert>
          )}
          <Results data={lookup.data} />
        </>
      )}
    </Stack>
  );
}

/**
 * Dữ liệu cá nhân: the retention periods in force and what is due, the last run and "Chạy ngay";
 * one person's records looked up and exported (a data subject's request).
 */
export function PersonalDataPage() {
  const client = useQueryClient();
  // Retention runs over the whole installation: an administrator of one province may look up and
  // anonymise people, but the retention card is for the installation's administrators only (the
  // session says which; the others never ask for it).
  const retentionNotMine = !useMe().can.manageRetention;
  const status = useQuery({
    queryKey: ["personal-data-retention"],
    queryFn: getRetentionStatus,
    enabled: !retentionNotMine,
  });
  const [confirming, setConfirming] = useState(false);
  const [ran, setRan] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Dữ liệu cá nhân"
        description="Thời hạn lưu trữ và ẩn danh dữ liệu cá nhân của người dân (Nghị định 13/2023/NĐ-CP); tra cứu, xuất và ẩn danh theo yêu cầu dữ liệu của một người."
        actions={
          retentionNotMine ? undefined : (
            <Button
              color="red"
              leftSection={<IconShieldLock size={16} aria-hidden="true" />}
              onClick={() => setConfirming(true)}
              disabled={!status.data}
            >
              Chạy ngay
            </Button>
          )
        }
      />
      {confirming && status.data && (
        <ConfirmModal
          title="Ẩn danh dữ liệu đã hết thời hạn"
          text={`Ẩn danh ngay ${formatNumber(status.data.due.dossier)} hồ sơ và ${formatNumber(status.data.due.feedback)} phản ánh, kiến nghị đã hết thời hạn lưu trữ? Không thể hoàn tác.`}
          confirmLabel="Ẩn danh"
          color="red"
          action={runRetentionNow}
          onDone={async (result) => {
            const run = result as Awaited<ReturnType<typeof runRetentionNow>>;
            setRan(
              `Đã ẩn danh ${formatNumber(run.anonymised.dossier)} hồ sơ và ${formatNumber(run.anonymised.feedback)} phản ánh, kiến nghị.`,
            );
            setConfirming(false);
            await client.invalidateQueries({ queryKey: ["personal-data-retention"] });
          }}
          onClose={() => setConfirming(false)}
        />
      )}
      <Stack gap="lg">
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Thời hạn lưu trữ
          </Title>
          {ran && (
            <Alert color="green" variant="light" role="status" mb="sm">
              {ran}
            </Alert>
          )}
          {!retentionNotMine && status.isPending && <LoadingBlock />}
          {retentionNotMine ? (
            <Text size="sm" data-testid="retention-not-mine">
              Thời hạn lưu trữ và việc ẩn danh định kỳ do quản trị viên hệ thống quản lý cho toàn bộ
              hệ thống; tài khoản này chỉ tra cứu, xuất và ẩn danh theo yêu cầu dữ liệu của một
              người.
            </Text>
          ) : (
            status.isError && <QueryError error={status.error} />
          )}
          {status.data && <Retention status={status.data} />}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Tra cứu dữ liệu của một người
          </Title>
          <PersonLookupForm />
        </Card>
      </Stack>
    </>
  );
}
