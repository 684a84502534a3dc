import { Table, Title } from "@mantine/core";
import { formatDateTime } from "../../i18n/format.ts";
import { viCaseRegister as t } from "./case-labels.ts";

export interface CaseHistoryEvent {
  id: number;
  actionLabel: string;
  at: string;
  byName: string;
  toAgencyName: string | null;
  note: string | null;
}

/** A case's history: every step, when, by whom and why, oldest first. */
export function CaseHistory({
  events,
  showTarget = true,
}: {
  events: readonly CaseHistoryEvent[];
  /** Name the agency a step sent the case to after the step (a register may note it itself). */
  showTarget?: boolean;
}) {
  return (
    <>
      <Title order={2} size="h4" mb="sm">
        {t.history.title}
      </Title>
      <Table striped aria-label={t.history.title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.history.when}</Table.Th>
            <Table.Th>{t.history.step}</Table.Th>
            <Table.Th>{t.history.by}</Table.Th>
            <Table.Th>{t.history.note}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td>{formatDateTime(event.at)}</Table.Td>
              <Table.Td>
                {event.actionLabel}
                {showTarget && event.toAgencyName ? ` → ${event.toAgencyName}` : ""}
              </Table.Td>
              <Table.Td>{event.byName}</Table.Td>
              <Table.Td>{event.note ?? ""}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
