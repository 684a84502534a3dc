import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconArrowLeft, IconDownload, IconUpload } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { MAX_DOSSIER_IMPORT_BYTES, uploadProblem } from "../../../../core/files/upload-limits.ts";
import { PageHeader } from "../../../components/page-header.tsx";
import { DataList, usePhoneLayout, type ListColumn } from "../../../components/data-list.tsx";
import { TableScroll } from "../../../components/table-scroll.tsx";
import { UnitSelect } from "../../../components/unit-select.tsx";
import { errorMessage } from "../../../api/client.ts";
import { formatDate, formatDateTime } from "../../../i18n/format.ts";
import { oneStopPaths } from "../one-stop-paths.ts";
import {
  errorsCsvUrl,
  getImport,
  previewAgain,
  previewUpload,
  startImport,
  type ColumnMapping,
  type ImportField,
  type ImportPreview,
} from "./dossier-import.api.ts";
import { importLabels as t } from "./dossier-import.labels.ts";
import { RecentImports, importRunKeys } from "./recent-imports.tsx";

const DEFAULT_SOURCE = "Hệ thống Một cửa tỉnh";
const NONE = "__none__";

/** Upload → preview with editable column choices → import with a progress bar → errors CSV. */
export function DossierImportPage() {
  const [unitId, setUnitId] = useState<string | null>(null);
  const [source, setSource] = useState(DEFAULT_SOURCE);
  const [file, setFile] = useState<File | null>(null);
  const fileProblem = file ? uploadProblem(file, { maxBytes: MAX_DOSSIER_IMPORT_BYTES }) : null;
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const queryClient = useQueryClient();

  const upload = useMutation({
    mutationFn: () => previewUpload(file!, unitId!, source),
    onSuccess: (data) => {
      setPreview(data);
      setRunId(null);
    },
  });
  const remap = useMutation({
    mutationFn: (mapping: ColumnMapping) =>
      previewAgain({ uploadId: preview!.uploadId, unitId: unitId!, source, mapping }),
    onSuccess: setPreview,
  });
  const start = useMutation({
    mutationFn: () =>
      startImport({
        uploadId: preview!.uploadId,
        unitId: unitId!,
        source,
        mapping: mappingOf(preview!),
      }),
    onSuccess: async (run) => {
      setRunId(run.id);
      await queryClient.invalidateQueries({ queryKey: importRunKeys.all });
    },
  });
  const run = useQuery({
    queryKey: ["dossier-imports", runId],
    queryFn: () => getImport(runId!),
    enabled: runId !== null,
    refetchInterval: (query) => (query.state.data?.state === "running" ? 1000 : false),
  });

  const choose = (field: ImportField, header: string | null) => {
    if (!preview) return;
    const mapping = { ...mappingOf(preview), [field]: header === NONE || !header ? "" : header };
    remap.mutate(mapping);
  };

  const current = run.data;
  const busy = upload.isPending || remap.isPending;
  const phone = usePhoneLayout();
  const columnOptions = [
    { value: NONE, label: t.notImported },
    ...(preview?.headers ?? []).filter((h) => h !== "").map((h) => ({ value: h, label: h })),
  ];
  return (
    <>
      <PageHeader
        title={t.title}
        description={t.description}
        actions={
          <Button
            component={Link}
            to={oneStopPaths.register}
            variant="default"
            leftSection={<IconArrowLeft size={16} aria-hidden="true" />}
          >
            {t.back}
          </Button>
        }
      />
      <Stack gap="md">
        <Group align="flex-end" wrap="wrap">
          <UnitSelect
            label={t.unit}
            value={unitId}
            onChange={setUnitId}
            required
            w={{ base: "100%", sm: 320 }}
          />
          <TextInput
            label={t.source}
            description={t.sourceHint}
            value={source}
            onChange={(e) => setSource(e.currentTarget.value)}
            w={{ base: "100%", sm: 280 }}
          />
          <FileInput
            label={t.file}
            placeholder={t.filePlaceholder}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={setFile}
            clearable
            clearButtonProps={{ "aria-label": t.clearFile }}
            error={fileProblem}
            w={{ base: "100%", sm: 300 }}
          />
          <Button
            leftSection={<IconUpload size={16} aria-hidden="true" />}
            disabled={!file || !unitId || fileProblem !== null}
            loading={upload.isPending}
            onClick={() => upload.mutate()}
          >
            {t.preview}
          </Button>
        </Group>
        {upload.error && <Alert color="red">{errorMessage(upload.error)}</Alert>}
        {remap.error && <Alert color="red">{errorMessage(remap.error)}</Alert>}

        {preview && !runId && (
          <>
            <Title order={2} size="h4">
              {t.mappingTitle}
            </Title>
            <Text size="sm" c="dimmed">
              {t.mappingHint} {preview.savedMapping ? t.savedMapping : ""}
            </Text>
            {preview.problems.length > 0 && (
              <Alert color="red">
                <Stack gap={4}>
                  {preview.problems.map((p) => (
                    <Text key={p.message} size="sm">
                      {p.message}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            {phone ? (
              <Stack gap="xs" role="group" aria-label={t.mappingTitle}>
                {preview.fields.map(({ field, label, required }) => (
                  <Select
                    key={field}
                    label={`${label}${required ? " *" : ""}`}
                    aria-label={`${t.column}: ${label}`}
                    data={columnOptions}
                    value={preview.mapping[field] ?? NONE}
                    onChange={(value) => choose(field, value)}
                    disabled={busy}
                    allowDeselect={false}
                  />
                ))}
              </Stack>
            ) : (
              <TableScroll label={t.mappingTitle}>
                <Table withTableBorder striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t.field}</Table.Th>
                      <Table.Th>{t.column}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.fields.map(({ field, label, required }) => (
                      <Table.Tr key={field}>
                        <Table.Td>
                          {label}
                          {required ? " *" : ""}
                        </Table.Td>
                        <Table.Td>
                          <Select
                            aria-label={`${t.column}: ${label}`}
                            data={columnOptions}
                            value={preview.mapping[field] ?? NONE}
                            onChange={(value) => choose(field, value)}
                            disabled={busy}
                            allowDeselect={false}
                            w={280}
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            )}

            {preview.problems.length === 0 && (
              <>
                <Title order={2} size="h4">
                  {t.rowsTitle(preview.rows.length, preview.sampledRows, preview.invalidRows)}
                </Title>
                <DataList
                  label={t.check}
                  withTableBorder
                  rows={preview.rows}
                  rowKey={(row) => String(row.row)}
                  columns={rowColumns}
                />
                {preview.errors.length > 0 && (
                  <Alert color="orange" title={t.errorsTitle}>
                    <Stack gap={2}>
                      {preview.errors.slice(0, 50).map((e, i) => (
                        <Text key={`${e.row}-${i}`} size="sm">
                          {e.message}
                        </Text>
                      ))}
                    </Stack>
                  </Alert>
                )}
                <Group>
                  <Button loading={start.isPending} disabled={busy} onClick={() => start.mutate()}>
                    {t.start}
                  </Button>
                </Group>
              </>
            )}
          </>
        )}
        {start.error && <Alert color="red">{errorMessage(start.error)}</Alert>}

        {current && (
          <Stack gap="sm">
            <Title order={2} size="h4">
              {current.state === "running"
                ? t.running
                : current.state === "done"
                  ? t.done
                  : t.failed}
            </Title>
            <Progress
              value={current.progress * 100}
              animated={current.state === "running"}
              color={current.state === "failed" ? "red" : undefined}
              aria-label={t.progressLabel}
              size="lg"
            />
            <Text size="sm">{t.progress(current.processed, current.total)}</Text>
            <Text size="sm">
              {t.summary(current.inserted, current.updated, current.unchanged, current.errorCount)}
            </Text>
            {current.message && <Alert color="red">{current.message}</Alert>}
            <Group>
              {current.state !== "running" && current.errorCount > 0 && (
                <Anchor href={errorsCsvUrl(current.id)} download>
                  <Group gap={4}>
                    <IconDownload size={16} aria-hidden="true" />
                    {t.downloadErrors}
                  </Group>
                </Anchor>
              )}
              {current.state !== "running" && (
                <Button
                  variant="default"
                  onClick={() => {
                    setRunId(null);
                    setPreview(null);
                    setFile(null);
                  }}
                >
                  {t.another}
                </Button>
              )}
            </Group>
          </Stack>
        )}
        {unitId && <RecentImports unitId={unitId} />}
      </Stack>
    </>
  );
}

function mappingOf(preview: ImportPreview): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const { field } of preview.fields) mapping[field] = preview.mapping[field] ?? "";
  return mapping;
}

type PreviewRow = ImportPreview["rows"][number];

/** The rows checked before the import: a table, or one card per row (headed by its number) on a phone. */
const rowColumns: ListColumn<PreviewRow>[] = [
  {
    header: t.row,
    phone: "title",
    cell: (row) => row.row,
    phoneCell: (row) => `${t.row} ${row.row}`,
  },
  { header: t.code, cell: (row) => row.dossier?.code ?? "" },
  {
    header: t.receivedAt,
    cell: (row) => (row.dossier ? formatDateTime(row.dossier.receivedAt) : ""),
  },
  { header: t.dueDate, cell: (row) => (row.dossier ? formatDate(row.dossier.dueDate) : "") },
  { header: t.state, cell: (row) => row.dossier?.state ?? "" },
  {
    header: t.check,
    phoneWide: true,
    cell: (row) =>
      row.ok ? (
        <Badge color="green">{t.ok}</Badge>
      ) : (
        <Text size="sm" c="red.8">
          {row.errors.join(" ")}
        </Text>
      ),
  },
];
