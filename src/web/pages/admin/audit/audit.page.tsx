import { Button, Code, Group, Select, Table, Text, Tooltip } from "@mantine/core";
import { DateField } from "../../../components/date-field.tsx";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { listAuditEvents } from "../../../api/audit.api.ts";
import { queryKeys } from "../../../api/query-keys.ts";
import type { AuditQuery } from "../../../api/types.ts";
import { listUsers } from "../../../api/users.api.ts";
import { LoadingBlock } from "../../../components/loading-block.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { QueryError } from "../../../components/query-error.tsx";
import { formatDateTime, formatNumber } from "../../../i18n/format.ts";
import { TableScroll } from "../../../components/table-scroll.tsx";
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  auditActionLabel,
  auditEntityLabel,
} from "../../../i18n/vi-audit.ts";
import { vi } from "../../../i18n/vi.ts";
import { AuditVerify } from "./audit-verify.tsx";

const PAGE_SIZE = 100;

export function AuditPage() {
  const [actorId, setActorId] = useState<string | null>(null);
  const [entityType, setEntityType] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);

  const filters: AuditQuery = {
    actorId: actorId ?? undefined,
    entityType: entityType ?? undefined,
    action: action ?? undefined,
    // Whole days in Vietnam time (UTC+7): the server compares instants.
    from: from ? `${from}T00:00:00.000+07:00` : undefined,
    to: to ? `${to}T23:59:59.999+07:00` : undefined,
  };
  const users = useQuery({ queryKey: queryKeys.userList({}), queryFn: () => listUsers() });
  const events = useInfiniteQuery({
    queryKey: queryKeys.auditList(filters),
    queryFn: ({ pageParam }) =>
      listAuditEvents({ ...filters, limit: PAGE_SIZE, before: pageParam }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (lastPage) =>
      lastPage.length === PAGE_SIZE ? lastPage[lastPage.length - 1]?.id : undefined,
  });
  const rows = events.data?.pages.flat() ?? [];
  const hasFilters = Boolean(actorId || entityType || action || from || to);

  return (
    <>
      <PageHeader title={vi.audit.title} description={vi.audit.description} />
      <AuditVerify />
      <Group align="flex-end" gap="md" mb="md" role="search">
        <Select
          label={vi.audit.actorFilter}
          placeholder={vi.audit.actorPlaceholder}
          data={(users.data?.data ?? []).map((user) => ({
            value: user.id,
            label: `${user.fullName} (${user.username})`,
          }))}
          value={actorId}
          onChange={setActorId}
          searchable
          clearable
          w={240}
        />
        <Select
          label={vi.audit.entityType}
          placeholder={vi.audit.entityTypePlaceholder}
          data={Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => ({ value, label }))}
          searchable
          value={entityType}
          onChange={setEntityType}
          clearable
          w={180}
        />
        <Select
          label={vi.audit.actionFilter}
          placeholder={vi.audit.actionPlaceholder}
          data={Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }))}
          value={action}
          onChange={setAction}
          searchable
          clearable
          w={240}
        />
        <DateField label={vi.audit.from} value={from} onChange={setFrom} clearable w={140} />
        <DateField label={vi.audit.to} value={to} onChange={setTo} clearable w={140} />
        {hasFilters && (
          <Button
            variant="subtle"
            onClick={() => {
              setActorId(null);
              setEntityType(null);
              setAction(null);
              setFrom(null);
              setTo(null);
            }}
          >
            {vi.common.resetFilters}
          </Button>
        )}
      </Group>

      {events.isPending ? (
        <LoadingBlock />
      ) : events.isError ? (
        <QueryError error={events.error} onRetry={() => events.refetch()} />
      ) : (
        <>
          <TableScroll label={vi.audit.title}>
            <Table miw={1000} striped aria-label={vi.audit.title} data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{vi.audit.id}</Table.Th>
                  <Table.Th>{vi.audit.at}</Table.Th>
                  <Table.Th>{vi.audit.actor}</Table.Th>
                  <Table.Th>{vi.audit.action}</Table.Th>
                  <Table.Th>{vi.audit.entityType}</Table.Th>
                  <Table.Th>{vi.audit.summary}</Table.Th>
                  <Table.Th>{vi.audit.hash}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={7}>{vi.audit.empty}</Table.Td>
                  </Table.Tr>
                )}
                {rows.map((event) => (
                  <Table.Tr key={event.id}>
                    <Table.Td>{formatNumber(event.id)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(event.at)}</Table.Td>
                    <Table.Td>{event.actorName ?? vi.audit.system}</Table.Td>
                    <Table.Td>{auditActionLabel(event.action)}</Table.Td>
                    <Table.Td>{auditEntityLabel(event.entityType)}</Table.Td>
                    <Table.Td>{event.summary ?? vi.common.none}</Table.Td>
                    <Table.Td>
                      <Tooltip label={event.hash}>
                        <Code>{event.hash.slice(0, 12)}…</Code>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Group justify="space-between" mt="sm">
            <Text size="sm" c="dimmed">
              {vi.common.rowCount(rows.length)}
            </Text>
            {events.hasNextPage && (
              <Button
                variant="default"
                onClick={() => events.fetchNextPage()}
                loading={events.isFetchingNextPage}
              >
                {vi.common.loadMore}
              </Button>
            )}
          </Group>
        </>
      )}
    </>
  );
}
