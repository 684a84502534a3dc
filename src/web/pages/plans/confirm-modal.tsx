import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { FormError } from "../../components/form-error.tsx";
import { vi } from "../../i18n/vi.ts";

/** Ask before an action that cannot be undone; the server's error stays inside the dialog. */
export function ConfirmModal({
  title,
  text,
  confirmLabel,
  color = "blue",
  action,
  onDone,
  onClose,
}: {
  title: string;
  text: string;
  confirmLabel: string;
  color?: string;
  action: () => Promise<unknown>;
  onDone: (result: unknown) => void | Promise<void>;
  onClose: () => void;
}) {
  const run = useMutation({ mutationFn: action, onSuccess: onDone });
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack gap="md">
        <FormError error={run.error} />
        <Text size="sm">{text}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {vi.common.cancel}
          </Button>
          <Button color={color} loading={run.isPending} onClick={() => run.mutate()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
