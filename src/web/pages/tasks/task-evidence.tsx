import {
  Anchor,
  Autocomplete,
  Button,
  FileInput,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconDownload, IconUpload } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { DateField } from "../../components/date-field.tsx";
import { applyServerErrors, FormError } from "../../components/form-error.tsx";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { QueryError } from "../../components/query-error.tsx";
import { TableScroll } from "../../components/table-scroll.tsx";
import { formatDate, todayInVietnam } from "../../i18n/format.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { vi } from "../../i18n/vi.ts";
import {
  EVIDENCE_ACCEPT,
  EVIDENCE_EXTENSIONS,
  uploadProblem,
} from "../../../core/files/upload-limits.ts";
import { formatNumber } from "../../../core/text/number-format.ts";
import {
  getTaskUpdates,
  planFileUrls,
  planKeys,
  uploadEvidence,
  type Task,
} from "../plans/plans.api.ts";
import { useInvalidatePlans } from "../plans/use-invalidate-plans.ts";

interface Values {
  file: File | null;
  documentNumber: string;
  documentDate: string | null;
  documentType: string;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${formatNumber(bytes / 1024 / 1024, { maxFractionDigits: 1 })} MB`
    : `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

function UploadForm({ taskId }: { taskId: string }) {
  const invalidate = useInvalidatePlans();
  const form = useForm<Values>({
    initialValues: { file: null, documentNumber: "", documentDate: null, documentType: "" },
    validate: {
      file: (value) =>
        value ? uploadProblem(value, { extensions: EVIDENCE_EXTENSIONS }) : t.panel.fileRequired,
    },
    validateInputOnChange: ["file"],
  });
  const upload = useMutation({
    mutationFn: (values: Values) =>
      uploadEvidence(taskId, {
        file: values.file as File,
        documentNumber: values.documentNumber.trim(),
        documentDate: values.documentDate,
        documentType: values.documentType.trim() || null,
      }),
    onSuccess: async (evidence) => {
      notifySuccess(t.panel.uploaded(evidence.fileName));
      form.reset();
      await invalidate();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <Paper withBorder p="sm">
      <form onSubmit={form.onSubmit((values) => upload.mutate(values))} noValidate>
        <Stack gap="sm">
          <FormError error={upload.error} />
          <FileInput
            label={t.panel.file}
            placeholder={t.panel.filePlaceholder}
            required
            clearable
            clearButtonProps={{ "aria-label": vi.common.clear }}
            accept={EVIDENCE_ACCEPT}
            {...form.getInputProps("file")}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t.panel.documentNumber} {...form.getInputProps("documentNumber")} />
            <DateField
              label={t.panel.documentDate}
              maxDate={todayInVietnam()}
              maxLabel={vi.dates.today}
              {...form.getInputProps("documentDate")}
            />
            <Autocomplete
              label={t.panel.documentType}
              data={t.panel.documentTypes}
              {...form.getInputProps("documentType")}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button
              type="submit"
              variant="light"
              loading={upload.isPending}
              leftSection={<IconUpload size={16} aria-hidden="true" />}
            >
              {t.panel.upload}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The task's evidence files with download links, and an upload form for those who may. */
export function TaskEvidence({ task }: { task: Task }) {
  const updates = useQuery({
    queryKey: planKeys.taskUpdates(task.id),
    queryFn: () => getTaskUpdates(task.id),
  });
  const evidence = updates.data?.evidence ?? [];
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t.panel.evidence}
      </Title>
      {updates.isPending ? (
        <LoadingBlock />
      ) : updates.isError ? (
        <QueryError error={updates.error} onRetry={() => updates.refetch()} />
      ) : evidence.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t.panel.evidenceEmpty}
        </Text>
      ) : (
        <TableScroll label={t.panel.evidence}>
          <Table aria-label={t.panel.evidence} miw={600} data-testid="task-evidence">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.panel.fileColumn}</Table.Th>
                <Table.Th>{t.panel.documentNumber}</Table.Th>
                <Table.Th>{t.panel.documentDate}</Table.Th>
                <Table.Th>{t.panel.documentType}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {evidence.map((file) => (
                <Table.Tr key={file.id}>
                  <Table.Td>
                    <Anchor
                      href={planFileUrls.evidence(file.id)}
                      download={file.fileName}
                      size="sm"
                      aria-label={t.panel.download(file.fileName)}
                    >
                      <Group gap={4} wrap="nowrap" component="span">
                        <IconDownload size={14} aria-hidden="true" />
                        {file.fileName}
                      </Group>
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {sizeText(file.sizeBytes)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{file.documentNumber ?? vi.common.none}</Table.Td>
                  <Table.Td>{formatDate(file.documentDate)}</Table.Td>
                  <Table.Td>{file.documentType ?? vi.common.none}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {task.can.update && <UploadForm taskId={task.id} />}
    </Stack>
  );
}
