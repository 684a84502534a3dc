import { Button, Checkbox, Group, Modal, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { DateField } from "../../components/date-field.tsx";
import { FormError, applyServerErrors } from "../../components/form-error.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { viOneStop as t } from "../../i18n/vi-one-stop.ts";
import { oneStopPaths } from "./one-stop-paths.ts";
import { listProcedures, oneStopKeys, receiveDossier, type ReceiveInput } from "./one-stop.api.ts";

interface Values {
  procedureId: string;
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string;
  channel: ReceiveInput["channel"];
  /** YYYY-MM-DD HH:mm:ss (Vietnam) from the date field; null: now. */
  receivedAt: string | null;
  digitised: boolean;
  onlinePayment: boolean;
  electronicResult: boolean;
}

/** Receives a dossier: the server issues the code and the due date; then its page opens. */
export function ReceiveModal({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const procedures = useQuery({
    queryKey: oneStopKeys.procedureList({}),
    queryFn: () => listProcedures({}),
  });
  // A refused moment empties the value, and an empty one means "now": never send it so.
  const [receivedAtProblem, setReceivedAtProblem] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      procedureId: "",
      applicantName: "",
      applicantPhone: "",
      applicantAddress: "",
      channel: "in_person",
      receivedAt: null,
      digitised: false,
      onlinePayment: false,
      electronicResult: false,
    },
    validate: {
      procedureId: (v) => (v ? null : t.receiveForm.required),
      applicantName: (v) => (v.trim() ? null : t.receiveForm.required),
      applicantPhone: (v) => (v.trim() ? null : t.receiveForm.required),
    },
  });
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      receiveDossier({
        procedureId: values.procedureId,
        applicantName: values.applicantName,
        applicantPhone: values.applicantPhone,
        applicantAddress: values.applicantAddress || null,
        channel: values.channel,
        receivedAt: values.receivedAt,
        digitised: values.digitised,
        onlinePayment: values.onlinePayment,
        electronicResult: values.electronicResult,
      }),
    onSuccess: async (dossier) => {
      await queryClient.invalidateQueries({ queryKey: oneStopKeys.dossiers });
      notifySuccess(t.receiveForm.received(dossier.code));
      onClose();
      void navigate(oneStopPaths.dossier(dossier.id));
    },
    onError: (error) => applyServerErrors(form, error),
  });
  const options = (procedures.data?.data ?? [])
    .filter((p) => p.isActive)
    .map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` }));

  return (
    <Modal opened onClose={onClose} title={t.receiveForm.title} size="lg">
      <form
        onSubmit={form.onSubmit((values) => {
          if (receivedAtProblem) {
            form.setFieldError("receivedAt", receivedAtProblem);
            return;
          }
          mutation.mutate(values);
        })}
        noValidate
      >
        <Stack gap="sm">
          <Select
            label={t.receiveForm.procedure}
            data={options}
            searchable
            required
            {...form.getInputProps("procedureId")}
          />
          <TextInput
            label={t.receiveForm.applicantName}
            required
            {...form.getInputProps("applicantName")}
          />
          <Group grow>
            <TextInput
              label={t.receiveForm.applicantPhone}
              required
              inputMode="tel"
              {...form.getInputProps("applicantPhone")}
            />
            <Select
              label={t.receiveForm.channel}
              data={Object.entries(t.channels).map(([value, label]) => ({ value, label }))}
              allowDeselect={false}
              {...form.getInputProps("channel")}
            />
          </Group>
          <TextInput
            label={t.receiveForm.applicantAddress}
            {...form.getInputProps("applicantAddress")}
          />
          <DateField
            withTime
            label={t.receiveForm.receivedAt}
            description={t.receiveForm.receivedAtHint}
            placeholder="02/03/2026 09:00"
            clearable
            onProblem={setReceivedAtProblem}
            {...form.getInputProps("receivedAt")}
          />
          <Group>
            <Checkbox
              label={t.receiveForm.digitised}
              {...form.getInputProps("digitised", { type: "checkbox" })}
            />
            <Checkbox
              label={t.receiveForm.onlinePayment}
              {...form.getInputProps("onlinePayment", { type: "checkbox" })}
            />
            <Checkbox
              label={t.receiveForm.electronicResult}
              {...form.getInputProps("electronicResult", { type: "checkbox" })}
            />
          </Group>
          <FormError error={mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Hủy
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t.receiveForm.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
