import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import {
  EVIDENCE_ACCEPT,
  EVIDENCE_EXTENSIONS,
  uploadProblem,
} from "../../../core/files/upload-limits.ts";
import { selfEntryProblem } from "../../../core/scorecard/self-entry.ts";
import { errorMessage } from "../../api/client.ts";
import { FormError } from "../../components/form-error.tsx";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { RecordQueryError } from "../../components/record-query-error.tsx";
import { paths } from "../../components/navigation.ts";
import { DataList, type ListColumn } from "../../components/data-list.tsx";
import { formatDateTime, formatDecimal } from "../../i18n/format.ts";
import { vi } from "../../i18n/vi.ts";
import {
  getForecast,
  getScorecardView,
  linkEvidence,
  saveAppraisal,
  saveSelfEntry,
  scorecardExcelUrl,
  scorecardKeys,
  scorecardWordUrl,
  evidenceDownloadUrl,
  transition,
  uploadScorecardEvidence,
  type ScorecardAction,
  type ScorecardCan,
  type ScorecardDetail,
  type ScorecardNode,
} from "./scorecard.api.ts";
import { viScorecards as t } from "./vi-scorecards.ts";

const points = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : formatDecimal(value);

export function ScorecardDetailPage() {
  const { id = "" } = useParams();
  const query = useQuery({
    queryKey: scorecardKeys.detail(id),
    queryFn: () => getScorecardView(id),
  });
  if (query.isPending) return <LoadingBlock />;
  if (query.isError) {
    return (
      <RecordQueryError
        error={query.error}
        onRetry={() => void query.refetch()}
        backTo={paths.indices}
        backLabel={vi.nav.indices}
      />
    );
  }
  const { data, can } = query.data;
  return <ScorecardView card={data} can={can} />;
}

function ScorecardView({ card, can }: { card: ScorecardDetail; can: ScorecardCan }) {
  const [editing, setEditing] = useState<ScorecardNode | null>(null);
  const [appraising, setAppraising] = useState<ScorecardNode | null>(null);
  const entryOf = new Map(card.entries.map((e) => [e.leafCode, e]));
  const evidenceOf = new Map<string, ScorecardDetail["evidence"]>();
  for (const e of card.evidence) {
    evidenceOf.set(e.leafCode, [...(evidenceOf.get(e.leafCode) ?? []), e]);
  }
  return (
    <>
      <PageHeader title={t.detail.title(card.unitName, card.year)} />
      <Group gap="lg" mb="md">
        <Badge size="lg" variant="light">
          {card.statusLabel}
        </Badge>
        <Text>
          {t.detail.self}: <b>{points(card.selfTotal)}</b>/{card.methodology.scale} —{" "}
          {t.detail.index} <b>{points(card.selfIndex)}%</b>
          {card.selfBand ? ` (${card.selfBand})` : ""}
        </Text>
        {card.appraisedTotal !== null && (
          <Text>
            {t.detail.appraised}: <b>{points(card.appraisedTotal)}</b> — {t.detail.index}{" "}
            <b>{points(card.appraisedIndex)}%</b>
            {card.appraisedBand ? ` (${card.appraisedBand})` : ""}
          </Text>
        )}
        <Anchor href={scorecardExcelUrl(card.id)}>{t.detail.excel}</Anchor>
        <Anchor href={scorecardWordUrl(card.id)}>{t.detail.word}</Anchor>
      </Group>
      <WorkflowButtons card={card} can={can} />

      <Title order={2} size="h3" mt="lg">
        {t.detail.areasTitle}
      </Title>
      <DataList
        label={t.detail.areasTitle}
        rows={card.areas}
        rowKey={(area) => area.code}
        minWidth={640}
        columns={areaColumns}
      />

      <Title order={2} size="h3" mt="lg">
        {t.detail.treeTitle}
      </Title>
      <DataList
        label={t.detail.treeLabel}
        rows={card.nodes}
        rowKey={(node) => node.code}
        minWidth={960}
        strongRow={(node) => node.depth === 1}
        columns={nodeColumns({
          can,
          entryOf,
          evidenceOf,
          onEdit: setEditing,
          onAppraise: setAppraising,
        })}
      />

      {editing && <SelfEntryModal card={card} node={editing} onClose={() => setEditing(null)} />}
      {appraising && (
        <AppraisalModal card={card} node={appraising} onClose={() => setAppraising(null)} />
      )}

      <Forecast id={card.id} asOf={card.today} />

      <Title order={2} size="h3" mt="lg">
        {t.detail.historyTitle}
      </Title>
      <Stack gap={4}>
        {card.events.map((e, index) => (
          <Text size="sm" key={index}>
            {formatDateTime(e.at)} — {t.detail.actions[e.action] ?? e.action}
            {e.note ? `: ${e.note}` : ""}
          </Text>
        ))}
      </Stack>
    </>
  );
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: scorecardKeys.all }).then(() => undefined);
}

