import { Anchor, Button, Group, Select, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { PLAN_STATUS_LABELS } from "../../../core/plan/plan-status.ts";
import { useMe } from "../../auth/session.ts";
import {
  CaseUnitFilter,
  readsManyUnits,
} from "../../components/case-register/case-unit-filter.tsx";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { DataList, type ListColumn } from "../../components/data-list.tsx";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { vi } from "../../i18n/vi.ts";
import { PlanStatusBadge, ProgressSummary } from "./plan-badges.tsx";
import { planPaths } from "./plan-paths.ts";
import { listPlans, planKeys, type PlanSummary as Plan } from "./plans.api.ts";

/** The list's columns; on a phone the title heads each plan's card. */
function planColumns(showUnit: boolean): ListColumn<Plan>[] {
  return [
    {
      header: t.list.colTitle,
      phone: "title",
      maw: 420,
      cell: (plan) => (
        <>
          <Anchor component={Link} to={planPaths.detail(plan.id)} fw={500}>
            {plan.title}
          </Anchor>
          {plan.version > 1 && (
            <Text size="xs" c="dimmed">
              {t.list.version(plan.version)}
            </Text>
          )}
        </>
      ),
    },
    ...(showUnit
      ? [{ header: t.list.colUnit, phoneWide: true, cell: (plan: Plan) => plan.unitName }]
      : []),
    { header: t.list.colPeriod, cell: (plan) => plan.periodLabel },
    { header: t.list.colNumber, cell: (plan) => plan.planNumber || vi.common.none },
    {
      header: t.list.colStatus,
      cell: (plan) => <PlanStatusBadge status={plan.status} label={plan.statusLabel} />,
    },
    {
      header: t.list.colProgress,
      phoneWide: true,
      cell: (plan) => (
        <ProgressSummary progress={plan.progress} label={`${t.list.colProgress}: ${plan.title}`} />
      ),
    },
  ];
}

/**
 * The plans the user may read, newest period first, with their progress. A user reading many
 * units (district, province, reviewer) has a unit column and a unit filter (`?don-vi=`, asked of
 * the API); a commune's user has neither.
 */
export function PlansPage() {
  const manyUnits = readsManyUnits(useMe());
  const [params, setParams] = useSearchParams();
  const status = params.get("trang-thai");
  const unitId = (manyUnits && params.get("don-vi")) || undefined;
  const query = unitId ? { unitId } : {};
  const plans = useQuery({ queryKey: planKeys.list(query), queryFn: () => listPlans(query) });
  const canCreate = plans.data?.can.create ?? false;
  const rows = [...(plans.data?.data ?? [])]
    .filter((plan) => !status || plan.status === status)
    .sort((a, b) => b.periodStart.localeCompare(a.periodStart) || b.version - a.version);
  const showUnit = manyUnits || new Set(rows.map((plan) => plan.unitId)).size > 1;
  /** One filter of the address changed, the others kept. */
  const setFilter = (name: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title={t.list.title}
        description={t.list.description}
        actions={
          canCreate && (
            <>
              <Button component={Link} to="/ke-hoach/nhap" variant="default">
                Nhập từ văn bản
              </Button>
              <Button
                component={Link}
                to={planPaths.create}
                leftSection={<IconPlus size={16} aria-hidden="true" />}
              >
                {t.list.create}
              </Button>
            </>
          )
        }
      />
      <Group mb="md" align="flex-end">
        <Select
          label="Trạng thái"
          placeholder="Tất cả trạng thái"
          clearable
          data={Object.entries(PLAN_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          value={status}
          onChange={(value) => setFilter("trang-thai", value)}
          w={220}
        />
        {manyUnits && (
          <CaseUnitFilter value={unitId ?? null} onChange={(value) => setFilter("don-vi", value)} />
        )}
      </Group>
      {plans.isPending ? (
        <LoadingBlock />
      ) : plans.isError ? (
        <QueryError error={plans.error} onRetry={() => plans.refetch()} />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{canCreate ? t.list.empty : t.list.emptyReadOnly}</Text>
      ) : (
        <DataList
          label={t.list.tableLabel}
          minWidth={900}
          rows={rows}
          rowKey={(plan) => plan.id}
          columns={planColumns(showUnit)}
        />
      )}
    </>
  );
}
