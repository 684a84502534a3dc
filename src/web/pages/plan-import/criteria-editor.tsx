import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { IconAlertTriangle, IconDeviceFloppy, IconPlus, IconTrash } from "@tabler/icons-react";
import { useMemo } from "react";
import {
  buildMethodologyTree,
  impliedParentRef,
  normalizeRef,
} from "../../../core/methodology/index.ts";
import type { Criterion } from "../../../core/plan-import/contract.ts";
import { ApiError, errorMessage } from "../../api/client.ts";
import { usePhoneLayout } from "../../components/data-list.tsx";
import { TableScroll } from "../../components/table-scroll.tsx";
import { formatNumber } from "../../i18n/format.ts";
import { viMethodology } from "../methodology/vi-methodology.ts";
import type { CreateMethodologyInput } from "../methodology/methodology.api.ts";
import { viPlanImport } from "./vi-plan-import.ts";

const t = viMethodology.editor;

/** One editable row of the imported criteria table. */
export interface EditableCriterion {
  ref: string;
  parentRef: string | null;
  text: string;
  maxPoints: number | null;
  /** Shown for reference; score sheets are not built, so it is not saved. */
  selfScore: number | null;
  evidenceHint: string | null;
  line: number | null;
}

/** The criteria table under review and what its methodology draft will be called. */
export interface CriteriaDraft {
  name: string;
  year: number;
  rows: EditableCriterion[];
}

export function criteriaDraftOf(criteria: Criterion[], year: number): CriteriaDraft {
  return {
    name: t.defaultName(year),
    year,
    rows: criteria.map((c) => ({
      ref: c.ref ?? "",
      parentRef: c.parentRef,
      text: c.text,
      maxPoints: c.maxPoints,
      selfScore: c.selfScore,
      evidenceHint: c.evidence,
      line: c.line ?? null,
    })),
  };
}

/** The POST /api/methodologies body of a reviewed criteria table. */
export function toCreateMethodologyInput(
  draft: CriteriaDraft,
  unitId: string,
  sourceFilename: string | null,
): CreateMethodologyInput {
  return {
    unitId,
    name: draft.name,
    year: draft.year,
    sourceFilename,
    criteria: draft.rows.map((row) => ({
      ref: row.ref,
      parentRef: row.parentRef,
      text: row.text,
      maxPoints: row.maxPoints,
      evidenceHint: row.evidenceHint,
    })),
  };
}

/** What a NumberInput with a decimal comma hands over: a number, "" or an unfinished text. */
function pointsValue(value: number | string, previous: number | null): number | null {
  if (typeof value === "number") return value;
  if (value.trim() === "") return null;
  const parsed = Number(value.replace(",", "."));
  return Number.isFinite(parsed) ? parsed : previous;
}

interface CriteriaEditorProps {
  value: CriteriaDraft;
  onChange: (value: CriteriaDraft) => void;
  onShowLine: (line: number) => void;
  canSave: boolean;
  saving: boolean;
  saveError: unknown;
  onSave: () => void;
}

/**
 * The criteria table of the import as editable rows, checked live by the domain core (errors
 * block the save, warnings do not), and saved as a methodology draft.
 */
