import { Alert, Anchor, Button, Code, Stack, Table, Text } from "@mantine/core";
import { IconDatabaseExport } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  backupDownloadUrl,
  createBackupNow,
  getBackups,
  type BackupOutcome,
} from "../../../api/backups.api.ts";
import { errorMessage } from "../../../api/client.ts";
import { LoadingBlock } from "../../../components/loading-block.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { QueryError } from "../../../components/query-error.tsx";
import { TableScroll } from "../../../components/table-scroll.tsx";
import { formatDateTime, formatDecimal } from "../../../i18n/format.ts";

const megabytes = (bytes: number) => `${formatDecimal(bytes / 1024 / 1024)} MB`;

function LastOutcome({ outcome }: { outcome: BackupOutcome }) {
  const how = outcome.trigger === "schedule" ? "tự động" : "thủ công";
  return outcome.ok ? (
    <Alert color="green" variant="light" role="status" data-testid="backup-last">
      Lần sao lưu gần nhất ({how}): {formatDateTime(outcome.at)} — thành công, tệp {outcome.name} (
      {megabytes(outcome.sizeBytes ?? 0)}, {formatDecimal(outcome.durationMs / 1000)} giây).
    </Alert>
  ) : (
    <Alert color="red" variant="light" role="alert" data-testid="backup-last">
      Lần sao lưu gần nhất ({how}): {formatDateTime(outcome.at)} — thất bại: {outcome.error}
    </Alert>
  );
}

/** Sao lưu dữ liệu: the installation's backups, the schedule, the last result, "Sao lưu ngay". */
export function BackupsPage() {
  const client = useQueryClient();
  const overview = useQuery({ queryKey: ["backups"], queryFn: getBackups });
  const backup = useMutation({
    mutationFn: createBackupNow,
    onSettled: () => client.invalidateQueries({ queryKey: ["backups"] }),
  });
  const data = overview.data;
  return (
    <>
      <PageHeader
        title="Sao lưu dữ liệu"
        description="Bản sao lưu gồm toàn bộ cơ sở dữ liệu và các tệp (tài liệu kiểm chứng, tệp nhập), kèm mã kiểm tra SHA-256 của từng phần."
        actions={
          <Button
            leftSection={<IconDatabaseExport size={16} aria-hidden="true" />}
            onClick={() => backup.mutate()}
            loading={backup.isPending}
          >
            Sao lưu ngay
          </Button>
        }
      />
      {backup.isError && (
        <Alert color="red" variant="light" role="alert" mb="md">
          {errorMessage(backup.error)}
        </Alert>
      )}
      {overview.isPending && <LoadingBlock />}
      {overview.isError && <QueryError error={overview.error} />}
      {data && (
        <Stack gap="md">
          <Text size="sm">
            {data.schedule.everyHours > 0
              ? `Tự động sao lưu mỗi ${data.schedule.everyHours} giờ, giữ ${data.schedule.keep} bản gần nhất (CCHC_BACKUP_EVERY_HOURS, CCHC_BACKUP_KEEP).`
              : "Chưa bật sao lưu tự động (đặt CCHC_BACKUP_EVERY_HOURS để bật)."}
          </Text>
          {data.last && <LastOutcome outcome={data.last} />}
          <TableScroll label="Các bản sao lưu">
            <Table striped data-testid="backup-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Tệp sao lưu</Table.Th>
                  <Table.Th>Thời điểm</Table.Th>
                  <Table.Th ta="right">Dung lượng</Table.Th>
                  <Table.Th>Tải về</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.backups.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={4}>Chưa có bản sao lưu nào.</Table.Td>
                  </Table.Tr>
                )}
                {data.backups.map((file) => (
                  <Table.Tr key={file.name}>
                    <Table.Td>
                      <Code>{file.name}</Code>
                    </Table.Td>
                    <Table.Td>{formatDateTime(file.createdAt)}</Table.Td>
                    <Table.Td ta="right">{megabytes(file.sizeBytes)}</Table.Td>
                    <Table.Td>
                      <Anchor href={backupDownloadUrl(file.name)} download>
                        Tải về
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Text size="sm" c="dimmed">
            Khôi phục: dừng máy chủ rồi chạy <Code>npx cchc restore TỆP</Code>. Bản sao lưu được
            kiểm tra toàn bộ mã kiểm tra trước khi ghi bất cứ dữ liệu nào.
          </Text>
        </Stack>
      )}
    </>
  );
}
