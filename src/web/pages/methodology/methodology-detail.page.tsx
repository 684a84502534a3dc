import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Table,
  Text,
} from "@mantine/core";
import { IconAlertTriangle, IconArrowLeft, IconEdit, IconInfoCircle } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { RecordQueryError } from "../../components/record-query-error.tsx";
import { TableScroll } from "../../components/table-scroll.tsx";
import { formatDate, formatDateTime, formatNumber } from "../../i18n/format.ts";
import { vi } from "../../i18n/vi.ts";
import { methodologyPaths } from "./methodology-paths.ts";
import {
  getMethodology,
  listMethodologies,
  methodologyKeys,
  type MethodologyDetail,
} from "./methodology.api.ts";
import { RuleEditor } from "./rule-editor.tsx";
import { viMethodology as t } from "./vi-methodology.ts";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {children}
      </Text>
    </div>
  );
}

const points = (value: number | null) => (value === null ? vi.common.none : formatNumber(value));

/**
 * One methodology: its facts and the criteria tree with maximum points; “Chỉnh sửa quy tắc” opens
 * the rule editor (for those who may save methodologies), which saves a new version.
 */
export function MethodologyDetailPage() {
  const { id = "" } = useParams();
  const query = useQuery({
    queryKey: methodologyKeys.detail(id),
    queryFn: () => getMethodology(id),
  });
  const list = useQuery({ queryKey: methodologyKeys.list, queryFn: listMethodologies });
  const canEdit = list.data?.can.create ?? false;
  const [editingId, setEditingId] = useState<string | null>(null);
  if (query.isPending) return <LoadingBlock />;
  if (query.isError) {
    return (
      <RecordQueryError
        error={query.error}
        onRetry={() => void query.refetch()}
        backTo={methodologyPaths.indices}
        backLabel={t.detail.back}
      />
    );
  }
  const methodology = query.data;
  const editing = editingId === methodology.id;
  return (
    <>
      <Anchor component={Link} to={methodologyPaths.indices} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden="true" />
          {t.detail.back}
        </Group>
      </Anchor>
      <PageHeader
        title={methodology.name}
        description={
          <Group gap="xs" component="span">
            <Badge color="gray" variant="light" component="span">
              {methodology.statusLabel}
            </Badge>
            <span>{methodology.kindLabel}</span>
          </Group>
        }
      />
      <Paper withBorder p="sm" mb="md">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
          <Fact label={t.detail.unit}>{methodology.unitName}</Fact>
          <Fact label={t.detail.year}>{methodology.year}</Fact>
          <Fact label={t.detail.level}>{t.levels[methodology.level]}</Fact>
          <Fact label={t.detail.total}>{formatNumber(methodology.totalMaxPoints)}</Fact>
          <Fact label={t.detail.source}>{methodology.sourceFilename ?? vi.common.none}</Fact>
          <Fact label={t.detail.createdBy}>
            {methodology.createdByName ?? vi.common.none}, {formatDateTime(methodology.createdAt)}
          </Fact>
        </SimpleGrid>
      </Paper>
      {editing ? (
        <RuleEditor methodology={methodology} onClose={() => setEditingId(null)} />
      ) : (
        <>
          <Alert
            color="blue"
            variant="light"
            mb="md"
            icon={<IconInfoCircle size={18} aria-hidden="true" />}
          >
            {methodology.hasDocument && methodology.version && methodology.effectiveFrom
              ? t.detail.documentNote(
                  methodology.version,
                  formatDate(methodology.effectiveFrom),
                  methodology.effectiveTo ? formatDate(methodology.effectiveTo) : null,
                )
              : t.detail.scoringNote}
          </Alert>
          {canEdit && (
            <Button
              mb="md"
              variant="light"
              leftSection={<IconEdit size={16} aria-hidden="true" />}
              onClick={() => setEditingId(methodology.id)}
            >
              {t.detail.editRules}
            </Button>
          )}
          <MethodologyTree methodology={methodology} />
        </>
      )}
    </>
  );
}

function MethodologyTree({ methodology }: { methodology: MethodologyDetail }) {
  return (
    <>
      {methodology.warnings.length > 0 && (
        <Alert
          color="yellow"
          variant="light"
          mb="md"
          title={t.detail.warningsTitle}
          icon={<IconAlertTriangle size={18} aria-hidden="true" />}
        >
          <List size="sm">
            {methodology.warnings.map((warning, index) => (
              <List.Item key={index}>{warning.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <TableScroll label={t.detail.treeLabel}>
        {/* On a phone the level and evidence columns give way to the points; evidence goes under
            the criterion's text. */}
        <Table miw={{ base: 0, sm: 760 }} striped aria-label={t.detail.treeLabel}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.detail.colRef}</Table.Th>
              <Table.Th>{t.detail.colText}</Table.Th>
              <Table.Th visibleFrom="sm">{t.detail.colLevel}</Table.Th>
              <Table.Th ta="right">{t.detail.colMax}</Table.Th>
              <Table.Th visibleFrom="sm">{t.detail.colEvidence}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {methodology.criteria.map((criterion) => (
              <Table.Tr key={criterion.id} fw={criterion.depth === 1 ? 600 : undefined}>
                <Table.Td>{criterion.ref}</Table.Td>
                <Table.Td
                  maw={480}
                  pl={`calc(var(--mantine-spacing-sm) + ${(criterion.depth - 1) * 1.25}rem)`}
                >
                  {criterion.text}
                  {criterion.evidenceHint && (
                    <Text size="xs" c="dimmed" hiddenFrom="sm">
                      {criterion.evidenceHint}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="xs" c="dimmed">
                    {criterion.levelLabel}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {points(criterion.maxPoints ?? criterion.effectiveMaxPoints)}
                  {criterion.childrenMaxPoints !== null &&
                    criterion.maxPoints !== null &&
                    Math.abs(criterion.childrenMaxPoints - criterion.maxPoints) > 1e-6 && (
                      <Text size="xs" c="orange.9">
                        {t.detail.childrenSum(formatNumber(criterion.childrenMaxPoints))}
                      </Text>
                    )}
                </Table.Td>
                <Table.Td maw={280} visibleFrom="sm">
                  <Text size="sm">{criterion.evidenceHint ?? ""}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Td />
              <Table.Td>{t.detail.totalRow}</Table.Td>
              <Table.Td visibleFrom="sm" />
              <Table.Td ta="right">{formatNumber(methodology.totalMaxPoints)}</Table.Td>
              <Table.Td visibleFrom="sm" />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </TableScroll>
    </>
  );
}
