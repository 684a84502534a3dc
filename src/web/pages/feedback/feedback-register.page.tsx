import { Button, Checkbox, Select, Text } from "@mantine/core";
import { IconExternalLink, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import {
  CaseRegisterFilters,
  CaseRegisterTable,
  CaseUnitFilter,
  readsManyUnits,
  unitColumn,
  useCaseRegisterFilters,
  type CaseColumn,
} from "../../components/case-register/index.ts";
import { useMe } from "../../auth/session.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { formatDate, formatDateTime } from "../../i18n/format.ts";
import { feedbackPaths } from "./feedback-paths.ts";
import { FeedbackRegisterModal } from "./feedback-register-modal.tsx";
import { feedbackKeys, listFeedback, type Feedback, type FeedbackQuery } from "./feedback.api.ts";
import { viFeedback as t } from "./vi-feedback.ts";

const PAGE_SIZE = 50;
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

const columns: CaseColumn<Feedback>[] = [
  {
    header: t.register.columns.title,
    maw: 320,
    phoneWide: true,
    cell: (f) => (
      <>
        <Text size="sm" lineClamp={2}>
          {f.title}
        </Text>
        <Text size="xs" c="dimmed">
          {f.channelLabel}
          {f.classificationLabel ? ` · ${f.classificationLabel}` : ""}
        </Text>
      </>
    ),
  },
  { header: t.register.columns.sender, cell: (f) => f.senderName },
  { header: t.register.columns.receivedAt, cell: (f) => formatDateTime(f.receivedAt) },
  {
    header: t.register.columns.dueDate,
    cell: (f) => formatDate(f.state === "transferred" ? f.transferDueDate : f.dueDate),
  },
  {
    header: t.register.columns.state,
    cell: (f) => (
      <>
        {f.stateLabel}
        {f.assignedAgencyName && (
          <Text size="xs" c="dimmed">
            {f.assignedAgencyName}
          </Text>
        )}
      </>
    ),
  },
];

/** Sổ theo dõi phản ánh, kiến nghị: search, filters, overdue, and the register form. */
export function FeedbackRegisterPage() {
  const manyUnits = readsManyUnits(useMe());
  const filters = useCaseRegisterFilters(
    {
      classification: null as string | null,
      channel: null as string | null,
      unitId: null as string | null,
      dueSoon: false,
    },
    PAGE_SIZE,
  );
  const [registering, setRegistering] = useState(false);
  const query: FeedbackQuery = filters.query;
  const list = useQuery({ queryKey: feedbackKeys.list(query), queryFn: () => listFeedback(query) });

  return (
    <>
      <PageHeader
        title={t.register.title}
        description={t.register.description}
        actions={
          <>
            <Button
              component={Link}
              to={feedbackPaths.publicAnswers}
              variant="default"
              leftSection={<IconExternalLink size={16} aria-hidden="true" />}
            >
              {t.register.publicPage}
            </Button>
            {list.data?.can.register && (
              <Button
                leftSection={<IconPlus size={16} aria-hidden="true" />}
                onClick={() => setRegistering(true)}
              >
                {t.register.add}
              </Button>
            )}
          </>
        }
      />
      <CaseRegisterFilters
        filters={filters}
        labels={t.register}
        nameSearch={list.data?.nameSearch}
        stateLabels={t.states}
        widths={{ search: 260, date: 140 }}
        after={
          <Checkbox
            label={t.register.dueSoon}
            checked={filters.values.dueSoon}
            onChange={(event) => filters.set("dueSoon")(event.currentTarget.checked)}
            mb={8}
          />
        }
      >
        <Select
          label={t.register.classification}
          placeholder={t.register.allClassifications}
          clearable
          data={options(t.classifications)}
          value={filters.values.classification}
          onChange={filters.set("classification")}
          w={190}
        />
        <Select
          label={t.register.channel}
          placeholder={t.register.allChannels}
          clearable
          data={options(t.allChannels)}
          value={filters.values.channel}
          onChange={filters.set("channel")}
          w={190}
        />
        {manyUnits && (
          <CaseUnitFilter value={filters.values.unitId} onChange={filters.set("unitId")} />
        )}
      </CaseRegisterFilters>
      <CaseRegisterTable
        list={list}
        label={t.register.title}
        minWidth={960}
        columns={manyUnits ? [unitColumn<Feedback>(), ...columns] : columns}
        linkTo={(f) => feedbackPaths.detail(f.id)}
        labels={{
          ...t.register.columns,
          empty: t.register.empty,
          total: list.data?.totalCapped ? t.register.totalCapped : t.register.total,
        }}
        {...filters.pager(list.data?.nextCursor)}
      />
      {registering && <FeedbackRegisterModal onClose={() => setRegistering(false)} />}
    </>
  );
}
