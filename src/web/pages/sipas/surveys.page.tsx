import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Switch,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useMe } from "../../auth/session.ts";
import { DateField } from "../../components/date-field.tsx";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { TableScroll } from "../../components/table-scroll.tsx";
import { DataList, usePhoneLayout, type ListColumn } from "../../components/data-list.tsx";
import { UnitSelect } from "../../components/unit-select.tsx";
import { formatDecimal } from "../../i18n/format.ts";
import { FIELD_GROUPS, FIELD_GROUP_LABELS } from "../../../core/sipas/field-group.ts";
import { getIndices, getTrend, sipasKeys, type SipasIndicesView } from "./sipas.api.ts";
import { sipasPaths } from "./sipas-paths.ts";
import { surveySelectionFrom } from "./survey-params.ts";
import { SipasTrendChart } from "./trend-chart.tsx";
import { viSipas as t } from "./vi-sipas.ts";

type Level = SipasIndicesView["overall"];

const isoDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;

function Percent({ level }: { level: Pick<Level, "percent"> }) {
  return level.percent === null ? (
    <Text span c="dimmed" size="sm">
      {t.noAnswers}
    </Text>
  ) : (
    <Text span fw={600}>
      {formatDecimal(level.percent)} %
    </Text>
  );
}

function SampleBadge({ level, min, ofItems }: { level: Level; min: number; ofItems?: boolean }) {
  if (!level.isSmallSample) return null;
  return (
    <Badge color="orange" variant="light" size="sm">
      {ofItems ? t.smallSampleItem(min) : t.smallSample(min)}
    </Badge>
  );
}

/** SIPAS indices of a unit over a period, with the trend as a chart and a table; links to paper entry, QR and kiosk. */
export function SurveysPage() {
  const phone = usePhoneLayout();
  const me = useMe();
  const year = new Date().getFullYear();
  // A link may name the unit and period (`?don-vi=&tu=&den=`); the page's defaults otherwise.
  const [search] = useSearchParams();
  const [initial] = useState(() =>
    surveySelectionFrom(search, {
      unitId: me.unit.id,
      from: `${year}-01-01`,
      to: isoDay(new Date()),
    }),
  );
  const [unitId, setUnitId] = useState<string | null>(initial.unitId);
  const [from, setFrom] = useState<string | null>(initial.from);
  const [to, setTo] = useState<string | null>(initial.to);
  const [fieldGroup, setFieldGroup] = useState<string | null>(null);
  const [includeSubunits, setIncludeSubunits] = useState(false);
  const [granularity, setGranularity] = useState<"month" | "quarter">("month");
  const filter =
    unitId && from && to
      ? { unitId, from, to, fieldGroup: fieldGroup ?? undefined, includeSubunits }
      : null;
  const indices = useQuery({
    queryKey: sipasKeys.indices(filter!),
    queryFn: () => getIndices(filter!),
    enabled: filter !== null,
  });
  const trend = useQuery({
    queryKey: [...sipasKeys.trend(filter!), granularity],
    queryFn: () => getTrend({ ...filter!, granularity }),
    enabled: filter !== null,
  });
  const data = indices.data?.data;
  const qrLink = unitId ? `${sipasPaths.qr}?unitId=${unitId}` : sipasPaths.qr;
  return (
    <>
      <PageHeader
        title={t.title}
        description={t.description}
        actions={
          <>
            {indices.data?.can.enterPaper && (
              <Button component={Link} to={`${sipasPaths.paper}?unitId=${unitId}`}>
                {t.enterPaper}
              </Button>
            )}
            <Button component={Link} to={qrLink} variant="default">
              {t.printQr}
            </Button>
          </>
        }
      />
      <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
        <UnitSelect label={t.unit} value={unitId} onChange={setUnitId} w={300} />
        <DateField label={t.from} value={from} onChange={(v) => setFrom(v)} w={150} />
        <DateField label={t.to} value={to} onChange={(v) => setTo(v)} w={150} />
        <Select
          label={t.fieldGroup}
          placeholder={t.allFields}
          data={FIELD_GROUPS.map((g) => ({ value: g, label: FIELD_GROUP_LABELS[g] }))}
          value={fieldGroup}
          onChange={setFieldGroup}
          clearable
          w={180}
        />
        <Switch
          label={t.includeSubunits}
          checked={includeSubunits}
          onChange={(event) => setIncludeSubunits(event.currentTarget.checked)}
          mb={8}
        />
      </Group>
      {indices.isPending && filter && <LoadingBlock />}
      {indices.isError && (
        <QueryError error={indices.error} onRetry={() => void indices.refetch()} />
      )}
      {data && (
        <>
          <Paper withBorder p="md" mb="md">
            <Group justify="space-between" align="flex-start">
              <div>
                <Text size="sm" c="dimmed">
                  {t.overall}
                  {data.fieldGroupLabel ? ` — ${data.fieldGroupLabel}` : ""}
                </Text>
                <Title order={2} size="h1" data-testid="sipas-overall">
                  {data.overall.percent === null
                    ? t.noAnswers
                    : `${formatDecimal(data.overall.percent)} %`}
                </Title>
                <Text size="sm">
                  {t.respondents}: {data.overall.sampleSize}
                </Text>
              </div>
              <Text size="xs" c="dimmed" maw={420}>
                {t.version(data.questionnaireCode, data.questionnaireName)}.{" "}
                {t.aggregation[data.aggregation]}
              </Text>
            </Group>
            {data.overall.isSmallSample && (
              <Alert color="orange" mt="sm" role="alert">
                {t.smallSampleAlert(data.overall.sampleSize, data.minSample)}
              </Alert>
            )}
          </Paper>
          {phone ? (
            <DataList
              label={t.title}
              rows={indexLines(data)}
              rowKey={(line) => line.key}
              strongRow={(line) => line.depth < 2}
              columns={indexColumns(data.minSample)}
            />
          ) : (
            <TableScroll label={t.title}>
              <Table striped withTableBorder aria-label={t.title}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t.item}</Table.Th>
                    <Table.Th ta="right">{t.percent}</Table.Th>
                    <Table.Th ta="right">{t.respondents}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.parts.map((part) => [
                    <Table.Tr key={part.key} bg="blue.0">
                      <Table.Td fw={700}>{part.label}</Table.Td>
                      <Table.Td ta="right">
                        <Percent level={part} />
                      </Table.Td>
                      <Table.Td ta="right">{part.sampleSize}</Table.Td>
                      <Table.Td>
                        <SampleBadge level={part} min={data.minSample} />
                      </Table.Td>
                    </Table.Tr>,
                    ...part.factors.flatMap((factor) => [
                      <Table.Tr key={factor.key}>
                        <Table.Td fw={600} pl="lg">
                          {factor.label}
                        </Table.Td>
                        <Table.Td ta="right">
                          <Percent level={factor} />
                        </Table.Td>
                        <Table.Td ta="right">{factor.sampleSize}</Table.Td>
                        <Table.Td>
                          <SampleBadge level={factor} min={data.minSample} />
                        </Table.Td>
                      </Table.Tr>,
                      ...factor.items.map((item) => (
                        <Table.Tr key={`${factor.key}-${item.code}`}>
                          <Table.Td pl={40}>
                            <Text size="sm">
                              {item.code}. {item.text}
                            </Text>
                          </Table.Td>
                          <Table.Td ta="right">
                            <Percent level={item} />
                          </Table.Td>
                          <Table.Td ta="right">
                            <Text size="sm">
                              {item.valid}
                              {item.noAnswer > 0 ? ` (+${item.noAnswer} không trả lời)` : ""}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <SampleBadge level={item} min={data.minSample} ofItems />
                          </Table.Td>
                        </Table.Tr>
                      )),
                    ]),
                  ])}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </>
      )}
      <Group justify="space-between" mt="xl" mb="sm">
        <Title order={2} size="h3">
          {t.trendTitle}
        </Title>
        <SegmentedControl
          aria-label={t.granularity}
          value={granularity}
          onChange={(v) => setGranularity(v as "month" | "quarter")}
          data={[
            { value: "month", label: t.month },
            { value: "quarter", label: t.quarter },
          ]}
        />
      </Group>
      {trend.isError && <QueryError error={trend.error} onRetry={() => void trend.refetch()} />}
      {trend.data && trend.data.rows.length === 0 && <Text c="dimmed">{t.noTrend}</Text>}
      {trend.data && trend.data.rows.length > 0 && <SipasTrendChart trend={trend.data} />}
      {trend.data && trend.data.rows.length > 0 && (
        <DataList
          label={t.trendTitle}
          withTableBorder
          rows={trend.data.rows}
          rowKey={(row) => row.period}
          columns={trendColumns(trend.data.minSample)}
        />
      )}
    </>
  );
}

