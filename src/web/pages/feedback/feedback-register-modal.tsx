import { Button, Group, Modal, Select, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useMe } from "../../auth/session.ts";
import { DateField } from "../../components/date-field.tsx";
import { FormError, applyServerErrors } from "../../components/form-error.tsx";
import { notifySuccess } from "../../components/notify.ts";
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

/** Registers a feedback received by any channel; the server issues the code and due dates. */
export function FeedbackRegisterModal({ onClose }: { onClose: () => void }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // A refused moment empties the value, and an empty one means "now": never send it so.
  const [receivedAtProblem, setReceivedAtProblem] = useState<string | null>(null);
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
      senderName: (v) => (v.trim() ? null : t.form.required),
      senderPhone: (v) => (v.trim() ? null : t.form.required),
      title: (v) => (v.trim() ? null : t.form.required),
      content: (v) => (v.trim() ? null : t.form.required),
    },
  });
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      registerFeedback({
        ...values,
        senderEmail: values.senderEmail.trim() || null,
        senderAddress: values.senderAddress.trim() || null,
        receivedAt: values.receivedAt,
      }),
    onSuccess: async (feedback) => {
      await queryClient.invalidateQueries({ queryKey: feedbackKeys.all });
      notifySuccess(t.form.registered(feedback.code));
      onClose();
      void navigate(feedbackPaths.detail(feedback.id));
    },
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <Modal opened onClose={onClose} title={t.form.title} size="lg">
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
          <Group grow align="flex-start">
            <UnitSelect label={t.form.unit} required {...form.getInputProps("unitId")} />
            <Select
              label={t.form.channel}
              data={t.staffChannels}
              allowDeselect={false}
              {...form.getInputProps("channel")}
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t.form.senderName} required {...form.getInputProps("senderName")} />
            <TextInput
              label={t.form.senderPhone}
              required
              inputMode="tel"
              {...form.getInputProps("senderPhone")}
            />
          </Group>
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
          <DateField
            withTime
            label={t.form.receivedAt}
            description={t.form.receivedAtHint}
            placeholder="02/03/2026 09:00"
            clearable
            onProblem={setReceivedAtProblem}
            {...form.getInputProps("receivedAt")}
          />
          <FormError error={mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t.form.cancel}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t.form.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
