import { uploadProblem } from "../../../core/files/upload-limits.ts";
import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  List,
  Modal,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { IconDownload, IconTableImport } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { requestData } from "../../api/client.ts";
import { FormError } from "../../components/form-error.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { TableScroll } from "../../components/table-scroll.tsx";
import { vi } from "../../i18n/vi.ts";

/** Labels of the "Cập nhật qua Excel" dialog. */
const t = {
  open: "Cập nhật qua Excel",
  title: "Cập nhật nhiệm vụ qua Excel",
  steps:
    "1. Tải tệp Excel danh sách nhiệm vụ. 2. Sửa các cột Trạng thái, Tiến độ (%), Ngày hoàn thành, Lý do, Ghi chú. 3. Tải tệp lên, xem trước thay đổi rồi xác nhận.",
  download: "Tải tệp Excel nhiệm vụ",
  file: "Tệp Excel đã sửa (.xlsx)",
  filePlaceholder: "Chọn tệp .xlsx",
  preview: "Xem trước thay đổi",
  apply: "Xác nhận cập nhật",
  cancel: "Đóng",
  summary: (changed: number, unchanged: number, problems: number) =>
    `${changed} nhiệm vụ thay đổi, ${unchanged} không đổi, ${problems} lỗi.`,
  problemsTitle: "Tệp có lỗi — sửa rồi tải lên lại; chưa có thay đổi nào được lưu",
  nothing: "Tệp không có thay đổi nào so với kế hoạch.",
  tableLabel: "Thay đổi sẽ được cập nhật",
  columns: ["Dòng", "TT", "Nội dung", "Thay đổi"],
  empty: "(trống)",
  done: (n: number) => `Đã cập nhật ${n} nhiệm vụ từ tệp Excel.`,
};

interface SheetProblem {
  row: number;
  column: string | null;
  message: string;
}

interface SheetPreview {
  rows: {
    row: number;
    taskId: string | null;
    ref: string | null;
    text: string;
    changes: {
      field: string;
      column: string;
      from: string | number | null;
      to: string | number | null;
    }[];
    problems: SheetProblem[];
  }[];
  problems: SheetProblem[];
  changed: number;
  unchanged: number;
  canApply: boolean;
}

function formOf(file: File) {
  const form = new FormData();
  form.append("file", file, file.name);
  return form;
}

/** The button and dialog: export the task list, upload it back, preview the diff, confirm. */
export function TaskExcelButton({ planId, onApplied }: { planId: string; onApplied: () => void }) {
  const [opened, setOpened] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const preview = useMutation({
    mutationFn: (value: File) =>
      requestData<SheetPreview>(`/api/plans/${planId}/tasks/import-preview`, {
        method: "POST",
        body: formOf(value),
      }),
  });
  const apply = useMutation({
    mutationFn: (value: File) =>
      requestData<{ updated: number }>(`/api/plans/${planId}/tasks/import`, {
        method: "POST",
        body: formOf(value),
      }),
    onSuccess: ({ updated }) => {
      notifySuccess(t.done(updated));
      onApplied();
      close();
    },
  });
  const close = () => {
    setOpened(false);
    setFile(null);
    preview.reset();
    apply.reset();
  };
  const fileProblem = file ? uploadProblem(file, { extensions: [".xlsx"] }) : null;
  const result = preview.data;
  const changedRows = result?.rows.filter((r) => r.changes.length > 0) ?? [];

  return (
    <>
      <Button
        variant="default"
        leftSection={<IconTableImport size={16} aria-hidden="true" />}
        onClick={() => setOpened(true)}
      >
        {t.open}
      </Button>
      <Modal opened={opened} onClose={close} title={t.title} size="xl">
        <Stack>
          <Text size="sm">{t.steps}</Text>
          <Group>
            <Anchor href={`/api/plans/${planId}/tasks.xlsx`} download>
              <Group gap={4}>
                <IconDownload size={16} aria-hidden="true" />
                {t.download}
              </Group>
            </Anchor>
          </Group>
          <FileInput
            label={t.file}
            placeholder={t.filePlaceholder}
            accept=".xlsx"
            clearable
            clearButtonProps={{ "aria-label": vi.common.clear }}
            value={file}
            error={fileProblem}
            onChange={(value) => {
              setFile(value);
              preview.reset();
              apply.reset();
            }}
          />
          <FormError error={preview.error ?? apply.error} />
          {result && (
            <>
              <Text fw={500}>
                {t.summary(result.changed, result.unchanged, result.problems.length)}
              </Text>
              {result.problems.length > 0 && (
                <Alert color="red" variant="light" title={t.problemsTitle} role="alert">
                  <List size="sm">
                    {result.problems.map((problem, index) => (
                      <List.Item key={index}>{problem.message}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              {result.problems.length === 0 && changedRows.length === 0 && (
                <Text c="dimmed">{t.nothing}</Text>
              )}
              {changedRows.length > 0 && (
                <TableScroll label={t.tableLabel}>
                  <Table miw={640} striped aria-label={t.tableLabel}>
                    <Table.Thead>
                      <Table.Tr>
                        {t.columns.map((column) => (
                          <Table.Th key={column}>{column}</Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {changedRows.map((row) => (
                        <Table.Tr key={row.row}>
                          <Table.Td>{row.row}</Table.Td>
                          <Table.Td>{row.ref}</Table.Td>
                          <Table.Td maw={280}>{row.text}</Table.Td>
                          <Table.Td>
                            {row.changes.map((change) => (
                              <Text size="sm" key={change.field}>
                                {change.column}: {change.from ?? t.empty} → {change.to ?? t.empty}
                              </Text>
                            ))}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </TableScroll>
              )}
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t.cancel}
            </Button>
            <Button
              variant={result?.canApply ? "default" : "filled"}
              disabled={!file || fileProblem !== null}
              loading={preview.isPending}
              onClick={() => file && preview.mutate(file)}
            >
              {t.preview}
            </Button>
            <Button
              disabled={!file || !result?.canApply}
              loading={apply.isPending}
              onClick={() => file && apply.mutate(file)}
            >
              {t.apply}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
