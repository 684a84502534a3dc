import {
  Alert,
  Button,
  FileInput,
  Grid,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { IconDeviceFloppy, IconFileImport, IconRefresh } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useNavigate } from "react-router";
import { uploadProblem } from "../../../core/files/upload-limits.ts";
import { FormError } from "../../components/form-error.tsx";
import { vi } from "../../i18n/vi.ts";
import { notifySuccess } from "../../components/notify.ts";
import { PageHeader } from "../../components/page-header.tsx";
import type { PlanDraft } from "../../../core/plan-import/to-plan-draft.ts";
import { methodologyPaths } from "../methodology/methodology-paths.ts";
import { createMethodology, methodologyKeys } from "../methodology/methodology.api.ts";
import { viMethodology } from "../methodology/vi-methodology.ts";
import {
  CriteriaEditor,
  criteriaDraftOf,
  toCreateMethodologyInput,
  type CriteriaDraft,
} from "./criteria-editor.tsx";
import { DraftEditor } from "./draft-editor.tsx";
import { UnitMismatchAlert } from "./unit-mismatch.tsx";
import {
  importPlanFile,
  importPlanText,
  savePlanDraft,
  type PlanImportPreview,
} from "./plan-import.api.ts";
import { viPlanImport as t } from "./vi-plan-import.ts";

/**
 * Upload or paste a plan, review the extracted structure beside the source, save it as a plan;
 * a criteria table (PAR self-scoring appendix) is edited in its tab and saved apart, as a
 * methodology draft.
 */