function WorkflowButtons({ card, can }: { card: ScorecardDetail; can: ScorecardCan }) {
  const refresh = useRefresh();
  const [reason, setReason] = useState("");
  const mutation = useMutation({
    mutationFn: (action: ScorecardAction) => transition(card.id, action, reason || undefined),
    onSuccess: async () => {
      setReason("");
      await refresh();
    },
    onError: (error) => notifications.show({ color: "red", message: errorMessage(error) }),
  });
  const actions = (["submit", "appraise", "publish", "return"] as const).filter((a) => can[a]);
  if (actions.length === 0) return null;
  return (
    <Group align="end" gap="sm">
      {can.return && (
        <Textarea
          label={t.detail.returnReason}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={1}
          w={320}
        />
      )}
      {actions.map((action) => (
        <Button
          key={action}
          variant={action === "return" ? "default" : "filled"}
          loading={mutation.isPending && mutation.variables === action}
          onClick={() => mutation.mutate(action)}
        >
          {t.detail.actions[action]}
        </Button>
      ))}
    </Group>
  );
}

/**
 * Self-scoring one leaf, all or nothing as the official sees it: the score and the chosen file are
 * checked here first (the shared rules of src/core), the new file is uploaded before anything else
 * (the server checks its content), and the score is saved only after the file was taken. A refused
 * file therefore leaves the saved score as it was, with the reason at the file field.
 */
