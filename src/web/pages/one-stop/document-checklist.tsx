import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import {
  DOCUMENT_FORMS,
  MAX_COPIES,
  MAX_DOCUMENTS,
  type ChecklistItem,
  type DocumentForm,
} from "../../../core/dossier/required-documents.ts";
import { viOneStop as t } from "../../i18n/vi-one-stop.ts";

const FORM_OPTIONS = DOCUMENT_FORMS.map((value) => ({ value, label: t.documentForms[value] }));

/**
 * The receive form's checklist of the procedure's documents: ticked = received (required ones
 * start ticked, optional ones not), copies editable, and extra lines the clerk names.
 */
export function DocumentChecklist({
  items,
  onChange,
  procedureHasList,
}: {
  items: ChecklistItem[];
  onChange: (items: ChecklistItem[]) => void;
  procedureHasList: boolean;
}) {
  const patch = (index: number, change: Partial<ChecklistItem>) =>
    onChange(items.map((item, i) => (i === index ? { ...item, ...change } : item)));
  const copiesOf = (value: number | string) => {
    const n = Number(value);
    return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_COPIES) : 1;
  };
  return (
    <Fieldset legend={t.receiveForm.documents} aria-label={t.receiveForm.documents}>
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          {procedureHasList ? t.receiveForm.documentsHint : t.receiveForm.noDocuments}
        </Text>
        {items.map((item, index) =>
          item.extra ? (
            <Group key={index} gap="xs" align="flex-end">
              <Checkbox
                aria-label={t.receiveForm.documentReceived(item.name || t.receiveForm.extraName)}
                checked={item.received}
                onChange={(e) => patch(index, { received: e.currentTarget.checked })}
                mb={8}
              />
              <TextInput
                aria-label={`${t.receiveForm.extraName} ${index + 1}`}
                placeholder={t.receiveForm.extraName}
                value={item.name}
                maxLength={500}
                onChange={(e) => patch(index, { name: e.currentTarget.value })}
                style={{ flex: "1 1 180px" }}
              />
              <Select
                aria-label={t.receiveForm.formOf(item.name || t.receiveForm.extraName)}
                data={FORM_OPTIONS}
                value={item.form}
                allowDeselect={false}
                onChange={(v) => v && patch(index, { form: v as DocumentForm })}
                w={170}
              />
              <NumberInput
                aria-label={t.receiveForm.copiesOf(item.name || t.receiveForm.extraName)}
                value={item.copies}
                min={1}
                max={MAX_COPIES}
                allowDecimal={false}
                onChange={(v) => patch(index, { copies: copiesOf(v) })}
                w={80}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mb={4}
                aria-label={t.receiveForm.removeExtra(index + 1)}
                onClick={() => onChange(items.filter((_, i) => i !== index))}
              >
                <IconTrash size={16} aria-hidden="true" />
              </ActionIcon>
            </Group>
          ) : (
            <Group key={index} gap="xs" justify="space-between" wrap="nowrap">
              <Checkbox
                label={
                  <>
                    {item.name}{" "}
                    <Text span size="xs" c="dimmed">
                      ({t.documentForms[item.form].toLowerCase()})
                    </Text>{" "}
                    {item.required ? (
                      <Badge size="xs" variant="light" color="red">
                        {t.receiveForm.requiredMark}
                      </Badge>
                    ) : (
                      <Badge size="xs" variant="light" color="gray">
                        {t.receiveForm.optionalMark}
                      </Badge>
                    )}
                  </>
                }
                checked={item.received}
                onChange={(e) => patch(index, { received: e.currentTarget.checked })}
              />
              <NumberInput
                aria-label={t.receiveForm.copiesOf(item.name)}
                value={item.copies}
                min={1}
                max={MAX_COPIES}
                allowDecimal={false}
                disabled={!item.received}
                onChange={(v) => patch(index, { copies: copiesOf(v) })}
                w={80}
              />
            </Group>
          ),
        )}
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            disabled={items.length >= MAX_DOCUMENTS}
            leftSection={<IconPlus size={14} aria-hidden="true" />}
            onClick={() =>
              onChange([
                ...items,
                {
                  name: "",
                  form: "copy",
                  copies: 1,
                  required: false,
                  received: true,
                  extra: true,
                },
              ])
            }
          >
            {t.receiveForm.addExtra}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