export function CriteriaEditor({
  value,
  onChange,
  onShowLine,
  canSave,
  saving,
  saveError,
  onSave,
}: CriteriaEditorProps) {
  const tree = useMemo(
    () =>
      buildMethodologyTree(
        value.rows.map((row) => ({ ...row, parentRef: row.parentRef ?? undefined })),
      ),
    [value.rows],
  );
  const rowsWithErrors = new Set(tree.errors.map((e) => e.row));
  const update = (index: number, patch: Partial<EditableCriterion>) => {
    const rows = [...value.rows];
    rows[index] = { ...rows[index]!, ...patch };
    onChange({ ...value, rows });
  };
  const serverRowErrors =
    saveError instanceof ApiError ? saveError.details.filter((d) => d.row !== undefined) : [];

  const phone = usePhoneLayout();
  /**
   * A row's fields, shared by the table and the phone's cards (there with visible labels; the
   * accessible names stay "Mã dòng 3" etc. in both).
   */
  const fields = (row: EditableCriterion, index: number, labelled: boolean) => {
    const number = index + 1;
    const implied = impliedParentRef(normalizeRef(row.ref));
    const node = tree.nodes[index];
    const label = (text: string) => (labelled ? text : undefined);
    return {
      line: row.line !== null && (
        <Anchor
          component="button"
          type="button"
          size="xs"
          onClick={() => onShowLine(row.line!)}
          aria-label={viPlanImport.showLine(row.line)}
        >
          {labelled ? viPlanImport.showLine(row.line) : row.line}
        </Anchor>
      ),
      ref: (
        <TextInput
          size="xs"
          w={labelled ? undefined : 72}
          label={label(t.colRef)}
          aria-label={t.refOf(number)}
          value={row.ref}
          onChange={(event) => update(index, { ref: event.currentTarget.value })}
        />
      ),
      parent: (
        <TextInput
          size="xs"
          w={labelled ? undefined : 72}
          label={label(t.colParent)}
          aria-label={t.parentOf(number)}
          value={implied ?? row.parentRef ?? ""}
          disabled={implied !== null}
          onChange={(event) => update(index, { parentRef: event.currentTarget.value || null })}
        />
      ),
      text: (
        <Textarea
          size="xs"
          autosize
          minRows={1}
          label={label(t.colText)}
          aria-label={t.textOf(number)}
          value={row.text}
          fw={node?.depth === 1 ? 600 : undefined}
          onChange={(event) => update(index, { text: event.currentTarget.value })}
        />
      ),
      max: (
        <NumberInput
          size="xs"
          w={labelled ? undefined : 84}
          label={label(t.colMax)}
          aria-label={t.maxOf(number)}
          decimalSeparator=","
          min={0}
          hideControls
          value={row.maxPoints ?? ""}
          onChange={(input) => update(index, { maxPoints: pointsValue(input, row.maxPoints) })}
        />
      ),
      self: (
        <Text size="sm" c="dimmed">
          {row.selfScore === null ? "" : formatNumber(row.selfScore)}
        </Text>
      ),
      evidence: (
        <Textarea
          size="xs"
          autosize
          minRows={1}
          label={label(t.colEvidence)}
          aria-label={t.evidenceOf(number)}
          value={row.evidenceHint ?? ""}
          onChange={(event) => update(index, { evidenceHint: event.currentTarget.value || null })}
        />
      ),
      remove: (
        <ActionIcon
          variant="subtle"
          color="red"
          aria-label={t.removeRow(number)}
          title={t.removeRow(number)}
          onClick={() => onChange({ ...value, rows: value.rows.filter((_, i) => i !== index) })}
        >
          <IconTrash size={16} aria-hidden="true" />
        </ActionIcon>
      ),
    };
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t.note}
      </Text>
      {value.rows.length === 0 && <Text c="dimmed">{t.empty}</Text>}
      {value.rows.length > 0 && phone && (
        <ul
          role="list"
          aria-label={t.tableLabel}
          className="cchc-cards"
          data-testid="criteria-cards"
        >
          {value.rows.map((row, index) => {
            const f = fields(row, index, true);
            return (
              <Paper
                component="li"
                key={index}
                withBorder
                p="sm"
                radius="sm"
                bg={rowsWithErrors.has(index + 1) ? "red.0" : undefined}
              >
                <Group justify="space-between" wrap="nowrap" mb={4}>
                  <Group gap="xs" wrap="nowrap">
                    <Text fw={600} size="sm">
                      {t.colRow} {index + 1}
                    </Text>
                    {f.line}
                  </Group>
                  {f.remove}
                </Group>
                <Stack gap="xs">
                  <Group grow gap="xs" align="flex-start">
                    {f.ref}
                    {f.parent}
                  </Group>
                  {f.text}
                  <Group grow gap="xs" align="flex-start">
                    {f.max}
                    <div>
                      <Text size="sm" fw={500}>
                        {t.colSelf}
                      </Text>
                      {f.self}
                    </div>
                  </Group>
                  {f.evidence}
                </Stack>
              </Paper>
            );
          })}
        </ul>
      )}
      {value.rows.length > 0 && !phone && (
        <TableScroll label={t.tableLabel}>
          <Table miw={880} aria-label={t.tableLabel} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.colRow}</Table.Th>
                <Table.Th>{t.colLine}</Table.Th>
                <Table.Th>{t.colRef}</Table.Th>
                <Table.Th>{t.colParent}</Table.Th>
                <Table.Th>{t.colText}</Table.Th>
                <Table.Th>{t.colMax}</Table.Th>
                <Table.Th>{t.colSelf}</Table.Th>
                <Table.Th>{t.colEvidence}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {value.rows.map((row, index) => {
                const number = index + 1;
                const node = tree.nodes[index];
                const f = fields(row, index, false);
                return (
                  <Table.Tr key={index} bg={rowsWithErrors.has(number) ? "red.0" : undefined}>
                    <Table.Td>
                      <Text size="sm">{number}</Text>
                    </Table.Td>
                    <Table.Td>{f.line}</Table.Td>
                    <Table.Td>{f.ref}</Table.Td>
                    <Table.Td>{f.parent}</Table.Td>
                    <Table.Td
                      miw={300}
                      pl={`calc(var(--mantine-spacing-xs) + ${((node?.depth ?? 1) - 1) * 1}rem)`}
                    >
                      {f.text}
                    </Table.Td>
                    <Table.Td>{f.max}</Table.Td>
                    <Table.Td>{f.self}</Table.Td>
                    <Table.Td miw={180}>{f.evidence}</Table.Td>
                    <Table.Td>{f.remove}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <Group justify="space-between">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden="true" />}
          onClick={() =>
            onChange({
              ...value,
              rows: [
                ...value.rows,
                {
                  ref: "",
                  parentRef: null,
                  text: "",
                  maxPoints: null,
                  selfScore: null,
                  evidenceHint: null,
                  line: null,
                },
              ],
            })
          }
        >
          {t.addRow}
        </Button>
        <Text size="sm" fw={600} role="status">
          {t.total(formatNumber(tree.totalMaxPoints), value.rows.length)}
        </Text>
      </Group>
      {tree.errors.length > 0 && (
        <Alert color="red" variant="light" title={t.errorsTitle}>
          <List size="sm">
            {tree.errors.map((error, index) => (
              <List.Item key={index}>{error.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {tree.warnings.length > 0 && (
        <Alert
          color="yellow"
          variant="light"
          title={t.warningsTitle}
          icon={<IconAlertTriangle size={18} aria-hidden="true" />}
        >
          <List size="sm">
            {tree.warnings.map((warning, index) => (
              <List.Item key={index}>{warning.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {canSave ? (
        <Paper withBorder p="sm">
          <Group align="flex-end" gap="sm">
            <TextInput
              style={{ flex: 1, minWidth: 260 }}
              label={t.name}
              required
              value={value.name}
              onChange={(event) => onChange({ ...value, name: event.currentTarget.value })}
            />
            <NumberInput
              w={110}
              label={t.year}
              required
              min={2000}
              max={2100}
              allowDecimal={false}
              thousandSeparator=""
              value={value.year}
              onChange={(input) => onChange({ ...value, year: Number(input) || value.year })}
            />
            <Button
              loading={saving}
              disabled={tree.errors.length > 0 || value.name.trim() === ""}
              leftSection={<IconDeviceFloppy size={16} aria-hidden="true" />}
              onClick={onSave}
            >
              {t.save}
            </Button>
          </Group>
        </Paper>
      ) : (
        <Text size="sm" c="dimmed">
          {t.notAllowed}
        </Text>
      )}
      {saveError ? (
        <Alert color="red" variant="light" role="alert" title={errorMessage(saveError)}>
          {serverRowErrors.length > 0 && (
            <List size="sm">
              {serverRowErrors.map((detail, index) => (
                <List.Item key={index}>{detail.message}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      ) : null}
    </Stack>
  );
}
