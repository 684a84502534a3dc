import { Anchor, Badge, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { notifications } from "@mantine/notifications";
import { errorMessage } from "../../api/client.ts";
import { useMe } from "../../auth/session.ts";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { DataList, type ListColumn } from "../../components/data-list.tsx";
import { formatDecimal } from "../../i18n/format.ts";
import { scorecardPaths } from "./scorecard-paths.ts";
import {
  listScorecardsOf,
  openScorecard,
  scorecardKeys,
  type ScorecardList,
} from "./scorecard.api.ts";
import { viScorecards as t } from "./vi-scorecards.ts";

type ScorecardSummary = ScorecardList["data"][number];

/** The list's columns; on a phone the unit (a link to the scorecard) heads each card. */
const scorecardColumns: ListColumn<ScorecardSummary>[] = [
  {
    header: t.section.colUnit,
    phone: "title",
    cell: (row) => (
      <Anchor component={Link} to={scorecardPaths.detail(row.id)} fw={500}>
        {row.unitName}
      </Anchor>
    ),
  },
  { header: t.section.colYear, cell: (row) => row.year },
  {
    header: t.section.colStatus,
    cell: (row) => <Badge variant="light">{row.statusLabel}</Badge>,
  },
  {
    header: t.section.colSelf,
    align: "right",
    cell: (row) => (row.selfIndex === null ? "—" : formatDecimal(row.selfIndex)),
  },
  {
    header: t.section.colAppraised,
    align: "right",
    cell: (row) => (row.appraisedIndex === null ? "—" : formatDecimal(row.appraisedIndex)),
  },
];

/** The unit's scorecards (and, for a reviewer, those of the units below), under Chỉ số. */
export function ScorecardsSection() {
  const me = useMe();
  const unitId = me.unit.id;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: scorecardKeys.list(unitId),
    queryFn: () => listScorecardsOf(unitId),
  });
  // This year by the server's clock (in Vietnam), not the browser's.
  const year = list.data?.currentYear ?? null;
  const open = useMutation({
    mutationFn: () => openScorecard(unitId, year!),
    onSuccess: async (card) => {
      await queryClient.invalidateQueries({ queryKey: scorecardKeys.all });
      void navigate(scorecardPaths.detail(card.id));
    },
    onError: (error) => notifications.show({ color: "red", message: errorMessage(error) }),
  });
  const rows = list.data?.data ?? [];
  const hasOwnThisYear = rows.some((r) => r.unitId === unitId && r.year === year);
  return (
    <Stack gap="xs" mt="md">
      <Title order={2} size="h3">
        {t.section.title}
      </Title>
      <Text size="sm" c="dimmed" maw={760}>
        {t.section.note}
      </Text>
      <Group gap="sm">
        {list.data?.can.open && year !== null && !hasOwnThisYear && (
          <Button size="sm" onClick={() => open.mutate()} loading={open.isPending}>
            {t.section.open(year)}
          </Button>
        )}
        {list.data?.can.rank && (
          <Button component={Link} to={scorecardPaths.rankingPattern} size="sm" variant="default">
            {t.section.ranking}
          </Button>
        )}
      </Group>
      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : rows.length === 0 ? (
        <Text c="dimmed">{t.section.empty}</Text>
      ) : (
        <DataList
          label={t.section.tableLabel}
          minWidth={640}
          rows={rows}
          rowKey={(row) => row.id}
          columns={scorecardColumns}
        />
      )}
    </Stack>
  );
}
