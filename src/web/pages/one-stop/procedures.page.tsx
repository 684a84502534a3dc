import {
  Badge,
  Button,
  FileButton,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconPlus, IconUpload } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { OnlineLevel } from "../../../core/dossier/dossier-values.ts";
import { useMe } from "../../auth/session.ts";
import { FormError, applyServerErrors } from "../../components/form-error.tsx";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { notifyError, notifySuccess } from "../../components/notify.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { DataList, type ListColumn } from "../../components/data-list.tsx";
import { UnitSelect } from "../../components/unit-select.tsx";
import { viOneStop as t } from "../../i18n/vi-one-stop.ts";
import {
  DocumentRowsEditor,
  ProcedureDocumentsModal,
  documentFieldError,
  documentsInput,
  type DocumentRow,
} from "./procedure-documents-modal.tsx";
import {
  createProcedure,
  importProcedures,
  listProcedures,
  oneStopKeys,
  updateProcedure,
  type Procedure,
} from "./one-stop.api.ts";

/** The unit's procedure catalogue: search, add, switch on/off, import from CSV/XLSX. */
export function ProceduresPage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState<string>(me.unit.id);
  const [q, setQ] = useState("");
  const [creating, setCreating] = useState(false);
  const [documentsOf, setDocumentsOf] = useState<Procedure | null>(null);
  const query = { unitId, q: q || undefined, includeInactive: true };
  const procedures = useQuery({
    queryKey: oneStopKeys.procedureList(query),
    queryFn: () => listProcedures(query),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: oneStopKeys.procedures });
  const importing = useMutation({
    mutationFn: (file: File) => importProcedures(unitId, file),
    onSuccess: async (result) => {
      await refresh();
      notifySuccess(t.procedures.importDone(result.created, result.updated));
    },
    onError: notifyError,
  });
  const toggling = useMutation({
    mutationFn: ({ id, isActive }: { id: string; isActive: boolean }) =>
      updateProcedure(id, { isActive }),
    onSuccess: refresh,
    onError: notifyError,
  });

  const columns: ListColumn<Procedure>[] = [
    {
      header: t.procedures.code,
      phone: "title",
      nowrap: true,
      cell: (p) => <span style={{ fontFamily: "monospace" }}>{p.code}</span>,
    },
    { header: t.procedures.name, maw: 360, phone: "title", cell: (p) => p.name },
    { header: t.procedures.field, cell: (p) => p.field },
    {
      header: t.procedures.days,
      cell: (p) => (p.processingDays === 0 ? t.procedures.withinDay : p.processingDays),
    },
    {
      header: t.procedures.fee,
      maw: 220,
      phoneWide: true,
      cell: (p) => (
        <Text size="sm" lineClamp={2}>
          {p.feeText ?? "—"}
        </Text>
      ),
    },
    {
      header: t.procedures.online,
      cell: (p) => <Badge variant="light">{t.procedures.onlineLevels[p.onlineLevel]}</Badge>,
    },
    {
      header: t.procedures.documents,
      cell: (p) => (
        <Button
          variant="subtle"
          size="compact-sm"
          px={0}
          aria-label={t.procedures.editDocuments(
            t.procedures.documentsCount(p.documents.length),
            p.code,
          )}
          onClick={() => setDocumentsOf(p)}
        >
          {t.procedures.documentsCount(p.documents.length)}
        </Button>
      ),
    },
    {
      header: t.procedures.active,
      cell: (p) => (
        <Switch
          checked={p.isActive}
          disabled={!p.can.update}
          aria-label={`${t.procedures.toggle}: ${p.code}`}
          onChange={(e) => toggling.mutate({ id: p.id, isActive: e.currentTarget.checked })}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t.procedures.title}
        actions={
          procedures.data?.can.create && (
            <>
              <FileButton onChange={(file) => file && importing.mutate(file)} accept=".csv,.xlsx">
                {(props) => (
                  <Button
                    {...props}
                    variant="default"
                    loading={importing.isPending}
                    leftSection={<IconUpload size={16} aria-hidden="true" />}
                  >
                    {t.procedures.import}
                  </Button>
                )}
              </FileButton>
              <Button
                leftSection={<IconPlus size={16} aria-hidden="true" />}
                onClick={() => setCreating(true)}
              >
                {t.procedures.create}
              </Button>
            </>
          )
        }
      />
      {importing.error && <FormError error={importing.error} />}
      <Group mb="md" align="flex-end">
        <UnitSelect
          label={t.procedures.unit}
          value={unitId}
          allowDeselect={false}
          onChange={(v) => v && setUnitId(v)}
          w={{ base: "100%", sm: 360 }}
        />
        <TextInput
          label={t.procedures.search}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: "100%", sm: 300 }}
        />
      </Group>
      {procedures.isPending ? (
        <LoadingBlock />
      ) : procedures.isError ? (
        <QueryError error={procedures.error} onRetry={() => procedures.refetch()} />
      ) : procedures.data.data.length === 0 ? (
        <Text c="dimmed">{t.procedures.empty}</Text>
      ) : (
        <DataList
          label={t.procedures.title}
          minWidth={1000}
          rows={procedures.data.data}
          rowKey={(p) => p.id}
          columns={columns}
        />
      )}
      {creating && <ProcedureModal unitId={unitId} onClose={() => setCreating(false)} />}
      {documentsOf && (
        <ProcedureDocumentsModal procedure={documentsOf} onClose={() => setDocumentsOf(null)} />
      )}
    </>
  );
}

function ProcedureModal({ unitId, onClose }: { unitId: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  // The required documents (thành phần hồ sơ), sent with the procedure.
  const [documents, setDocuments] = useState<DocumentRow[]>([]);
  const form = useForm({
    initialValues: {
      code: "",
      name: "",
      field: "",
      processingDays: 1 as number | string,
      feeText: "",
      onlineLevel: "none" as OnlineLevel,
    },
  });
  const mutation = useMutation({
    mutationFn: (v: typeof form.values) =>
      createProcedure({
        unitId,
        code: v.code,
        name: v.name,
        field: v.field,
        processingDays: Number(v.processingDays),
        feeText: v.feeText || null,
        onlineLevel: v.onlineLevel,
        documents: documentsInput(documents),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: oneStopKeys.procedures });
      notifySuccess(t.procedures.saved);
      onClose();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <Modal opened onClose={onClose} title={t.procedures.create} size="xl">
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t.procedures.code}
            placeholder="1.001234"
            required
            {...form.getInputProps("code")}
          />
          <TextInput label={t.procedures.name} required {...form.getInputProps("name")} />
          <TextInput label={t.procedures.field} required {...form.getInputProps("field")} />
          <NumberInput
            label={t.procedures.days}
            min={0}
            max={365}
            {...form.getInputProps("processingDays")}
          />
          <TextInput label={t.procedures.fee} {...form.getInputProps("feeText")} />
          <Select
            label={t.procedures.online}
            data={Object.entries(t.procedures.onlineLevels).map(([value, label]) => ({
              value,
              label,
            }))}
            allowDeselect={false}
            {...form.getInputProps("onlineLevel")}
          />
          <Title order={3} size="h5" mt="xs">
            {t.procedures.documents}
          </Title>
          <DocumentRowsEditor
            label={t.procedures.documents}
            rows={documents}
            setRows={setDocuments}
            fieldError={(index, field) => documentFieldError(mutation.error, index, field)}
          />
          <FormError error={mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Lưu
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
