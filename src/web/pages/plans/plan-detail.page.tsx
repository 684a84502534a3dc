import { Anchor, Button, Group, Paper, SimpleGrid, Tabs, Text } from "@mantine/core";
import {
  IconArrowLeft,
  IconCopy,
  IconFileSpreadsheet,
  IconFileWord,
  IconSend,
  IconTrash,
} from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { RecordQueryError } from "../../components/record-query-error.tsx";
import { formatDate } from "../../i18n/format.ts";
import { viPlans as t } from "../../i18n/vi-plans.ts";
import { ConfirmModal } from "./confirm-modal.tsx";
import { IssuePlanModal } from "./issue-plan-modal.tsx";
import { PlanStatusBadge, ProgressSummary } from "./plan-badges.tsx";
import { PlanChangesTab } from "./plan-changes-tab.tsx";
import { PlanInfoTab } from "./plan-info-tab.tsx";
import { planPaths } from "./plan-paths.ts";
import { PlanTargetsTab } from "./plan-targets-tab.tsx";
import { PlanTasksTab } from "./plan-tasks-tab.tsx";
import { TaskExcelButton } from "./task-excel-modal.tsx";
import {
  amendPlan,
  deletePlan,
  getPlan,
  planFileUrls,
  planKeys,
  type PlanDetail,
} from "./plans.api.ts";

type Pending = "issue" | "amend" | "delete" | null;
const TABS = ["nhiem-vu", "chi-tieu", "thong-tin", "thay-doi"] as const;
type TabKey = (typeof TABS)[number];

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {/* A div: a fact may be a badge (a div), never inside a paragraph. */}
      <Text component="div" size="sm" fw={500}>
        {children}
      </Text>
    </div>
  );
}

/** "TM. Chủ tịch Nguyễn Văn A"; nothing when neither title nor name is known yet. */
function signerText(plan: PlanDetail): string {
  if (!plan.signerTitle && !plan.signerName) return "";
  return [plan.signerAuthority, plan.signerTitle, plan.signerName].filter(Boolean).join(" ");
}

