import { Anchor, Badge, Button, Stack, Table, Text, Title } from "@mantine/core";
import { IconFileImport } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { TableScroll } from "../../components/table-scroll.tsx";
import { formatNumber } from "../../i18n/format.ts";
import { vi } from "../../i18n/vi.ts";
import { ScorecardsSection } from "../scorecards/scorecards-section.tsx";
import { methodologyPaths } from "./methodology-paths.ts";
import { listMethodologies, methodologyKeys } from "./methodology.api.ts";
import { viMethodology as t } from "./vi-methodology.ts";

/**
 * Chỉ số: the unit's PAR scorecards (src/web/pages/scorecards), then the methodology drafts
 * saved from imported criteria tables.
 */
export function IndicesPage() {
  const { title, description } = vi.sections.indices;
  const list = useQuery({ queryKey: methodologyKeys.list, queryFn: listMethodologies });
  const rows = list.data?.data ?? [];
  const canCreate = list.data?.can.create ?? false;
  const showUnit = new Set(rows.map((m) => m.unitId)).size > 1;
  return (
    <>
      <PageHeader title={title} />
      <Text size="sm" c="dimmed" maw={760}>
        {description}
      </Text>
      <ScorecardsSection />
      <Stack gap="xs" mt="xl">
        <Title order={2} size="h3">
          {t.indices.draftsTitle}
        </Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t.indices.draftsNote}
        </Text>
        {canCreate && (
          <div>
            <Button
              component={Link}
              to="/ke-hoach/nhap"
              variant="default"
              size="sm"
              leftSection={<IconFileImport size={16} aria-hidden="true" />}
            >
              {t.indices.importLink}
            </Button>
          </div>
        )}
        {list.isPending ? (
          <LoadingBlock />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : rows.length === 0 ? (
          <Text c="dimmed">{t.indices.empty}</Text>
        ) : (
          <TableScroll label={t.indices.tableLabel}>
            <Table miw={760} striped highlightOnHover aria-label={t.indices.tableLabel}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.indices.colName}</Table.Th>
                  {showUnit && <Table.Th>{t.indices.colUnit}</Table.Th>}
                  <Table.Th>{t.indices.colYear}</Table.Th>
                  <Table.Th>{t.indices.colLevel}</Table.Th>
                  <Table.Th ta="right">{t.indices.colCount}</Table.Th>
                  <Table.Th ta="right">{t.indices.colTotal}</Table.Th>
                  <Table.Th>{t.indices.colStatus}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((methodology) => (
                  <Table.Tr key={methodology.id}>
                    <Table.Td maw={420}>
                      <Anchor
                        component={Link}
                        to={methodologyPaths.detail(methodology.id)}
                        fw={500}
                      >
                        {methodology.name}
                      </Anchor>
                    </Table.Td>
                    {showUnit && <Table.Td>{methodology.unitName}</Table.Td>}
                    <Table.Td>{methodology.year}</Table.Td>
                    <Table.Td>{t.levels[methodology.level]}</Table.Td>
                    <Table.Td ta="right">{formatNumber(methodology.criteriaCount)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(methodology.totalMaxPoints)}</Table.Td>
                    <Table.Td>
                      <Badge color="gray" variant="light">
                        {methodology.statusLabel}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Stack>
    </>
  );
}
