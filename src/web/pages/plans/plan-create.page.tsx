import {
  Anchor,
  Button,
  Group,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconArrowLeft } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { useMe } from "../../auth/session.ts";
import { DateField } from "../../components/date-field.tsx";
import { applyServerErrors, FormError } from "../../components/form-error.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { vi } from "../../i18n/vi.ts";
import { planPaths } from "./plan-paths.ts";
import {
  createPlan,
  listPlans,
  planKeys,
  type CreatePlanInput,
  type PeriodInput,
} from "./plans.api.ts";
import { UpperTaskPicker } from "./upper-task-picker.tsx";

type Source = "blank" | "copy" | "upper";

interface Values {
  source: Source;
  copyFromPlanId: string | null;
  upperPlanId: string | null;
  periodKind: PeriodInput["kind"];
  year: number | string;
  half: "1" | "2";
  endYear: number | string;
  start: string | null;
  end: string | null;
  title: string;
  decisionNumber: string;
  planNumber: string;
  place: string;
  signerAuthority: string | null;
  signerTitle: string;
  signerName: string;
}

const isYear = (value: number | string) =>
  typeof value === "number" && Number.isInteger(value) && value >= 2000 && value <= 2100;

function periodOf(values: Values): PeriodInput {
  const year = Number(values.year);
  switch (values.periodKind) {
    case "year":
      return { kind: "year", year };
    case "half_year":
      return { kind: "half_year", year, half: values.half === "1" ? 1 : 2 };
    case "multi_year":
      return { kind: "multi_year", year, endYear: Number(values.endYear) };
    case "other":
      return { kind: "other", start: values.start ?? undefined, end: values.end ?? undefined };
  }
}

const blankToNull = (value: string) => value.trim() || null;

