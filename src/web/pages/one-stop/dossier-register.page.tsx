import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconListDetails, IconPlus, IconSearch } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { DateField } from "../../components/date-field.tsx";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { TableScroll } from "../../components/table-scroll.tsx";
import { formatDate, formatDateTime } from "../../i18n/format.ts";
import { viOneStop as t } from "../../i18n/vi-one-stop.ts";
import { dossierImportPath } from "./import/dossier-import-paths.ts";
import { importLabels } from "./import/dossier-import.labels.ts";
import { oneStopPaths } from "./one-stop-paths.ts";
import {
  STATE_LABELS,
  listDossiers,
  oneStopKeys,
  type Dossier,
  type DossierQuery,
} from "./one-stop.api.ts";
import { ReceiveModal } from "./receive-modal.tsx";

const PAGE_SIZE = 50;

export function timelinessColor(value: Dossier["timeliness"]) {
  switch (value) {
    case "late":
    case "overdue":
      return "red";
    case "early":
    case "on_time":
      return "green";
    default:
      return "blue";
  }
}

/** Sổ theo dõi hồ sơ: the desk's register, with search, filters and the receive form. */
export function DossierRegisterPage() {
  const [q, setQ] = useState("");
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [state, setState] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [voided, setVoided] = useState(false);
  const [page, setPage] = useState(0);
  const [receiving, setReceiving] = useState(false);

  const query: DossierQuery = {
    q: debouncedQ || undefined,
    state: state ?? undefined,
    from: from ?? undefined,
    to: to ?? undefined,
    overdue,
    voided,
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  };
  const dossiers = useQuery({
    queryKey: oneStopKeys.dossierList(query),
    queryFn: () => listDossiers(query),
  });

  return (
    <>
      <PageHeader
        title={t.register.title}
        description={t.register.description}
        actions={
          <>
            <Button
              component={Link}
              to={oneStopPaths.procedures}
              variant="default"
              leftSection={<IconListDetails size={16} aria-hidden="true" />}
            >
              {t.register.procedures}
            </Button>
            {dossiers.data?.can.receive && (
              <Button component={Link} to={dossierImportPath} variant="default">
                {importLabels.registerLink}
              </Button>
            )}
            {dossiers.data?.can.receive && (
              <Button
                leftSection={<IconPlus size={16} aria-hidden="true" />}
                onClick={() => setReceiving(true)}
              >
                {t.register.receive}
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
          onChange={(event) => {
            setQ(event.currentTarget.value);
            setPage(0);
          }}
          w={300}
        />
        <Select
          label={t.register.state}
          placeholder={t.register.allStates}
          clearable
          data={Object.entries(STATE_LABELS).map(([value, label]) => ({ value, label }))}
          value={state}
          onChange={(value) => {
            setState(value);
            setPage(0);
          }}
          w={200}
        />
        <DateField label={t.register.from} value={from} onChange={setFrom} clearable w={150} />
        <DateField label={t.register.to} value={to} onChange={setTo} clearable w={150} />
        <Checkbox
          label={t.register.overdue}
          checked={overdue}
          onChange={(event) => setOverdue(event.currentTarget.checked)}
          mb={8}
        />
        <Checkbox
          label={t.register.voided}
          checked={voided}
          onChange={(event) => setVoided(event.currentTarget.checked)}
          mb={8}
        />
      </Group>

      {dossiers.isPending ? (
        <LoadingBlock />
      ) : dossiers.isError ? (
        <QueryError error={dossiers.error} onRetry={() => dossiers.refetch()} />
      ) : dossiers.data.data.length === 0 ? (
        <Text c="dimmed">{t.register.empty}</Text>
      ) : (
        <>
          <TableScroll label={t.register.title}>
            <Table miw={900} striped highlightOnHover aria-label={t.register.title}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.register.columns.code}</Table.Th>
                  <Table.Th>{t.register.columns.applicant}</Table.Th>
                  <Table.Th>{t.register.columns.procedure}</Table.Th>
                  <Table.Th>{t.register.columns.receivedAt}</Table.Th>
                  <Table.Th>{t.register.columns.dueDate}</Table.Th>
                  <Table.Th>{t.register.columns.state}</Table.Th>
                  <Table.Th>{t.register.columns.timeliness}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {dossiers.data.data.map((dossier) => (
                  <Table.Tr key={dossier.id}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={oneStopPaths.dossier(dossier.id)}
                        ff="monospace"
                        size="sm"
                      >
                        {dossier.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{dossier.applicantName}</Table.Td>
                    <Table.Td maw={320}>
                      <Text size="sm" lineClamp={2}>
                        {dossier.procedureName}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDateTime(dossier.receivedAt)}</Table.Td>
                    <Table.Td>{formatDate(dossier.dueDate)}</Table.Td>
                    <Table.Td>{dossier.stateLabel}</Table.Td>
                    <Table.Td>
                      {dossier.timelinessLabel && (
                        <Badge variant="light" color={timelinessColor(dossier.timeliness)}>
                          {dossier.timelinessLabel}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Group justify="space-between" mt="sm">
            <Text size="sm" c="dimmed">
              {t.register.total(dossiers.data.total)}
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
                disabled={(page + 1) * PAGE_SIZE >= dossiers.data.total}
                onClick={() => setPage(page + 1)}
              >
                {t.register.next}
              </Button>
            </Group>
          </Group>
        </>
      )}
      {receiving && <ReceiveModal onClose={() => setReceiving(false)} />}
    </>
  );
}
