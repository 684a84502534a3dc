import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { IconArrowUp, IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type Dispatch, type SetStateAction } from "react";
import {
  DOCUMENT_FORMS,
  MAX_COPIES,
  MAX_DOCUMENTS,
  type DocumentForm,
} from "../../../core/dossier/required-documents.ts";
import { ApiError } from "../../api/client.ts";
import { FormError } from "../../components/form-error.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { usePhoneLayout } from "../../components/data-list.tsx";
import { TableScroll } from "../../components/table-scroll.tsx";
import { viOneStop as t } from "../../i18n/vi-one-stop.ts";
import { oneStopKeys, updateProcedure, type Procedure } from "./one-stop.api.ts";

export interface DocumentRow {
  key: number;
  name: string;
  form: DocumentForm;
  copies: number | string;
  required: boolean;
}

const FORM_OPTIONS = DOCUMENT_FORMS.map((value) => ({ value, label: t.documentForms[value] }));
let nextKey = 0;

/**
 * A procedure's required documents (thành phần hồ sơ): the whole list edited at once and saved
 * with `PATCH /api/procedures/:id { documents }`; read-only for those who may not update.
 */
export function ProcedureDocumentsModal({
  procedure,
  onClose,
}: {
  procedure: Procedure;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const editable = procedure.can.update;
  const [rows, setRows] = useState<DocumentRow[]>(() =>
    procedure.documents.map((doc) => ({ ...doc, key: nextKey++ })),
  );
  const mutation = useMutation({
    mutationFn: () =>
      updateProcedure(procedure.id, {
        documents: documentsInput(rows),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: oneStopKeys.procedures });
      notifySuccess(t.procedures.documentsSaved);
      onClose();
    },
  });
  const title = t.procedures.documentsTitle(procedure.code);

  if (!editable) {
    return (
      <Modal opened onClose={onClose} title={title} size="lg">
        {procedure.documents.length === 0 ? (
          <Text c="dimmed">{t.procedures.documentsCount(0)}</Text>
        ) : (
          <List type="ordered" spacing={4}>
            {procedure.documents.map((doc, i) => (
              <List.Item key={i}>
                {doc.name} — {t.documentForms[doc.form]}, {doc.copies} bản
                {doc.required ? "" : ` (${t.receiveForm.optionalMark})`}
              </List.Item>
            ))}
          </List>
        )}
      </Modal>
    );
  }

  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          mutation.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {procedure.name}
          </Text>
          <DocumentRowsEditor
            label={title}
            rows={rows}
            setRows={setRows}
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

/** The rows as the API takes them (`documents` of POST and PATCH /api/procedures). */
export function documentsInput(rows: readonly DocumentRow[]) {
  return rows.map((row) => ({
    name: row.name,
    form: row.form,
    copies: Number(row.copies),
    required: row.required,
  }));
}

/** The server's message for a line, shown at its field ("documents.2.name"). */
export function documentFieldError(error: unknown, index: number, field: string) {
  return error instanceof ApiError
    ? error.details.find((d) => d.path === `documents.${index}.${field}`)?.message
    : undefined;
}

/**
 * The editable list of required documents (name, form, copies, required; move up, remove, add),
 * shared by the "Thêm thủ tục" dialog and a procedure's documents dialog.
 */
export function DocumentRowsEditor({
  label,
  rows,
  setRows,
  fieldError,
}: {
  label: string;
  rows: DocumentRow[];
  setRows: Dispatch<SetStateAction<DocumentRow[]>>;
  fieldError: (index: number, field: string) => string | undefined;
}) {
  const patch = (key: number, change: Partial<DocumentRow>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const moveUp = (index: number) =>
    setRows((current) => {
      const copy = [...current];
      [copy[index - 1], copy[index]] = [copy[index]!, copy[index - 1]!];
      return copy;
    });
  const phone = usePhoneLayout();
  const rowActions = (index: number, n: number, rowKey: number) => (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        disabled={index === 0}
        aria-label={t.procedures.moveUp(n)}
        onClick={() => moveUp(index)}
      >
        <IconArrowUp size={16} aria-hidden="true" />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={t.procedures.removeDocument(n)}
        onClick={() => setRows((current) => current.filter((r) => r.key !== rowKey))}
      >
        <IconTrash size={16} aria-hidden="true" />
      </ActionIcon>
    </Group>
  );
  return (
    <>
      {rows.length === 0 ? (
        <Text c="dimmed">{t.procedures.noDocumentsYet}</Text>
      ) : phone ? (
        <ul role="list" aria-label={label} className="cchc-cards" data-testid="document-cards">
          {rows.map((row, index) => {
            const n = index + 1;
            return (
              <Paper component="li" key={row.key} withBorder p="sm" radius="sm">
                <Group justify="space-between" wrap="nowrap" mb={4}>
                  <Text fw={600} size="sm">
                    {t.procedures.documentLine(n)}
                  </Text>
                  {rowActions(index, n, row.key)}
                </Group>
                <Stack gap="xs">
                  <TextInput
                    label={t.procedures.documentName}
                    aria-label={`${t.procedures.documentName} ${n}`}
                    value={row.name}
                    maxLength={500}
                    error={fieldError(index, "name")}
                    onChange={(e) => patch(row.key, { name: e.currentTarget.value })}
                  />
                  <Group grow align="flex-start" gap="xs">
                    <Select
                      label={t.procedures.documentForm}
                      aria-label={`${t.procedures.documentForm} ${n}`}
                      data={FORM_OPTIONS}
                      value={row.form}
                      allowDeselect={false}
                      onChange={(v) => v && patch(row.key, { form: v as DocumentForm })}
                    />
                    <NumberInput
                      label={t.procedures.documentCopies}
                      aria-label={`${t.procedures.documentCopies} ${n}`}
                      value={row.copies}
                      min={1}
                      max={MAX_COPIES}
                      allowDecimal={false}
                      error={fieldError(index, "copies")}
                      onChange={(v) => patch(row.key, { copies: v })}
                    />
                  </Group>
                  <Checkbox
                    label={t.procedures.documentRequired}
                    aria-label={`${t.procedures.documentRequired} ${n}`}
                    checked={row.required}
                    onChange={(e) => patch(row.key, { required: e.currentTarget.checked })}
                  />
                </Stack>
              </Paper>
            );
          })}
        </ul>
      ) : (
        <TableScroll label={label}>
          <Table miw={720} aria-label={label}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>TT</Table.Th>
                <Table.Th>{t.procedures.documentName}</Table.Th>
                <Table.Th w={190}>{t.procedures.documentForm}</Table.Th>
                <Table.Th w={90}>{t.procedures.documentCopies}</Table.Th>
                <Table.Th w={80}>{t.procedures.documentRequired}</Table.Th>
                <Table.Th w={80} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, index) => {
                const n = index + 1;
                return (
                  <Table.Tr key={row.key}>
                    <Table.Td>{n}</Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`${t.procedures.documentName} ${n}`}
                        value={row.name}
                        maxLength={500}
                        error={fieldError(index, "name")}
                        onChange={(e) => patch(row.key, { name: e.currentTarget.value })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`${t.procedures.documentForm} ${n}`}
                        data={FORM_OPTIONS}
                        value={row.form}
                        allowDeselect={false}
                        onChange={(v) => v && patch(row.key, { form: v as DocumentForm })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={`${t.procedures.documentCopies} ${n}`}
                        value={row.copies}
                        min={1}
                        max={MAX_COPIES}
                        allowDecimal={false}
                        error={fieldError(index, "copies")}
                        onChange={(v) => patch(row.key, { copies: v })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={`${t.procedures.documentRequired} ${n}`}
                        checked={row.required}
                        onChange={(e) => patch(row.key, { required: e.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>{rowActions(index, n, row.key)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <Group>
        <Button
          variant="default"
          disabled={rows.length >= MAX_DOCUMENTS}
          leftSection={<IconPlus size={16} aria-hidden="true" />}
          onClick={() =>
            setRows((current) => [
              ...current,
              { key: nextKey++, name: "", form: "original", copies: 1, required: true },
            ])
          }
        >
          {t.procedures.addDocument}
        </Button>
      </Group>
    </>
  );
}