export function PlanImportPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const fileProblem = file ? uploadProblem(file) : null;
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<PlanImportPreview | null>(null);
  const [draft, setDraft] = useState<PlanDraft | null>(null);
  const [criteria, setCriteria] = useState<CriteriaDraft | null>(null);
  const [activeLine, setActiveLine] = useState<number | null>(null);
  /** The unit the user confirmed when the header names another one. */
  const [confirmedUnit, setConfirmedUnit] = useState<{ id: string; name: string } | null>(null);
  const sourceRef = useRef<HTMLDivElement>(null);

  const read = useMutation({
    mutationFn: (unitId?: string) =>
      file ? importPlanFile(file, unitId) : importPlanText(text, unitId),
    onSuccess: (result, unitId) => {
      // Read again for the unit the user chose: that choice is the confirmation.
      setConfirmedUnit(unitId ? result.unit : null);
      setPreview(result);
      setDraft(result.draft);
      setCriteria(criteriaDraftOf(result.extracted.criteria, result.draft.period.year));
      setActiveLine(null);
    },
  });
  const save = useMutation({
    mutationFn: (value: PlanDraft) => savePlanDraft(value),
    onSuccess: async ({ id }) => {
      notifySuccess(t.saved);
      await queryClient.invalidateQueries({ queryKey: ["plans"] });
      void navigate(`/ke-hoach/${encodeURIComponent(id)}`);
    },
  });

  const saveCriteria = useMutation({
    mutationFn: (value: CriteriaDraft) =>
      createMethodology(
        toCreateMethodologyInput(value, draft!.unitId, preview?.source.filename ?? null),
      ),
    onSuccess: async ({ id }) => {
      notifySuccess(viMethodology.editor.saved);
      await queryClient.invalidateQueries({ queryKey: methodologyKeys.all });
      void navigate(methodologyPaths.detail(id));
    },
  });

  const showLine = (line: number) => {
    setActiveLine(line);
    const element = sourceRef.current?.querySelector<HTMLElement>(`[data-line="${line}"]`);
    element?.scrollIntoView({ block: "center", behavior: "smooth" });
  };

  if (!preview || !draft || !criteria) {
    return (
      <>
        <PageHeader title={t.title} description={t.description} />
        <Paper withBorder p="md" maw={820}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              read.mutate(undefined);
            }}
          >
            <Stack>
              <FileInput
                label={t.fileLabel}
                placeholder={t.filePlaceholder}
                accept=".docx,.pdf,.txt,.md"
                value={file}
                onChange={setFile}
                clearable
                clearButtonProps={{ "aria-label": vi.common.clear }}
                error={fileProblem}
              />
              <Textarea
                label={t.pasteLabel}
                placeholder={t.pastePlaceholder}
                autosize
                minRows={6}
                maxRows={16}
                value={text}
                onChange={(event) => setText(event.currentTarget.value)}
                disabled={file !== null}
              />
              <FormError error={read.error} />
              <Group>
                <Button
                  type="submit"
                  loading={read.isPending}
                  disabled={(!file && text.trim() === "") || fileProblem !== null}
                  leftSection={<IconFileImport size={16} aria-hidden="true" />}
                >
                  {t.read}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </>
    );
  }

  const warningCount = preview.extracted.warnings.length + preview.warnings.length;
  const mismatch = preview.unitMismatch;
  const unitUnconfirmed = mismatch !== null && confirmedUnit?.id !== preview.unit.id;
  const chooseUnit = (unitId: string) => {
    if (unitId === preview.unit.id) setConfirmedUnit(preview.unit);
    else read.mutate(unitId);
  };
  return (
    <>
      <PageHeader
        title={t.title}
        description={`${preview.source.filename ?? ""} ${t.summary(
          draft.tasks.length,
          draft.targets.length,
          warningCount,
          preview.unplaced.length,
        )}`}
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} aria-hidden="true" />}
              onClick={() => {
                setPreview(null);
                setDraft(null);
                setCriteria(null);
                setConfirmedUnit(null);
                read.reset();
                save.reset();
                saveCriteria.reset();
              }}
            >
              {t.restart}
            </Button>
            <Button
              loading={save.isPending}
              disabled={unitUnconfirmed}
              title={unitUnconfirmed ? t.unitMismatch.mustChoose : undefined}
              leftSection={<IconDeviceFloppy size={16} aria-hidden="true" />}
              onClick={() => save.mutate(draft)}
            >
              {t.save}
            </Button>
          </>
        }
      />
      <Text size="sm" mb="sm" data-testid="plan-unit">
        {t.unitOfPlan(preview.unit.name)}
      </Text>
      {mismatch && unitUnconfirmed ? (
        <UnitMismatchAlert
          key={preview.unit.id}
          mismatch={mismatch}
          pending={read.isPending}
          onChoose={chooseUnit}
        />
      ) : null}
      {confirmedUnit ? (
        <Alert color="teal" variant="light" mb="md" role="status">
          {t.unitMismatch.confirmed(confirmedUnit.name)}
        </Alert>
      ) : null}
      {read.error ? (
        <Alert color="red" variant="light" mb="md" role="alert">
          <FormError error={read.error} />
        </Alert>
      ) : null}
      {save.error ? (
        <Alert color="red" variant="light" mb="md" role="alert">
          <FormError error={save.error} />
        </Alert>
      ) : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper withBorder p="sm">
            <Title order={2} size="h4" mb="xs">
              {t.sourceTitle}
            </Title>
            <ScrollArea
              h="75vh"
              viewportRef={sourceRef}
              type="auto"
              viewportProps={{ tabIndex: 0, role: "region", "aria-label": t.sourceLabel }}
            >
              {preview.source.lines.map((line, index) => (
                <Group
                  key={`${line.line}-${index}`}
                  data-line={line.line}
                  gap={8}
                  wrap="nowrap"
                  align="flex-start"
                  bg={line.line === activeLine ? "yellow.1" : undefined}
                >
                  <Text
                    size="xs"
                    c="dimmed"
                    w={36}
                    ta="right"
                    ff="monospace"
                    style={{ flex: "none" }}
                  >
                    {line.line}
                  </Text>
                  <Text size="sm" style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
                    {line.text || "\u00a0"}
                  </Text>
                </Group>
              ))}
            </ScrollArea>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder p="sm">
            <Title order={2} size="h4" mb="xs">
              {t.structureTitle}
            </Title>
            <DraftEditor
              preview={preview}
              draft={draft}
              onChange={setDraft}
              onShowLine={showLine}
              criteriaCount={criteria.rows.length}
              criteriaPanel={
                <CriteriaEditor
                  value={criteria}
                  onChange={setCriteria}
                  onShowLine={showLine}
                  canSave={preview.can.createMethodology}
                  saving={saveCriteria.isPending}
                  saveError={saveCriteria.error}
                  onSave={() => saveCriteria.mutate(criteria)}
                />
              }
            />
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}