function SelfEntryModal(props: {
  card: ScorecardDetail;
  node: ScorecardNode;
  onClose: () => void;
}) {
  const { card, node, onClose } = props;
  const entry = card.entries.find((e) => e.leafCode === node.code);
  const [value, setValue] = useState<number | string>(entry?.selfPoints ?? "");
  const [notApplicable, setNotApplicable] = useState(entry?.notApplicable ?? false);
  const [explanation, setExplanation] = useState(entry?.explanation ?? "");
  const [reason, setReason] = useState(entry?.overrideReason ?? "");
  const [evidence, setEvidence] = useState<string[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [documentNumber, setDocumentNumber] = useState("");
  /** The server's refusal of the chosen file (its content), until another file is chosen. */
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const refresh = useRefresh();
  const values = {
    selfPoints: value === "" ? null : Number(value),
    notApplicable,
    explanation: explanation.trim() || null,
    overrideReason: reason.trim() || null,
  };
  const fileProblem = file ? uploadProblem(file, { extensions: EVIDENCE_EXTENSIONS }) : null;
  const entryProblem = selfEntryProblem(
    { maxPoints: node.maxPoints, auto: node.auto, bonus: node.rule === "bonus" },
    values,
  );
  const save = useMutation({
    mutationFn: async () => {
      if (file) {
        try {
          await uploadScorecardEvidence(card.id, [node.code], {
            file,
            documentNumber: documentNumber.trim() || null,
          });
        } catch (error) {
          setUploadError(errorMessage(error));
          throw error;
        }
        // Taken and attached: a retry after a later failure must not upload it twice.
        setFile(null);
        setDocumentNumber("");
      }
      if (evidence.length > 0) {
        await linkEvidence(card.id, [node.code], evidence);
        setEvidence([]);
      }
      await saveSelfEntry(card.id, node.code, values);
    },
    onSuccess: async () => {
      notifications.show({ color: "green", message: t.detail.saved });
      await refresh();
      onClose();
    },
    // Whatever was attached before the failure shows on the page behind the dialog.
    onError: () => refresh(),
  });
  const submit = () => {
    setTried(true);
    if (fileProblem || uploadError || entryProblem) return;
    save.mutate();
  };
  const chooseFile = (chosen: File | null) => {
    setFile(chosen);
    setUploadError(null);
  };
  return (
    <Modal opened onClose={onClose} title={`${node.code}. ${node.name}`} size="lg">
      <Stack>
        {save.error && !uploadError ? <FormError error={save.error} /> : null}
        {tried && entryProblem ? (
          <Alert color="red" variant="light" role="alert">
            {entryProblem}
          </Alert>
        ) : null}
        {node.levels.length > 0 && (
          <Text size="sm" c="dimmed">
            {node.levels.map((l) => `${formatDecimal(l.points)}: ${l.label}`).join(" · ")}
          </Text>
        )}
        <NumberInput
          label={`${t.detail.pointsLabel} (0–${formatDecimal(node.maxPoints)})`}
          value={value}
          onChange={setValue}
          min={0}
          max={node.maxPoints}
          decimalScale={2}
          decimalSeparator=","
          disabled={notApplicable}
        />
        {node.auto && (
          <Textarea
            label={t.detail.overrideLabel}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        )}
        <Checkbox
          label={t.detail.notApplicable}
          checked={notApplicable}
          onChange={(e) => setNotApplicable(e.currentTarget.checked)}
        />
        <Textarea
          label={t.detail.explanationLabel}
          value={explanation}
          onChange={(e) => setExplanation(e.currentTarget.value)}
        />
        <MultiSelect
          label={t.detail.evidenceLabel}
          data={card.evidenceChoices.map((c) => ({
            value: c.id,
            label: c.documentNumber ? `${c.documentNumber} — ${c.fileName}` : c.fileName,
          }))}
          value={evidence}
          onChange={setEvidence}
          searchable
        />
        <FileInput
          label={t.detail.uploadLabel}
          placeholder={t.detail.uploadPlaceholder}
          accept={EVIDENCE_ACCEPT}
          clearable
          clearButtonProps={{ "aria-label": vi.common.clear }}
          value={file}
          onChange={chooseFile}
          error={fileProblem ?? uploadError}
        />
        {file && (
          <TextInput
            label={t.detail.documentNumberLabel}
            value={documentNumber}
            onChange={(e) => setDocumentNumber(e.currentTarget.value)}
          />
        )}
        <Group justify="end">
          <Button onClick={submit} loading={save.isPending}>
            {t.detail.save}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function AppraisalModal(props: {
  card: ScorecardDetail;
  node: ScorecardNode;
  onClose: () => void;
}) {
  const { card, node, onClose } = props;
  const entry = card.entries.find((e) => e.leafCode === node.code);
  const [value, setValue] = useState<number | string>(entry?.appraisedPoints ?? "");
  const [notApplicable, setNotApplicable] = useState(entry?.appraisedNotApplicable ?? false);
  const [note, setNote] = useState(entry?.appraisalNote ?? "");
  const refresh = useRefresh();
  const save = useMutation({
    mutationFn: () =>
      saveAppraisal(card.id, node.code, {
        appraisedPoints: value === "" ? null : Number(value),
        appraisedNotApplicable: notApplicable,
        note: note || null,
      }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t.detail.saved });
      await refresh();
      onClose();
    },
    onError: (error) => notifications.show({ color: "red", message: errorMessage(error) }),
  });
  return (
    <Modal opened onClose={onClose} title={`${t.detail.appraise} ${node.code}`} size="lg">
      <Stack>
        <Text size="sm">
          {t.detail.self}:{" "}
          {node.self?.applicable === false ? t.detail.kps : points(node.self?.points)}
        </Text>
        <NumberInput
          label={`${t.detail.pointsLabel} (0–${formatDecimal(node.maxPoints)})`}
          value={value}
          onChange={setValue}
          min={0}
          max={node.maxPoints}
          decimalScale={2}
          decimalSeparator=","
          disabled={notApplicable}
        />
        <Checkbox
          label={t.detail.notApplicable}
          checked={notApplicable}
          onChange={(e) => setNotApplicable(e.currentTarget.checked)}
        />
        <Textarea
          label={t.detail.noteLabel}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Group justify="end">
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t.detail.save}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The forecast as of the server's today (in Vietnam), never the browser's clock. */
function Forecast({ id, asOf }: { id: string; asOf: string }) {
  const query = useQuery({
    queryKey: scorecardKeys.forecast(id, asOf),
    queryFn: () => getForecast(id, asOf),
  });
  return (
    <Stack gap="xs" mt="lg">
      <Title order={2} size="h3">
        {t.detail.forecastTitle}
      </Title>
      {query.isPending ? (
        <LoadingBlock />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <>
          <Alert variant="light" color="blue">
            {t.detail.forecastTotal(points(query.data.total), points(query.data.index))}
            {query.data.band ? ` (${query.data.band})` : ""}
          </Alert>
          {query.data.losses.length === 0 ? (
            <Text c="dimmed">{t.detail.forecastEmpty}</Text>
          ) : (
            <DataList
              label={t.detail.forecastTitle}
              rows={query.data.losses}
              rowKey={(loss) => loss.leafCode}
              minWidth={760}
              columns={lossColumns}
            />
          )}
        </>
      )}
    </Stack>
  );
}

type Area = ScorecardDetail["areas"][number];
type Loss = Awaited<ReturnType<typeof getForecast>>["losses"][number];

const areaColumns: ListColumn<Area>[] = [
  { header: t.detail.colName, phone: "title", cell: (area) => `${area.code}. ${area.name}` },
  { header: t.detail.colMax, align: "right", cell: (area) => points(area.max) },
  { header: t.detail.colSelf, align: "right", cell: (area) => points(area.selfPoints) },
  { header: t.detail.colAppraised, align: "right", cell: (area) => points(area.appraisedPoints) },
  {
    header: t.detail.areaTarget,
    align: "right",
    cell: (area) =>
      area.targetScore === null
        ? "—"
        : `${formatDecimal(area.targetScore)}${area.targetMax ? `/${formatDecimal(area.targetMax)}` : ""}`,
  },
];

const lossColumns: ListColumn<Loss>[] = [
  { header: t.detail.colCode, phone: "hidden", cell: (loss) => loss.leafCode },
  {
    header: t.detail.colName,
    maw: 320,
    phone: "title",
    cell: (loss) => loss.name,
    phoneCell: (loss) => `${loss.leafCode}. ${loss.name}`,
  },
  { header: t.detail.stake, align: "right", cell: (loss) => points(loss.stake) },
  {
    header: t.detail.recovery,
    phoneWide: true,
    cell: (loss) =>
      loss.recovery.map((line, index) => (
        <Text size="sm" key={index}>
          {line}
        </Text>
      )),
  },
];

/** The criteria tree's columns: on a phone each criterion is a card headed by its code and name. */
function nodeColumns({
  can,
  entryOf,
  evidenceOf,
  onEdit,
  onAppraise,
}: {
  can: ScorecardCan;
  entryOf: Map<string, ScorecardDetail["entries"][number]>;
  evidenceOf: Map<string, ScorecardDetail["evidence"]>;
  onEdit: (node: ScorecardNode) => void;
  onAppraise: (node: ScorecardNode) => void;
}): ListColumn<ScorecardNode>[] {
  const details = (node: ScorecardNode) => {
    const entry = entryOf.get(node.code);
    return (
      <>
        {node.auto && (
          <Badge size="xs" variant="light" color="teal">
            {t.detail.auto}
          </Badge>
        )}
        {node.kind === "leaf" && node.self && (
          <Text size="xs" c="dimmed">
            {node.self.explanation}
          </Text>
        )}
        {entry?.explanation && (
          <Text size="xs">
            {t.detail.explanationShort}: {entry.explanation}
          </Text>
        )}
        {entry?.overrideReason && (
          <Text size="xs">
            {t.detail.overrideShort}: {entry.overrideReason}
          </Text>
        )}
        {entry?.appraisalNote && (
          <Text size="xs" c="orange.9">
            {t.detail.noteLabel}: {entry.appraisalNote}
          </Text>
        )}
      </>
    );
  };
  return [
    { header: t.detail.colCode, phone: "hidden", cell: (node) => node.code },
    {
      header: t.detail.colName,
      maw: 420,
      phone: "title",
      cell: (node) => (
        <>
          <Text size="sm" fw="inherit">
            {node.name}
          </Text>
          {details(node)}
        </>
      ),
      phoneCell: (node) => (
        <>
          <Text size="sm" fw="inherit">
            {node.code}. {node.name}
          </Text>
          {details(node)}
        </>
      ),
    },
    { header: t.detail.colMax, align: "right", cell: (node) => points(node.maxPoints) },
    {
      header: t.detail.colSelf,
      align: "right",
      cell: (node) => (node.self?.applicable === false ? t.detail.kps : points(node.self?.points)),
    },
    {
      header: t.detail.colAppraised,
      align: "right",
      cell: (node) =>
        node.appraised
          ? node.appraised.applicable
            ? points(node.appraised.points)
            : t.detail.kps
          : "—",
    },
    {
      header: t.detail.colEvidence,
      phoneWide: true,
      cell: (node) => (
        <Stack gap={2}>
          {(evidenceOf.get(node.code) ?? []).map((e) => (
            <Anchor
              key={e.evidenceId}
              size="xs"
              href={evidenceDownloadUrl(e.evidenceId)}
              title={e.documentNumber ?? undefined}
            >
              {e.fileName}
            </Anchor>
          ))}
        </Stack>
      ),
    },
    {
      header: t.detail.colActions,
      headerHidden: true,
      phone: "actions",
      cell: (node) => (
        <>
          {node.kind === "leaf" && can.write && (
            <Button
              size="xs"
              variant="default"
              onClick={() => onEdit(node)}
              aria-label={`${t.detail.edit} ${node.code}`}
            >
              {t.detail.edit}
            </Button>
          )}
          {node.kind === "leaf" && can.appraise && (
            <Button
              size="xs"
              variant="default"
              onClick={() => onAppraise(node)}
              aria-label={`${t.detail.appraise} ${node.code}`}
            >
              {t.detail.appraise}
            </Button>
          )}
        </>
      ),
    },
  ];
}
