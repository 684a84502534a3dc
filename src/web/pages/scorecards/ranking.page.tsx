import { Alert, Badge, NumberInput, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useMe } from "../../auth/session.ts";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { DataList, type ListColumn } from "../../components/data-list.tsx";
import { formatDecimal } from "../../i18n/format.ts";
import { getRanking, listScorecardsOf, scorecardKeys } from "./scorecard.api.ts";
import { viScorecards as t } from "./vi-scorecards.ts";

/** The upper level's ranking of its units by final (appraised) index, with each unit's areas. */
export function ScorecardRankingPage() {
  const me = useMe();
  // Until one is picked, the year is the server's (in Vietnam), not the browser's.
  const list = useQuery({
    queryKey: scorecardKeys.list(me.unit.id),
    queryFn: () => listScorecardsOf(me.unit.id),
  });
  const [picked, setYear] = useState<number | null>(null);
  const year = picked ?? list.data?.currentYear ?? null;
  // Only a unit's reviewers rank the units below it; the others are told so, not refused.
  const mayRank = list.data?.can.rank ?? false;
  const query = useQuery({
    queryKey: scorecardKeys.ranking(me.unit.id, year ?? 0),
    queryFn: () => getRanking(me.unit.id, year!),
    enabled: year !== null && mayRank,
  });
  const areaCodes = query.data?.rows.find((r) => r.areas.length > 0)?.areas ?? [];
  return (
    <>
      <PageHeader title={t.ranking.title} />
      {mayRank && (
        <NumberInput
          label={t.ranking.year}
          value={year ?? ""}
          onChange={(v) => typeof v === "number" && setYear(v)}
          min={2000}
          max={2100}
          w={140}
          mb="md"
        />
      )}
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : list.data && !mayRank ? (
        <Alert color="gray" variant="light" data-testid="ranking-not-mine">
          {t.ranking.notMine}
        </Alert>
      ) : query.isPending ? (
        <LoadingBlock />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <DataList
          label={t.ranking.label}
          rows={query.data.rows}
          rowKey={(row) => row.unitId}
          minWidth={760}
          columns={rankingColumns(areaCodes)}
        />
      )}
    </>
  );
}

type RankingRow = Awaited<ReturnType<typeof getRanking>>["rows"][number];

/**
 * The ranking's columns; each area's points follow. On a phone each unit is a card headed by its
 * name, its rank, index and band first, then its areas (labelled by their code).
 */
function rankingColumns(
  areaCodes: readonly { code: string; name: string }[],
): ListColumn<RankingRow>[] {
  return [
    { header: t.ranking.colRank, cell: (row) => row.rank ?? "—" },
    { header: t.ranking.colUnit, phone: "title", cell: (row) => row.unitName },
    {
      header: t.ranking.colIndex,
      align: "right",
      cell: (row) =>
        row.index === null ? (
          <Text size="sm" c="dimmed">
            {t.ranking.unranked}
          </Text>
        ) : (
          formatDecimal(row.index)
        ),
    },
    {
      header: t.ranking.colBand,
      cell: (row) => row.band && <Badge variant="light">{row.band.label}</Badge>,
    },
    ...areaCodes.map((a): ListColumn<RankingRow> => ({
      header: a.code,
      headerTitle: a.name,
      align: "right",
      cell: (row) => {
        const area = row.areas.find((x) => x.code === a.code);
        return area ? `${formatDecimal(area.points)}/${formatDecimal(area.max)}` : "—";
      },
    })),
  ];
}
