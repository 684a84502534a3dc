import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError } from "../../api/client.ts";
import { DateField } from "../../components/date-field.tsx";
import { applyServerErrors, FormError } from "../../components/form-error.tsx";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { vi } from "../../i18n/vi.ts";
import { issuePlan, type IssuePlanInput, type PlanDetail } from "./plans.api.ts";

interface Values {
  planNumber: string;
  decisionNumber: string;
  issuedDate: string | null;
}

/** Today in Vietnam (UTC+7) as `YYYY-MM-DD`. */
function todayInVietnam(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
}

/**
 * "Ban hành": the plan is issued with its number, its decision number (if any) and its date,
 * which then appear in its header and its Word document. Tasks without a lead agency are listed
 * (PLAN_TASKS_WITHOUT_LEAD) and the plan is issued only once the officer confirms.
 */
export function IssuePlanModal({
  plan,
  onClose,
  onDone,
}: {
  plan: PlanDetail;
  onClose: () => void;
  onDone: () => void | Promise<void>;
}) {
  const form = useForm<Values>({
    initialValues: {
      planNumber: plan.planNumber ?? "",
      decisionNumber: plan.decisionNumber ?? "",
      issuedDate: plan.issuedDate ?? todayInVietnam(),
    },
    validate: {
      planNumber: (value) => (value.trim() ? null : t.detail.issuePlanNumberRequired),
      issuedDate: (value) => (value ? null : t.detail.issueDateRequired),
    },
  });
  const [withoutLead, setWithoutLead] = useState<string[] | null>(null);
  const issue = useMutation({
    mutationFn: ({ values, confirmed }: { values: Values; confirmed: boolean }) => {
      const input: IssuePlanInput = {
        planNumber: values.planNumber.trim(),
        decisionNumber: values.decisionNumber.trim() || null,
        issuedDate: values.issuedDate,
        ...(confirmed ? { confirmTasksWithoutLead: true } : {}),
      };
      return issuePlan(plan.id, input);
    },
    onSuccess: onDone,
    onError: (error) => {
      if (error instanceof ApiError && error.code === "PLAN_TASKS_WITHOUT_LEAD") {
        setWithoutLead(error.details.map((detail) => detail.message));
        return;
      }
      applyServerErrors(form, error);
    },
  });
  const needsConfirmation = withoutLead !== null;

  return (
    <Modal opened onClose={onClose} title={t.detail.issueTitle} size="lg">
      <form
        onSubmit={form.onSubmit((values) => issue.mutate({ values, confirmed: needsConfirmation }))}
        noValidate
      >
        <Stack gap="sm">
          {needsConfirmation ? (
            <Alert color="yellow" variant="light" title={t.detail.issueWithoutLeadTitle}>
              <Text size="sm" mb="xs">
                {t.detail.issueWithoutLeadText}
              </Text>
              <List size="sm" data-testid="tasks-without-lead">
                {withoutLead.map((text, index) => (
                  <List.Item key={index}>{text}</List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            <FormError error={issue.error} />
          )}
          <Text size="sm">{t.detail.issueText}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t.detail.issuePlanNumber}
              description={t.detail.issuePlanNumberHint}
              required
              data-autofocus
              {...form.getInputProps("planNumber")}
            />
            <DateField label={t.detail.issueDate} required {...form.getInputProps("issuedDate")} />
          </SimpleGrid>
          <TextInput
            label={t.detail.issueDecisionNumber}
            description={t.detail.issueDecisionNumberHint}
            {...form.getInputProps("decisionNumber")}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {vi.common.cancel}
            </Button>
            <Button
              type="submit"
              color={needsConfirmation ? "yellow" : undefined}
              loading={issue.isPending}
            >
              {needsConfirmation ? t.detail.issueWithoutLeadConfirm : t.detail.issueConfirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
