import { Alert, Button, FileInput, Group, Modal, Stack, Text } from "@mantine/core";
import { IconUpload } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, errorMessage } from "../../../api/client.ts";
import { queryKeys } from "../../../api/query-keys.ts";
import { importUnits } from "../../../api/units.api.ts";
import { DataList } from "../../../components/data-list.tsx";
import { vi } from "../../../i18n/vi.ts";
import { uploadProblem } from "../../../../core/files/upload-limits.ts";

/** Upload a CSV/XLSX list of units; show the counts, or every row's error. */
export function UnitImportModal({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: importUnits,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.units }),
  });
  const fileProblem = file ? uploadProblem(file) : null;
  const rowErrors =
    upload.error instanceof ApiError ? upload.error.details.filter((d) => d.message) : [];

  return (
    <Modal opened onClose={onClose} title={vi.units.importTitle} size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (file) upload.mutate(file);
        }}
      >
        <Stack gap="md">
          <Text size="sm">{vi.units.importHelp}</Text>
          <FileInput
            label={vi.units.importFile}
            placeholder={vi.units.importFilePlaceholder}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            leftSection={<IconUpload size={16} aria-hidden="true" />}
            value={file}
            onChange={(value) => {
              setFile(value);
              upload.reset();
            }}
            clearable
            clearButtonProps={{ "aria-label": vi.common.clear }}
            error={fileProblem}
            required
          />
          {upload.isSuccess && (
            <Alert color="green" variant="light" role="status" data-testid="import-result">
              {vi.units.importDone(upload.data.created, upload.data.updated, upload.data.total)}
            </Alert>
          )}
          {upload.isError && (
            <Alert color="red" variant="light" role="alert" title={errorMessage(upload.error)}>
              {rowErrors.length > 0 && (
                <DataList
                  label={vi.units.importErrorsTitle}
                  minWidth={400}
                  rows={rowErrors}
                  rowKey={(detail) => String(rowErrors.indexOf(detail))}
                  columns={[
                    { header: vi.units.importRow, cell: (d) => d.row ?? vi.common.none },
                    {
                      header: vi.units.importColumn,
                      cell: (d) =>
                        d.path ? (vi.units.importColumns[d.path] ?? d.path) : vi.common.none,
                    },
                    {
                      header: vi.units.importMessage,
                      phone: "title",
                      cell: (d) => d.message,
                    },
                  ]}
                />
              )}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {vi.common.close}
            </Button>
            <Button
              type="submit"
              disabled={!file || fileProblem !== null}
              loading={upload.isPending}
            >
              {vi.units.importSubmit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
