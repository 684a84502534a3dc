import { Anchor, Button, Checkbox, Group, Select, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconExternalLink, IconPlus, IconSearch } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { DateField } from "../../components/date-field.tsx";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { TableScroll } from "../../components/table-scroll.tsx";
import { formatDate, formatDateTime } from "../../i18n/format.ts";
import { TimelinessBadge } from "./feedback-badges.tsx";
import { feedbackPaths } from "./feedback-paths.ts";
import { FeedbackRegisterModal } from "./feedback-register-modal.tsx";
import { feedbackKeys, listFeedback, type FeedbackQuery } from "./feedback.api.ts";
import { viFeedback as t } from "./vi-feedback.ts";

const PAGE_SIZE = 50;
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Sổ theo dõi phản ánh, kiến nghị: search, filters, overdue, and the register form. */
export function FeedbackRegisterPage() {
  const [q, setQ] = useState("");
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [state, setState] = useState<string | null>(null);
  const [classification, setClassification] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(0);
  const [registering, setRegistering] = useState(false);

  const query: FeedbackQuery = {
    q: debouncedQ || undefined,
    state: state ?? undefined,
    classification: classification ?? undefined,
    channel: channel ?? undefined,
    from: from ?? undefined,
    to: to ?? undefined,
    overdue,
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  };
  const list = useQuery({ queryKey: feedbackKeys.list(query), queryFn: () => listFeedback(query) });
  const resetPage =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(0);
    };

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
      <Group mb="md" align="flex-end">
        <TextInput
          label={t.register.search}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={q}
          onChange={(event) => resetPage(setQ)(event.currentTarget.value)}
          w={260}
        />
        <Select
          label={t.register.state}
          placeholder={t.register.allStates}
          clearable
          data={options(t.states)}
          value={state}
          onChange={resetPage(setState)}
          w={200}
        />
        <Select
          label={t.register.classification}
          placeholder={t.register.allClassifications}
          clearable
          data={options(t.classifications)}
          value={classification}
          onChange={resetPage(setClassification)}
          w={190}
        />
        <Select
          label={t.register.channel}
          placeholder={t.register.allChannels}
          clearable
          data={options(t.allChannels)}
          value={channel}
          onChange={resetPage(setChannel)}
          w={190}
        />
        <DateField label={t.register.from} value={from} onChange={setFrom} clearable w={140} />
        <DateField label={t.register.to} value={to} onChange={setTo} clearable w={140} />
        <Checkbox
          label={t.register.overdue}
          checked={overdue}
          onChange={(event) => resetPage(setOverdue)(event.currentTarget.checked)}
          mb={8}
        />
      </Group>

      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <Text c="dimmed">{t.register.empty}</Text>
      ) : (
        <>
          <TableScroll label={t.register.title}>
            <Table miw={960} striped highlightOnHover aria-label={t.register.title}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.register.columns.code}</Table.Th>
                  <Table.Th>{t.register.columns.title}</Table.Th>
                  <Table.Th>{t.register.columns.sender}</Table.Th>
                  <Table.Th>{t.register.columns.receivedAt}</Table.Th>
                  <Table.Th>{t.register.columns.dueDate}</Table.Th>
                  <Table.Th>{t.register.columns.state}</Table.Th>
                  <Table.Th>{t.register.columns.timeliness}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.data.map((f) => (
                  <Table.Tr key={f.id}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={feedbackPaths.detail(f.id)}
                        ff="monospace"
                        size="sm"
                      >
                        {f.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td maw={320}>
                      <Text size="sm" lineClamp={2}>
                        {f.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {f.channelLabel}
                        {f.classificationLabel ? ` · ${f.classificationLabel}` : ""}
                      </Text>
                    </Table.Td>
                    <Table.Td>{f.senderName}</Table.Td>
                    <Table.Td>{formatDateTime(f.receivedAt)}</Table.Td>
                    <Table.Td>
                      {formatDate(f.state === "transferred" ? f.transferDueDate : f.dueDate)}
                    </Table.Td>
                    <Table.Td>
                      {f.stateLabel}
                      {f.assignedAgencyName && (
                        <Text size="xs" c="dimmed">
                          {f.assignedAgencyName}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <TimelinessBadge feedback={f} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Group justify="space-between" mt="sm">
            <Text size="sm" c="dimmed">
              {t.register.total(list.data.total)}
            </Text>
            <Group gap="xs">
              <Button
                variant="default"
                size="xs"
                disabled={page === 0}
                onClick={() => setPage(page - 1)}
              >
                {t.register.previous}
              </Button>
              <Button
                variant="default"
                size="xs"
                disabled={(page + 1) * PAGE_SIZE >= list.data.total}
                onClick={() => setPage(page + 1)}
              >
                {t.register.next}
              </Button>
            </Group>
          </Group>
        </>
      )}
      {registering && <FeedbackRegisterModal onClose={() => setRegistering(false)} />}
    </>
  );
}
