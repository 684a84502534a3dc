import { Alert, Button, Group, Modal, Stack, Textarea } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormError } from "../../components/form-error.tsx";
import { viOneStop } from "../../i18n/vi-one-stop.ts";

const t = viOneStop.voiding;

/**
 * Asks an administrator why wrongly imported dossiers are voided (one dossier, or every dossier of
 * an import run), then sends the reason; nothing is deleted.
 */
export function VoidModal({
  title,
  warning,
  onVoid,
  onDone,
  onClose,
}: {
  title: string;
  warning: string;
  onVoid: (reason: string) => Promise<unknown>;
  onDone: () => void | Promise<void>;
  onClose: () => void;
}) {
  const [reason, setReason] = useState("");
  const mutation = useMutation({
    mutationFn: () => onVoid(reason.trim()),
    onSuccess: async () => {
      await onDone();
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack gap="sm">
        <Alert color="red" variant="light">
          {warning}
        </Alert>
        <Textarea
          label={t.reason}
          description={t.reasonHint}
          required
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
          data-autofocus
        />
        <FormError error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t.cancel}
          </Button>
          <Button
            color="red"
            onClick={() => mutation.mutate()}
            loading={mutation.isPending}
            disabled={!reason.trim()}
          >
            {t.confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
