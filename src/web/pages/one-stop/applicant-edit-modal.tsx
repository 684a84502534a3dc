import { Modal, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { APPLICANT_KIND_LABELS, type ApplicantKind } from "../../../core/dossier/applicant-kind.ts";
import { CasePersonFields, casePersonRules } from "../../components/case-register/index.ts";
import { FormActions } from "../../components/form-actions.tsx";
import { applyServerErrors } from "../../components/form-error.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { viOneStop as t } from "../../i18n/vi-one-stop.ts";
import {
  oneStopKeys,
  updateDossier,
  type DossierDetail,
  type DossierUpdate,
} from "./one-stop.api.ts";

interface Values {
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string;
  applicantKind: ApplicantKind;
}

const APPLICANT = { name: "applicantName", phone: "applicantPhone" } as const;

/**
 * Corrects a dossier's applicant as the receive form took it — name, kind (Cá nhân / Tổ chức),
 * phone, address — through `PATCH /api/dossiers/:id`; only what changed is sent (the kind once
 * chosen here is said, no longer inferred). The ID number is shown masked to everyone, so it is
 * not offered here. Opened only for a reader who sees the applicant in full and may write.
 */
export function ApplicantEditModal({
  dossier,
  onClose,
}: {
  dossier: DossierDetail;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const initial: Values = {
    applicantName: dossier.applicantName,
    applicantPhone: dossier.applicantPhone,
    applicantAddress: dossier.applicantAddress ?? "",
    applicantKind: dossier.applicantKind,
  };
  const form = useForm<Values>({
    initialValues: initial,
    validate: casePersonRules(APPLICANT, t.receiveForm.required),
  });
  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const changes: DossierUpdate = {};
      if (values.applicantName.trim() !== initial.applicantName)
        changes.applicantName = values.applicantName;
      if (values.applicantPhone.trim() !== initial.applicantPhone)
        changes.applicantPhone = values.applicantPhone;
      if (values.applicantAddress.trim() !== initial.applicantAddress)
        changes.applicantAddress = values.applicantAddress.trim() || null;
      // An inferred kind confirmed as it is becomes said, too.
      if (values.applicantKind !== initial.applicantKind || !dossier.applicantKindSaid)
        changes.applicantKind = values.applicantKind;
      return updateDossier(dossier.id, changes);
    },
    onSuccess: async (updated) => {
      queryClient.setQueryData(oneStopKeys.dossier(dossier.id), updated);
      await queryClient.invalidateQueries({ queryKey: oneStopKeys.dossiers });
      notifySuccess(t.applicantEdit.saved);
      onClose();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <Modal opened onClose={onClose} title={t.applicantEdit.title} size="lg">
      <form onSubmit={form.onSubmit((values) => mutation.mutate(values))} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t.applicantEdit.body}
          </Text>
          <CasePersonFields
            form={form}
            keys={APPLICANT}
            labels={{ name: t.receiveForm.applicantName, phone: t.receiveForm.applicantPhone }}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="applicant-edit-kind-label">
              {t.receiveForm.applicantKind}
            </Text>
            <SegmentedControl
              aria-labelledby="applicant-edit-kind-label"
              data={Object.entries(APPLICANT_KIND_LABELS).map(([value, label]) => ({
                value,
                label,
              }))}
              value={form.values.applicantKind}
              onChange={(value) => form.setFieldValue("applicantKind", value as ApplicantKind)}
              w={{ base: "100%", xs: 260 }}
            />
            {!dossier.applicantKindSaid && (
              <Text size="xs" c="dimmed">
                {t.detail.applicantKindInferred}
              </Text>
            )}
          </Stack>
          <TextInput
            label={t.receiveForm.applicantAddress}
            {...form.getInputProps("applicantAddress")}
          />
          <FormActions mutation={mutation} confirm={t.applicantEdit.save} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
