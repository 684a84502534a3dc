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
  Table,
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
import { TableScroll } from "../../components/table-scroll.tsx";
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
          w={360}
        />
        <TextInput
          label={t.procedures.search}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={300}
        />
      </Group>
      {procedures.isPending ? (
        <LoadingBlock />
      ) : procedures.isError ? (
        <QueryError error={procedures.error} onRetry={() => procedures.refetch()} />
      ) : procedures.data.data.length === 0 ? (
        <Text c="dimmed">{t.procedures.empty}</Text>
      ) : (
        <TableScroll label={t.procedures.title}>
          <Table miw={1000} striped aria-label={t.procedures.title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.procedures.code}</Table.Th>
                <Table.Th>{t.procedures.name}</Table.Th>
                <Table.Th>{t.procedures.field}</Table.Th>
                <Table.Th>{t.procedures.days}</Table.Th>
                <Table.Th>{t.procedures.fee}</Table.Th>
                <Table.Th>{t.procedures.online}</Table.Th>
                <Table.Th>{t.procedures.documents}</Table.Th>
                <Table.Th>{t.procedures.active}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {procedures.data.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td ff="monospace">{p.code}</Table.Td>
                  <Table.Td maw={360}>{p.name}</Table.Td>
                  <Table.Td>{p.field}</Table.Td>
                  <Table.Td>
                    {p.processingDays === 0 ? t.procedures.withinDay : p.processingDays}
                  </Table.Td>
                  <Table.Td maw={220}>
                    <Text size="sm" lineClamp={2}>
                      {p.feeText ?? "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t.procedures.onlineLevels[p.onlineLevel]}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      aria-label={t.procedures.editDocuments(
                        t.procedures.documentsCount(p.documents.length),
                        p.code,
                      )}
                      onClick={() => setDocumentsOf(p)}
                    >
                      {t.procedures.documentsCount(p.documents.length)}
                    </Button>
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      checked={p.isActive}
                      disabled={!p.can.update}
                      aria-label={`${t.procedures.toggle}: ${p.code}`}
                      onChange={(e) =>
                        toggling.mutate({ id: p.id, isActive: e.currentTarget.checked })
                      }
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
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
