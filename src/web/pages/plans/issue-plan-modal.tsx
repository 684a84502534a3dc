import { Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
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
 * which then appear in its header and its Word document.
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
  const issue = useMutation({
    mutationFn: (values: Values) => {
      const input: IssuePlanInput = {
        planNumber: values.planNumber.trim(),
        decisionNumber: values.decisionNumber.trim() || null,
        issuedDate: values.issuedDate,
      };
      return issuePlan(plan.id, input);
    },
    onSuccess: onDone,
    onError: (error) => applyServerErrors(form, error),
  });

  return (
    <Modal opened onClose={onClose} title={t.detail.issueTitle} size="lg">
      <form onSubmit={form.onSubmit((values) => issue.mutate(values))} noValidate>
        <Stack gap="sm">
          <FormError error={issue.error} />
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
            <Button type="submit" loading={issue.isPending}>
              {t.detail.issueConfirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
