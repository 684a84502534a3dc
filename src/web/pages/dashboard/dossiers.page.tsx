import { Anchor, Button, Group, Pagination, Stack, Text } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { DOSSIER_SETS } from "../../../core/kpi/catalogue.ts";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { DataList, type ListColumn } from "../../components/data-list.tsx";
import { formatDate, formatDateTime, formatNumber } from "../../i18n/format.ts";
import { STATE_LABELS, type DossierState } from "../one-stop/one-stop.api.ts";
import { oneStopPaths } from "../one-stop/one-stop-paths.ts";
import {
  dashboardKeys,
  listDueSoon,
  listKpiDossiers,
  type DossierSet,
  type KpiDossier,
  type TableExport,
} from "./dashboard.api.ts";
import { dashboardPaths } from "./dashboard-paths.ts";
import { ExportButton } from "./export-button.tsx";
import { selectionQuery } from "./period.ts";
import { useSelection } from "./use-selection.ts";
import { viDashboard as t } from "./vi-dashboard.ts";

const PAGE_SIZE = 50;

/** The dossiers behind one figure of a dashboard (`/api/kpi/dossiers`), each linking to its page. */
export function KpiDossiersPage() {
  const { selection } = useSelection();
  const [params, setParams] = useSearchParams();
  const rawSet = params.get("set") ?? "to_process";
  const dueSoon = rawSet === "due_soon";
  const set: DossierSet = (DOSSIER_SETS as readonly string[]).includes(rawSet)
    ? (rawSet as DossierSet)
    : "to_process";
  const page = Math.max(1, Number(params.get("page") ?? 1) || 1);
  const offset = (page - 1) * PAGE_SIZE;
  const date = selection.to ?? "";
  const days = Number(params.get("days") ?? 2);
  const key = `${selectionQuery(selection, { set: rawSet, offset, days })}`;
  const list = useQuery({
    queryKey: dashboardKeys.dossiers(key),
    queryFn: async () => {
      if (dueSoon) {
        const result = await listDueSoon({
          unitId: selection.unitId,
          date,
          days,
          limit: PAGE_SIZE,
          offset,
        });
        return {
          rows: result.data,
          total: result.total,
          caption: t.dueSoonTitle(formatDate(result.until)),
        };
      }
      const result = await listKpiDossiers(selection, { set, limit: PAGE_SIZE, offset });
      return { rows: result.data, total: result.total, caption: result.period.label };
    },
  });
  const title = dueSoon ? t.queue.dueSoon : t.sets[set];
  const back = `${dashboardPaths.unit}?${selectionQuery(selection)}`;
  const pageCount = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  const exportTable = (): TableExport => ({
    title,
    subtitle: list.data ? [list.data.caption] : [],
    fileName: `ho-so-${rawSet.replaceAll("_", "-")}`,
    columns: [
      { header: t.dossiers.colCode },
      { header: t.dossiers.colUnit },
      { header: t.dossiers.colProcedure },
      { header: t.dossiers.colApplicant, personal: "name" },
      { header: t.dossiers.colReceived },
      { header: t.dossiers.colDue },
      { header: t.dossiers.colFinished },
      { header: t.dossiers.colState },
      { header: t.dossiers.colTimeliness },
    ],
    rows: (list.data?.rows ?? []).map((d) => [
      d.code,
      d.unitName,
      `${d.procedureCode} — ${d.procedureName}`,
      d.applicantName,
      formatDateTime(d.receivedAt),
      formatDate(d.dueDate),
      d.finishedAt ? formatDateTime(d.finishedAt) : "",
      stateLabel(d.state),
      d.timeliness ? (t.timeliness[d.timeliness] ?? d.timeliness) : "",
    ]),
  });
  return (
    <>
      <PageHeader
        title={`${t.dossiers.title}: ${title}`}
        description={list.data?.caption}
        actions={
          <Button
            component={Link}
            to={back}
            variant="default"
            size="sm"
            leftSection={<IconArrowLeft size={16} aria-hidden="true" />}
          >
            {t.dossiers.back}
          </Button>
        }
      />
      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Stack gap="sm">
          <Group justify="space-between">
            <Text size="sm" data-testid="kpi-dossier-count">
              {t.dossiers.count(formatNumber(list.data.total))}
            </Text>
            <ExportButton table={exportTable} label={t.dossiers.tableLabel} />
          </Group>
          {list.data.rows.length === 0 ? (
            <Text c="dimmed">{t.dossiers.empty}</Text>
          ) : (
            <DataList
              label={t.dossiers.tableLabel}
              minWidth={900}
              rows={list.data.rows}
              rowKey={(d) => d.id}
              columns={dossierColumns}
            />
          )}
          {pageCount > 1 && (
            <nav aria-label={t.dossiers.tableLabel}>
              <Pagination
                total={pageCount}
                value={page}
                onChange={(next) => {
                  const nextParams = new URLSearchParams(params);
                  nextParams.set("page", String(next));
                  setParams(nextParams);
                }}
                size="sm"
              />
            </nav>
          )}
        </Stack>
      )}
    </>
  );
}

function stateLabel(state: string): string {
  return STATE_LABELS[state as DossierState] ?? state;
}

/** The dossiers' columns: a table on a computer, one card per dossier (headed by its code) on a phone. */
const dossierColumns: ListColumn<KpiDossier>[] = [
  {
    header: t.dossiers.colCode,
    phone: "title",
    nowrap: true,
    cell: (d) => (
      <Anchor component={Link} to={oneStopPaths.dossier(d.id)} fw={500}>
        {d.code}
      </Anchor>
    ),
  },
  { header: t.dossiers.colUnit, cell: (d) => d.unitName },
  {
    header: t.dossiers.colProcedure,
    maw: 320,
    phoneWide: true,
    cell: (d) => `${d.procedureCode} — ${d.procedureName}`,
  },
  { header: t.dossiers.colApplicant, cell: (d) => d.applicantName },
  { header: t.dossiers.colReceived, cell: (d) => formatDateTime(d.receivedAt) },
  { header: t.dossiers.colDue, cell: (d) => formatDate(d.dueDate) },
  {
    header: t.dossiers.colFinished,
    cell: (d) => (d.finishedAt ? formatDateTime(d.finishedAt) : ""),
  },
  {
    header: t.dossiers.colTimeliness,
    cell: (d) => (
      <>
        {d.timeliness ? (t.timeliness[d.timeliness] ?? d.timeliness) : ""}
        <Text size="xs" c="dimmed">
          {stateLabel(d.state)}
        </Text>
      </>
    ),
  },
];
