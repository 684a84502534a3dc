import { Group, Modal, Select, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useMe } from "../../auth/session.ts";
import {
  CaseMomentField,
  CasePersonFields,
  casePersonRules,
  useCaseEntered,
  useReceivedAtField,
} from "../../components/case-register/index.ts";
import { FormActions } from "../../components/form-actions.tsx";
import { applyServerErrors } from "../../components/form-error.tsx";
import { UnitSelect } from "../../components/unit-select.tsx";
import { feedbackPaths } from "./feedback-paths.ts";
import { feedbackKeys, registerFeedback } from "./feedback.api.ts";
import { viFeedback as t } from "./vi-feedback.ts";

interface Values {
  unitId: string;
  channel: string;
  senderName: string;
  senderPhone: string;
  senderEmail: string;
  senderAddress: string;
  title: string;
  content: string;
  /** YYYY-MM-DD HH:mm:ss (Vietnam) from the date field; null: now. */
  receivedAt: string | null;
}

const SENDER = { name: "senderName", phone: "senderPhone" } as const;

/** Registers a feedback received by any channel; the server issues the code and due dates. */
export function FeedbackRegisterModal({ onClose }: { onClose: () => void }) {
  const me = useMe();
  const form = useForm<Values>({
    initialValues: {
      unitId: me.unit.id,
      channel: "in_person",
      senderName: "",
      senderPhone: "",
      senderEmail: "",
      senderAddress: "",
      title: "",
      content: "",
      receivedAt: null,
    },
    validate: {
      unitId: (v) => (v ? null : t.form.required),
      ...casePersonRules(SENDER, t.form.required),
      title: (v) => (v.trim() ? null : t.form.required),
      content: (v) => (v.trim() ? null : t.form.required),
    },
  });
  const receivedAt = useReceivedAtField(form);
  const entered = useCaseEntered({
    listKey: feedbackKeys.all,
    message: t.form.registered,
    pathOf: feedbackPaths.detail,
    onClose,
  });
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      registerFeedback({
        ...values,
        senderEmail: values.senderEmail.trim() || null,
        senderAddress: values.senderAddress.trim() || null,
        receivedAt: values.receivedAt,
      }),
    onSuccess: entered,
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <Modal opened onClose={onClose} title={t.form.title} size="lg">
      <form
        onSubmit={form.onSubmit((values) => {
          if (receivedAt.ok()) mutation.mutate(values);
        })}
        noValidate
      >
        <Stack gap="sm">
          <Group grow align="flex-start">
            <UnitSelect label={t.form.unit} required {...form.getInputProps("unitId")} />
            <Select
              label={t.form.channel}
              data={t.staffChannels}
              allowDeselect={false}
              {...form.getInputProps("channel")}
            />
          </Group>
          <CasePersonFields
            form={form}
            keys={SENDER}
            labels={{ name: t.form.senderName, phone: t.form.senderPhone }}
          />
          <Group grow align="flex-start">
            <TextInput label={t.form.senderEmail} {...form.getInputProps("senderEmail")} />
            <TextInput label={t.form.senderAddress} {...form.getInputProps("senderAddress")} />
          </Group>
          <TextInput label={t.form.subject} required {...form.getInputProps("title")} />
          <Textarea
            label={t.form.content}
            required
            autosize
            minRows={4}
            {...form.getInputProps("content")}
          />
          <CaseMomentField
            label={t.form.receivedAt}
            description={t.form.receivedAtHint}
            {...receivedAt.field}
          />
          <FormActions mutation={mutation} confirm={t.form.submit} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
