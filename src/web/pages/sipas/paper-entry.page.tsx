import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { errorMessage } from "../../api/client.ts";
import { useMe } from "../../auth/session.ts";
import { DateField } from "../../components/date-field.tsx";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { UnitSelect } from "../../components/unit-select.tsx";
import { QuestionnaireFields, answeredOnly } from "./answer-scale.tsx";
import { enterPaperResponse, getQrTargets, getQuestionnaire, sipasKeys } from "./sipas.api.ts";
import { sipasPaths } from "./sipas-paths.ts";
import { todayInVietnam } from "../../i18n/format.ts";
import { vi } from "../../i18n/vi.ts";
import { viSipas as t } from "./vi-sipas.ts";

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** A clerk types in the paper forms citizens filled in at the desk, one after the other. */
export function PaperEntryPage() {
  const me = useMe();
  const [search] = useSearchParams();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState<string | null>(search.get("unitId") ?? me.unit.id);
  const [answeredOn, setAnsweredOn] = useState<string | null>(today());
  const [dossierCode, setDossierCode] = useState("");
  const [field, setField] = useState<string | null>(null);
  const [desk, setDesk] = useState("");
  const [answers, setAnswers] = useState<Record<string, number | null>>({});
  const [formKey, setFormKey] = useState(0);
  const questionnaire = useQuery({ queryKey: sipasKeys.questionnaire, queryFn: getQuestionnaire });
  const targets = useQuery({
    queryKey: sipasKeys.qr(unitId ?? ""),
    queryFn: () => getQrTargets(unitId!),
    enabled: unitId !== null,
  });
  const mutation = useMutation({
    mutationFn: () =>
      enterPaperResponse(unitId!, {
        answeredOn: answeredOn ?? "",
        answers: answeredOnly(answers),
        dossierCode: dossierCode.trim() || null,
        procedureField: dossierCode.trim() ? null : field,
        desk: desk.trim() || null,
      }),
    onSuccess: () => {
      notifySuccess(t.paper.saved);
      setAnswers({});
      setDossierCode("");
      setFormKey((k) => k + 1);
      void queryClient.invalidateQueries({ queryKey: sipasKeys.all });
    },
  });
  return (
    <>
      <PageHeader
        title={t.paper.title}
        description={t.paper.description}
        actions={
          <Button component={Link} to={sipasPaths.surveys} variant="default">
            {t.paper.back}
          </Button>
        }
      />
      {questionnaire.isPending && <LoadingBlock />}
      {questionnaire.isError && <QueryError error={questionnaire.error} />}
      {questionnaire.data && (
        <form
          key={formKey}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            mutation.mutate();
          }}
        >
          <Paper withBorder p="md" mb="md">
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              <UnitSelect label={t.unit} value={unitId} onChange={setUnitId} required />
              <DateField
                label={t.paper.answeredOn}
                value={answeredOn}
                onChange={setAnsweredOn}
                maxDate={todayInVietnam()}
                maxLabel={vi.dates.today}
                required
              />
              <TextInput
                label={t.paper.desk}
                value={desk}
                onChange={(event) => setDesk(event.currentTarget.value)}
              />
              <TextInput
                label={t.paper.dossierCode}
                value={dossierCode}
                onChange={(event) => setDossierCode(event.currentTarget.value)}
              />
              <Select
                label={t.paper.field}
                data={targets.data?.fields ?? []}
                value={field}
                onChange={setField}
                disabled={dossierCode.trim() !== ""}
                clearable
                searchable
              />
            </SimpleGrid>
          </Paper>
          <QuestionnaireFields
            questionnaire={questionnaire.data}
            answers={answers}
            onChange={(code, value) => setAnswers((current) => ({ ...current, [code]: value }))}
          />
          <Stack mt="lg" gap="sm">
            {mutation.isError && (
              <Alert color="red" role="alert">
                {errorMessage(mutation.error)}
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={mutation.isPending} disabled={!unitId}>
                {t.paper.save}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </>
  );
}
