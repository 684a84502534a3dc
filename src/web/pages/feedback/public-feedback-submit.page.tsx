import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { Link } from "react-router";
import {
  CasePersonFields,
  CasePublicPage,
  casePersonRules,
} from "../../components/case-register/index.ts";
import { FormError, applyServerErrors } from "../../components/form-error.tsx";
import { formatDate } from "../../i18n/format.ts";
import { feedbackPaths } from "./feedback-paths.ts";
import { submitPublicFeedback } from "./feedback.api.ts";
import { PublicFeedbackLinks } from "./public-links.tsx";
import { usePublicUnitOptions } from "./public-units.ts";
import { viFeedback as t } from "./vi-feedback.ts";

interface Values {
  unitCode: string;
  senderName: string;
  senderPhone: string;
  senderEmail: string;
  senderAddress: string;
  title: string;
  content: string;
}

const SENDER = { name: "senderName", phone: "senderPhone" } as const;

/** Public page, no login: a citizen or business sends a feedback and gets its code. */
export function PublicFeedbackSubmitPage() {
  const { options } = usePublicUnitOptions();
  const form = useForm<Values>({
    initialValues: {
      unitCode: "",
      senderName: "",
      senderPhone: "",
      senderEmail: "",
      senderAddress: "",
      title: "",
      content: "",
    },
    validate: {
      unitCode: (v) => (v ? null : t.form.required),
      ...casePersonRules(SENDER, t.form.required),
      title: (v) => (v.trim() ? null : t.form.required),
      content: (v) => (v.trim() ? null : t.form.required),
    },
  });
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      submitPublicFeedback({
        ...values,
        senderEmail: values.senderEmail.trim() || null,
        senderAddress: values.senderAddress.trim() || null,
      }),
    onError: (error) => applyServerErrors(form, error),
  });
  const sent = mutation.data;
  return (
    <CasePublicPage title={t.public.submitTitle} description={t.public.submitDescription}>
      {sent ? (
        <Paper withBorder p="md" role="region" aria-label={t.public.sent}>
          <Title order={2} size="h4" mb="sm">
            {t.public.sent}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mb="sm">
            <div>
              <Text size="xs" c="dimmed">
                {t.public.sentCode}
              </Text>
              <Text fw={700} ff="monospace" data-testid="feedback-code">
                {sent.code}
              </Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t.public.sentDue}
              </Text>
              <Text fw={500}>{formatDate(sent.dueDate)}</Text>
            </div>
          </SimpleGrid>
          <Alert color="blue">{t.public.sentHint}</Alert>
          <Button
            component={Link}
            to={`${feedbackPaths.publicAnswers}?ma=${encodeURIComponent(sent.code)}`}
            variant="default"
            mt="md"
          >
            {t.public.followTitle}
          </Button>
        </Paper>
      ) : (
        <form onSubmit={form.onSubmit((values) => mutation.mutate(values))} noValidate>
          <Stack gap="sm">
            <Select
              label={t.public.unit}
              data={options}
              searchable
              required
              {...form.getInputProps("unitCode")}
            />
            <CasePersonFields
              form={form}
              keys={SENDER}
              labels={{ name: t.public.senderName, phone: t.public.senderPhone }}
              autoComplete
            />
            <Group grow align="flex-start">
              <TextInput
                label={t.public.senderEmail}
                autoComplete="email"
                {...form.getInputProps("senderEmail")}
              />
              <TextInput label={t.public.senderAddress} {...form.getInputProps("senderAddress")} />
            </Group>
            <TextInput label={t.public.subject} required {...form.getInputProps("title")} />
            <Textarea
              label={t.public.content}
              required
              autosize
              minRows={5}
              {...form.getInputProps("content")}
            />
            <FormError error={mutation.error} />
            <Group>
              <Button type="submit" loading={mutation.isPending}>
                {t.public.submit}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <PublicFeedbackLinks current="submit" />
    </CasePublicPage>
  );
}