/** A new plan: blank, a copy of an earlier plan of the unit, or cascaded from an upper plan. */
export function PlanCreatePage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const nextYear = new Date().getFullYear() + 1;
  const [upperTaskIds, setUpperTaskIds] = useState<string[]>([]);
  const form = useForm<Values>({
    initialValues: {
      source: "blank",
      copyFromPlanId: null,
      upperPlanId: null,
      periodKind: "year",
      year: nextYear,
      half: "1",
      endYear: nextYear + 4,
      start: null,
      end: null,
      title: "",
      decisionNumber: "",
      planNumber: "",
      place: "",
      signerAuthority: "TM.",
      signerTitle: "",
      signerName: "",
    },
    validate: {
      title: (value) => (value.trim() ? null : t.create.titleRequired),
      year: (value, values) =>
        values.periodKind !== "other" && !isYear(value) ? t.create.yearInvalid : null,
      endYear: (value, values) =>
        values.periodKind === "multi_year" && !isYear(value) ? t.create.yearInvalid : null,
      copyFromPlanId: (value, values) =>
        values.source === "copy" && !value ? t.create.chooseSource : null,
      upperPlanId: (value, values) =>
        values.source === "upper" && !value ? t.create.chooseSource : null,
    },
  });
  const values = form.getValues();
  const source = values.source;

  const ownPlans = useQuery({
    queryKey: planKeys.list({ unitId: me.unit.id }),
    queryFn: () => listPlans({ unitId: me.unit.id }),
    enabled: source === "copy",
  });
  const upperPlans = useQuery({
    queryKey: planKeys.list({ upper: true }),
    queryFn: () => listPlans({ upper: true }),
    enabled: source === "upper",
  });

  const create = useMutation({
    mutationFn: (v: Values) => {
      const input: CreatePlanInput = {
        unitId: me.unit.id,
        title: v.title.trim(),
        period: periodOf(v),
        decisionNumber: blankToNull(v.decisionNumber),
        planNumber: blankToNull(v.planNumber),
        place: blankToNull(v.place),
        signerAuthority: (v.signerAuthority as CreatePlanInput["signerAuthority"]) ?? null,
        signerTitle: blankToNull(v.signerTitle),
        signerName: blankToNull(v.signerName),
      };
      if (v.source === "copy") input.copyFromPlanId = v.copyFromPlanId;
      if (v.source === "upper") {
        input.upperPlanId = v.upperPlanId;
        input.upperTaskIds = upperTaskIds;
      }
      return createPlan(input);
    },
    onSuccess: async (created, v) => {
      notifySuccess(t.create.created(v.title.trim()));
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      await navigate(planPaths.detail(created.id));
    },
    onError: (error) => applyServerErrors(form, error),
  });

  const planOptions = (list: typeof ownPlans) =>
    (list.data?.data ?? []).map((plan) => ({
      value: plan.id,
      label: `${plan.title} (${plan.periodLabel}${plan.unitId === me.unit.id ? "" : ` — ${plan.unitName}`})`,
    }));

  return (
    <>
      <Anchor component={Link} to={planPaths.list} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={16} aria-hidden="true" />
          {t.create.back}
        </Group>
      </Anchor>
      <PageHeader title={t.create.title} />
      <form onSubmit={form.onSubmit((v) => create.mutate(v))} noValidate>
        <Stack gap="lg" maw={900}>
          <FormError error={create.error} />
          <Paper withBorder p="md">
            <Radio.Group
              label={t.create.source}
              {...form.getInputProps("source")}
              onChange={(value) => form.setFieldValue("source", value as Source)}
            >
              <Group mt="xs" gap="lg">
                <Radio value="blank" label={t.create.sourceBlank} />
                <Radio value="copy" label={t.create.sourceCopy} />
                <Radio value="upper" label={t.create.sourceUpper} />
              </Group>
            </Radio.Group>
            {values.source === "copy" && (
              <Stack mt="md" gap="xs">
                <Select
                  label={t.create.copyFrom}
                  required
                  data={planOptions(ownPlans)}
                  searchable
                  disabled={ownPlans.isPending}
                  {...form.getInputProps("copyFromPlanId")}
                />
                <Text size="sm" c="dimmed">
                  {ownPlans.data && ownPlans.data.data.length === 0
                    ? t.create.copyNone
                    : t.create.copyHint}
                </Text>
              </Stack>
            )}
            {values.source === "upper" && (
              <Stack mt="md" gap="xs">
                <Select
                  label={t.create.upperPlan}
                  required
                  data={planOptions(upperPlans)}
                  searchable
                  disabled={upperPlans.isPending}
                  {...form.getInputProps("upperPlanId")}
                  onChange={(value) => {
                    form.setFieldValue("upperPlanId", value);
                    setUpperTaskIds([]);
                    // The ward's plan usually covers the upper plan's year.
                    const upper = upperPlans.data?.data.find((plan) => plan.id === value);
                    if (upper) {
                      form.setFieldValue("periodKind", "year");
                      form.setFieldValue("year", Number(upper.periodStart.slice(0, 4)));
                    }
                  }}
                />
                {upperPlans.data && upperPlans.data.data.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t.create.upperNone}
                  </Text>
                )}
                {values.upperPlanId && (
                  <UpperTaskPicker
                    planId={values.upperPlanId}
                    selected={upperTaskIds}
                    onChange={setUpperTaskIds}
                  />
                )}
              </Stack>
            )}
          </Paper>

          <Paper withBorder p="md">
            <Stack gap="sm">
              <Radio.Group
                label={t.create.periodKind}
                {...form.getInputProps("periodKind")}
                onChange={(value) => form.setFieldValue("periodKind", value as PeriodInput["kind"])}
              >
                <Group mt="xs" gap="lg">
                  <Radio value="year" label={t.create.periodYear} />
                  <Radio value="half_year" label={t.create.periodHalf} />
                  <Radio value="multi_year" label={t.create.periodMulti} />
                  <Radio value="other" label={t.create.periodOther} />
                </Group>
              </Radio.Group>
              <Group align="flex-start">
                {values.periodKind !== "other" && (
                  <NumberInput
                    label={values.periodKind === "multi_year" ? t.create.startYear : t.create.year}
                    required
                    min={2000}
                    max={2100}
                    allowDecimal={false}
                    w={140}
                    {...form.getInputProps("year")}
                  />
                )}
                {values.periodKind === "half_year" && (
                  <Select
                    label={t.create.periodHalf}
                    allowDeselect={false}
                    data={[
                      { value: "1", label: t.create.periodHalfFirst },
                      { value: "2", label: t.create.periodHalfLast },
                    ]}
                    w={220}
                    {...form.getInputProps("half")}
                  />
                )}
                {values.periodKind === "multi_year" && (
                  <NumberInput
                    label={t.create.endYear}
                    required
                    min={2000}
                    max={2100}
                    allowDecimal={false}
                    w={140}
                    {...form.getInputProps("endYear")}
                  />
                )}
                {values.periodKind === "other" && (
                  <>
                    <DateField
                      label={t.create.startDate}
                      required
                      w={180}
                      {...form.getInputProps("start")}
                    />
                    <DateField
                      label={t.create.endDate}
                      required
                      w={180}
                      {...form.getInputProps("end")}
                    />
                  </>
                )}
              </Group>
            </Stack>
          </Paper>

          <Paper withBorder p="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t.info.header}
              </Title>
              <TextInput
                label={t.create.titleLabel}
                description={t.create.titleHint}
                required
                {...form.getInputProps("title")}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label={t.create.decisionNumber}
                  placeholder="…/QĐ-UBND"
                  {...form.getInputProps("decisionNumber")}
                />
                <TextInput
                  label={t.create.planNumber}
                  placeholder="…/KH-UBND"
                  {...form.getInputProps("planNumber")}
                />
                <TextInput label={t.create.place} {...form.getInputProps("place")} />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Select
                  label={t.create.signerAuthority}
                  data={["TM.", "KT.", "Q."]}
                  clearable
                  {...form.getInputProps("signerAuthority")}
                />
                <TextInput
                  label={t.create.signerTitle}
                  placeholder="Chủ tịch"
                  {...form.getInputProps("signerTitle")}
                />
                <TextInput label={t.create.signerName} {...form.getInputProps("signerName")} />
              </SimpleGrid>
            </Stack>
          </Paper>
          <Group justify="flex-end">
            <Button variant="default" component={Link} to={planPaths.list}>
              {vi.common.cancel}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t.create.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
