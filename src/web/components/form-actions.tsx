import { Button, Group } from "@mantine/core";
import { vi } from "../i18n/vi.ts";
import { FormError } from "./form-error.tsx";

/**
 * The end of a form in a dialog: the server's refusal of `mutation`, then "Hủy" and the confirming
 * button (a submit button unless `onConfirm` is given), busy while the mutation runs.
 */
export function FormActions({
  mutation,
  confirm,
  onCancel,
  onConfirm,
  disabled,
}: {
  mutation: { error: unknown; isPending: boolean };
  confirm: string;
  onCancel: () => void;
  onConfirm?: () => void;
  disabled?: boolean;
}) {
  return (
    <>
      <FormError error={mutation.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {vi.common.cancel}
        </Button>
        <Button
          type={onConfirm ? "button" : "submit"}
          onClick={onConfirm}
          loading={mutation.isPending}
          disabled={disabled}
        >
          {confirm}
        </Button>
      </Group>
    </>
  );
}