type TrendRow = Awaited<ReturnType<typeof getTrend>>["rows"][number];

/** The trend's columns; on a phone each period is a card headed by its label. */
function trendColumns(minSample: number): ListColumn<TrendRow>[] {
  return [
    { header: t.period, phone: "title", cell: (row) => row.label },
    { header: t.overall, align: "right", cell: (row) => <Percent level={row.overall} /> },
    { header: t.service, align: "right", cell: (row) => <Percent level={row.service} /> },
    { header: t.policy, align: "right", cell: (row) => <Percent level={row.policy} /> },
    { header: t.respondents, align: "right", cell: (row) => row.overall.respondents },
    {
      header: t.sampleNote,
      headerHidden: true,
      phone: "actions",
      cell: (row) =>
        row.overall.isSmallSample && (
          <Badge color="orange" variant="light" size="sm">
            {t.smallSample(minSample)}
          </Badge>
        ),
    },
  ];
}

type Indices = SipasIndicesView;

/** One line of the indices on a phone: a part, a factor or an item (depth 0, 1, 2). */
interface IndexLine {
  key: string;
  depth: 0 | 1 | 2;
  label: string;
  level: Level;
  respondents: string;
  ofItems: boolean;
}

/** The parts, their factors and their items in the table's order, as card lines. */
function indexLines(data: Indices): IndexLine[] {
  return data.parts.flatMap((part) => [
    {
      key: part.key,
      depth: 0 as const,
      label: part.label,
      level: part,
      respondents: String(part.sampleSize),
      ofItems: false,
    },
    ...part.factors.flatMap((factor) => [
      {
        key: factor.key,
        depth: 1 as const,
        label: factor.label,
        level: factor,
        respondents: String(factor.sampleSize),
        ofItems: false,
      },
      ...factor.items.map((item) => ({
        key: `${factor.key}-${item.code}`,
        depth: 2 as const,
        label: `${item.code}. ${item.text}`,
        level: item as Level,
        respondents: `${item.valid}${item.noAnswer > 0 ? ` (+${item.noAnswer} không trả lời)` : ""}`,
        ofItems: true,
      })),
    ]),
  ]);
}

function indexColumns(minSample: number): ListColumn<IndexLine>[] {
  return [
    { header: t.item, phone: "title", cell: (line) => line.label },
    { header: t.percent, cell: (line) => <Percent level={line.level} /> },
    { header: t.respondents, cell: (line) => line.respondents },
    {
      header: t.sampleNote,
      headerHidden: true,
      phone: "actions",
      cell: (line) => <SampleBadge level={line.level} min={minSample} ofItems={line.ofItems} />,
    },
  ];
}
