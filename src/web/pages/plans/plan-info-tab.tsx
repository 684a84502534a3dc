import {
  Button,
  Group,
  List,
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
import { IconPencil } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { applyServerErrors, FormError } from "../../components/form-error.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { vi } from "../../i18n/vi.ts";
import {
  updatePlan,
  type Basis,
  type BasisInput,
  type Duty,
  type DutyInput,
  type PlanCan,
  type PlanDetail,
} from "./plans.api.ts";
import { PlanReportSchedule } from "./plan-report-schedule.tsx";
import { useInvalidatePlans } from "./use-invalidate-plans.ts";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div>
      <Title order={2} size="h5" mb={4}>
        {title}
      </Title>
      {children}
    </div>
  );
}

function Paragraphs({ text }: { text: string }) {
  if (!text.trim()) return <Text c="dimmed">{t.info.empty}</Text>;
  return (
    <Stack gap={4}>
      {text.split(/\n+/).map((line, index) => (
        <Text size="sm" key={index}>
          {line}
        </Text>
      ))}
    </Stack>
  );
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** Bases typed one a line; a line left unchanged keeps its number, date and issuer. */
function basesFrom(text: string, existing: Basis[]): BasisInput[] {
  return lines(text).map((line) => {
    const same = existing.find((basis) => basis.text === line);
    return same
      ? { type: same.type, number: same.number, date: same.date, issuer: same.issuer, text: line }
      : { type: null, number: null, date: null, issuer: null, text: line };
  });
}

function dutiesText(duties: Duty[]): string {
  return duties.map((duty) => [duty.agencyName, ...duty.duties].join("\n")).join("\n\n");
}

/** Paragraphs separated by a blank line: the agency first, then its duties. */
function dutiesFrom(text: string, existing: Duty[]): DutyInput[] {
  return text
    .split(/\n\s*\n/)
    .map(lines)
    .filter((block) => block.length > 0)
    .map(([agencyName = "", ...duties]) => ({
      agencyName,
      agencyId: existing.find((duty) => duty.agencyName === agencyName)?.agencyId ?? null,
      duties,
    }));
}

interface Values {
  title: string;
  decisionNumber: string;
  planNumber: string;
  place: string;
  signerAuthority: string | null;
  signerTitle: string;
  signerName: string;
  bases: string;
  purposes: string;
  requirements: string;
  funding: string;
  duties: string;
  recipients: string;
}

function InfoForm({ plan, onDone }: { plan: PlanDetail; onDone: () => void }) {
  const invalidate = useInvalidatePlans();
  const form = useForm<Values>({
    initialValues: {
      title: plan.title,
      decisionNumber: plan.decisionNumber ?? "",
      planNumber: plan.planNumber ?? "",
      place: plan.place ?? "",
      signerAuthority: plan.signerAuthority,
      signerTitle: plan.signerTitle ?? "",
      signerName: plan.signerName ?? "",
      bases: plan.bases.map((basis) => basis.text).join("\n"),
      purposes: plan.purposes,
      requirements: plan.requirements,
      funding: plan.funding,
      duties: dutiesText(plan.duties),
      recipients: plan.recipients.join("\n"),
    },
    validate: { title: (value) => (value.trim() ? null : t.create.titleRequired) },
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      updatePlan(plan.id, {
        title: v.title.trim(),
        decisionNumber: v.decisionNumber.trim() || null,
        planNumber: v.planNumber.trim() || null,
        place: v.place.trim() || null,
        signerAuthority: (v.signerAuthority as "TM." | "KT." | "Q." | null) ?? null,
        signerTitle: v.signerTitle.trim() || null,
        signerName: v.signerName.trim() || null,
        bases: basesFrom(v.bases, plan.bases),
        purposes: v.purposes.trim(),
        requirements: v.requirements.trim(),
        funding: v.funding.trim(),
        duties: dutiesFrom(v.duties, plan.duties),
        recipients: lines(v.recipients),
      }),
    onSuccess: async () => {
      notifySuccess(t.info.saved);
      await invalidate();
      onDone();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
      <Stack gap="sm">
        <FormError error={save.error} />
        <TextInput
          label={t.create.titleLabel}
          description={t.create.titleHint}
          required
          {...form.getInputProps("title")}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t.create.decisionNumber} {...form.getInputProps("decisionNumber")} />
          <TextInput label={t.create.planNumber} {...form.getInputProps("planNumber")} />
          <TextInput label={t.create.place} {...form.getInputProps("place")} />
          <Select
            label={t.create.signerAuthority}
            data={["TM.", "KT.", "Q."]}
            clearable
            {...form.getInputProps("signerAuthority")}
          />
          <TextInput label={t.create.signerTitle} {...form.getInputProps("signerTitle")} />
          <TextInput label={t.create.signerName} {...form.getInputProps("signerName")} />
        </SimpleGrid>
        <Textarea
          label={t.info.bases}
          description={t.info.basesHint}
          autosize
          minRows={3}
          {...form.getInputProps("bases")}
        />
        <Textarea
          label={t.info.purposes}
          autosize
          minRows={3}
          {...form.getInputProps("purposes")}
        />
        <Textarea
          label={t.info.requirements}
          autosize
          minRows={3}
          {...form.getInputProps("requirements")}
        />
        <Textarea label={t.info.funding} autosize minRows={2} {...form.getInputProps("funding")} />
        <Textarea
          label={t.info.duties}
          description={t.info.dutiesHint}
          autosize
          minRows={4}
          {...form.getInputProps("duties")}
        />
        <Textarea
          label={t.info.recipients}
          description={t.info.recipientsHint}
          autosize
          minRows={3}
          {...form.getInputProps("recipients")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {vi.common.cancel}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t.info.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Bases, purposes, requirements, funding, duties per agency and recipients; edited on drafts. */
export function PlanInfoTab({ plan, can }: { plan: PlanDetail; can: PlanCan }) {
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <Paper withBorder p="md">
        <InfoForm plan={plan} onDone={() => setEditing(false)} />
      </Paper>
    );
  }
  return (
    <Stack gap="lg">
      {can.edit && (
        <Group>
          <Button
            variant="default"
            leftSection={<IconPencil size={16} aria-hidden="true" />}
            onClick={() => setEditing(true)}
          >
            {t.detail.edit}
          </Button>
        </Group>
      )}
      <Section title={t.info.bases}>
        {plan.bases.length === 0 ? (
          <Text c="dimmed">{t.info.basesEmpty}</Text>
        ) : (
          <List size="sm" spacing={4}>
            {plan.bases.map((basis, index) => (
              <List.Item key={basis.id ?? index}>{basis.text}</List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section title={t.info.purposes}>
        <Paragraphs text={plan.purposes} />
      </Section>
      <Section title={t.info.requirements}>
        <Paragraphs text={plan.requirements} />
      </Section>
      <Section title={t.info.funding}>
        <Paragraphs text={plan.funding} />
      </Section>
      <Section title={t.info.duties}>
        {plan.duties.length === 0 ? (
          <Text c="dimmed">{t.info.dutiesEmpty}</Text>
        ) : (
          <Stack gap="sm">
            {plan.duties.map((duty, index) => (
              <div key={`${duty.agencyName}-${index}`}>
                <Text size="sm" fw={500}>
                  {duty.agencyName}
                </Text>
                <List size="sm" spacing={2}>
                  {duty.duties.map((line, i) => (
                    <List.Item key={i}>{line}</List.Item>
                  ))}
                </List>
              </div>
            ))}
          </Stack>
        )}
      </Section>
      <Section title={t.reportSchedule.title}>
        <PlanReportSchedule plan={plan} can={can} />
      </Section>
      <Section title={t.info.recipients}>
        {plan.recipients.length === 0 ? (
          <Text c="dimmed">{t.info.empty}</Text>
        ) : (
          <List size="sm" spacing={2}>
            {plan.recipients.map((recipient, index) => (
              <List.Item key={index}>{recipient}</List.Item>
            ))}
          </List>
        )}
      </Section>
    </Stack>
  );
}
