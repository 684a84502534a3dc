import { Badge, NumberInput, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useMe } from "../../auth/session.ts";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { TableScroll } from "../../components/table-scroll.tsx";
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
  const query = useQuery({
    queryKey: scorecardKeys.ranking(me.unit.id, year ?? 0),
    queryFn: () => getRanking(me.unit.id, year!),
    enabled: year !== null,
  });
  const areaCodes = query.data?.rows.find((r) => r.areas.length > 0)?.areas ?? [];
  return (
    <>
      <PageHeader title={t.ranking.title} />
      <NumberInput
        label={t.ranking.year}
        value={year ?? ""}
        onChange={(v) => typeof v === "number" && setYear(v)}
        min={2000}
        max={2100}
        w={140}
        mb="md"
      />
      {query.isPending ? (
        <LoadingBlock />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <TableScroll label={t.ranking.label}>
          <Table miw={760} striped aria-label={t.ranking.label}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.ranking.colRank}</Table.Th>
                <Table.Th>{t.ranking.colUnit}</Table.Th>
                <Table.Th ta="right">{t.ranking.colIndex}</Table.Th>
                <Table.Th>{t.ranking.colBand}</Table.Th>
                {areaCodes.map((a) => (
                  <Table.Th key={a.code} ta="right" title={a.name}>
                    {a.code}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.rows.map((row) => (
                <Table.Tr key={row.unitId}>
                  <Table.Td>{row.rank ?? "—"}</Table.Td>
                  <Table.Td>{row.unitName}</Table.Td>
                  <Table.Td ta="right">
                    {row.index === null ? (
                      <Text size="sm" c="dimmed">
                        {t.ranking.unranked}
                      </Text>
                    ) : (
                      formatDecimal(row.index)
                    )}
                  </Table.Td>
                  <Table.Td>{row.band && <Badge variant="light">{row.band.label}</Badge>}</Table.Td>
                  {areaCodes.map((a) => {
                    const area = row.areas.find((x) => x.code === a.code);
                    return (
                      <Table.Td key={a.code} ta="right">
                        {area ? `${formatDecimal(area.points)}/${formatDecimal(area.max)}` : "—"}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </>
  );
}
