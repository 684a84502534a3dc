import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { downloadPosted } from "../../api/client.ts";
import { FormError } from "../../components/form-error.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { vi } from "../../i18n/vi.ts";
import { viOneStop as t } from "../../i18n/vi-one-stop.ts";

/** What the receive form already holds about the applicant and the procedure. */
export interface RefusalApplicant {
  procedureId: string;
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string;
  applicantIdNumber: string;
  /** As the receive form shows it (inferred or chosen): the refusal addresses by it. */
  applicantKind: "person" | "organisation";
  /** "YYYY-MM-DD HH:mm", or null for now. */
  at: string | null;
}

/**
 * Refusal at the counter (Mẫu số 03): the dossier is not received — no code, no register line —
 * and the applicant takes the form with the reason. Only the reason is asked here.
 */
export function ReceptionRefusalModal({
  applicant,
  onClose,
  onDone,
}: {
  applicant: RefusalApplicant;
  onClose: () => void;
  onDone: () => void;
}) {
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const refuse = useMutation({
    mutationFn: () =>
      downloadPosted(
        `/api/procedures/${encodeURIComponent(applicant.procedureId)}/reception-refusal.docx`,
        {
          applicantName: applicant.applicantName,
          applicantPhone: applicant.applicantPhone,
          applicantAddress: applicant.applicantAddress || null,
          applicantIdNumber: applicant.applicantIdNumber.trim() || null,
          applicantKind: applicant.applicantKind,
          at: applicant.at,
          reason: reason.trim(),
        },
        "tu-choi-tiep-nhan.docx",
      ),
    onSuccess: () => {
      notifySuccess(t.refusalAtCounter.done);
      onDone();
    },
  });
  const confirm = () => {
    if (!reason.trim()) {
      setReasonError(t.refusalAtCounter.reasonRequired);
      return;
    }
    refuse.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t.refusalAtCounter.title} size="md">
      <Stack gap="sm">
        <Text size="sm">{t.refusalAtCounter.body}</Text>
        <Textarea
          label={t.refusalAtCounter.reason}
          required
          autosize
          minRows={3}
          value={reason}
          error={reasonError}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setReasonError(null);
          }}
        />
        <FormError error={refuse.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {vi.common.cancel}
          </Button>
          <Button color="red" loading={refuse.isPending} onClick={confirm}>
            {t.refusalAtCounter.confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