/** One plan: its header and actions, then tabs for tasks, targets, bases and changes. */
export function PlanDetailPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const [pending, setPending] = useState<Pending>(null);
  const plan = useQuery({ queryKey: planKeys.detail(id), queryFn: () => getPlan(id) });
  const tabParam = searchParams.get("tab") as TabKey | null;
  const tab: TabKey = tabParam && TABS.includes(tabParam) ? tabParam : "nhiem-vu";

  if (plan.isPending) return <LoadingBlock />;
  if (plan.isError) {
    return (
      <RecordQueryError
        error={plan.error}
        onRetry={() => void plan.refetch()}
        backTo={planPaths.list}
        backLabel={t.detail.back}
      />
    );
  }

  const { data, can } = plan.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: planKeys.all });

  return (
    <>
      <Anchor component={Link} to={planPaths.list} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={16} aria-hidden="true" />
          {t.detail.back}
        </Group>
      </Anchor>
      <PageHeader
        title={data.title}
        actions={
          <>
            {can.issue && (
              <Button
                leftSection={<IconSend size={16} aria-hidden="true" />}
                onClick={() => setPending("issue")}
              >
                {t.detail.issue}
              </Button>
            )}
            {can.amend && (
              <Button
                variant="default"
                leftSection={<IconCopy size={16} aria-hidden="true" />}
                onClick={() => setPending("amend")}
              >
                {t.detail.amend}
              </Button>
            )}
            <Button
              variant="default"
              component="a"
              href={planFileUrls.word(data.id)}
              download
              leftSection={<IconFileWord size={16} aria-hidden="true" />}
            >
              {t.detail.downloadWord}
            </Button>
            <Button
              variant="default"
              component="a"
              href={planFileUrls.excel(data.id)}
              download
              leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}
            >
              {t.detail.downloadExcel}
            </Button>
            {/* Only for who may update some of its tasks (never a reviewer or viewer). */}
            {data.status !== "superseded" && data.tasks.some((task) => task.can.update) && (
              <TaskExcelButton planId={data.id} onApplied={refresh} />
            )}
            {can.delete && (
              <Button
                color="red"
                variant="outline"
                leftSection={<IconTrash size={16} aria-hidden="true" />}
                onClick={() => setPending("delete")}
              >
                {t.detail.deleteDraft}
              </Button>
            )}
          </>
        }
      />

      <Paper withBorder p="md" mb="md">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md">
          <Fact label={t.list.colStatus}>
            <PlanStatusBadge status={data.status} label={data.statusLabel} />
          </Fact>
          <Fact label={t.detail.period}>{data.periodLabel}</Fact>
          <Fact label={t.detail.planNumber}>{data.planNumber || t.detail.numberBlank}</Fact>
          <Fact label={t.detail.decisionNumber}>{data.decisionNumber || t.detail.numberBlank}</Fact>
          <Fact label={t.detail.issuedDate}>{formatDate(data.issuedDate)}</Fact>
          <Fact label={t.detail.signer}>{signerText(data) || "—"}</Fact>
        </SimpleGrid>
        <Group mt="md">
          <ProgressSummary
            progress={data.progress}
            label={t.list.colProgress}
            testId="plan-progress"
          />
        </Group>
        {data.upperPlanId && (
          <Anchor component={Link} to={planPaths.detail(data.upperPlanId)} size="sm" mt="xs">
            {t.detail.upperPlan}
          </Anchor>
        )}
      </Paper>

      <Tabs
        value={tab}
        onChange={(value) => value && setSearchParams({ tab: value }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="nhiem-vu">
            {t.detail.tabs.tasks} ({data.tasks.length})
          </Tabs.Tab>
          <Tabs.Tab value="chi-tieu">
            {t.detail.tabs.targets} ({data.targets.length})
          </Tabs.Tab>
          <Tabs.Tab value="thong-tin">{t.detail.tabs.info}</Tabs.Tab>
          <Tabs.Tab value="thay-doi">{t.detail.tabs.changes}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="nhiem-vu">
          <PlanTasksTab plan={data} can={can} />
        </Tabs.Panel>
        <Tabs.Panel value="chi-tieu">
          <PlanTargetsTab plan={data} can={can} />
        </Tabs.Panel>
        <Tabs.Panel value="thong-tin">
          <PlanInfoTab plan={data} can={can} />
        </Tabs.Panel>
        <Tabs.Panel value="thay-doi">
          <PlanChangesTab plan={data} />
        </Tabs.Panel>
      </Tabs>

      {pending === "issue" && (
        <IssuePlanModal
          plan={data}
          onClose={() => setPending(null)}
          onDone={async () => {
            notifySuccess(t.detail.issued);
            setPending(null);
            await refresh();
          }}
        />
      )}
      {pending === "amend" && (
        <ConfirmModal
          title={t.detail.amendTitle}
          text={t.detail.amendText}
          confirmLabel={t.detail.amend}
          action={() => amendPlan(data.id)}
          onClose={() => setPending(null)}
          onDone={async (result) => {
            notifySuccess(t.detail.amended);
            setPending(null);
            await refresh();
            await navigate(planPaths.detail((result as { id: string }).id));
          }}
        />
      )}
      {pending === "delete" && (
        <ConfirmModal
          title={t.detail.deleteTitle}
          text={t.detail.deleteText(data.title)}
          confirmLabel={t.detail.deleteConfirm}
          color="red"
          action={() => deletePlan(data.id)}
          onClose={() => setPending(null)}
          onDone={async () => {
            notifySuccess(t.detail.deleted);
            setPending(null);
            queryClient.removeQueries({ queryKey: planKeys.detail(data.id) });
            await refresh();
            await navigate(planPaths.list);
          }}
        />
      )}
    </>
  );
}
