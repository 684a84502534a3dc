import {
  Alert,
  Button,
  Container,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { errorMessage } from "../../api/client.ts";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { QuestionnaireFields, answeredOnly } from "./answer-scale.tsx";
import { getPublicQuestionnaire, sipasKeys, submitPublicResponse } from "./sipas.api.ts";
import { viSipas as t } from "./vi-sipas.ts";

/**
 * Public page, no login, made for a phone: reached by the QR code of a desk (`?quay=`), of a
 * procedure field (`?linhVuc=`) or of a dossier receipt (`?hoSo=`). Anonymous unless the citizen
 * names a dossier with the last four digits of their phone.
 */
export function PublicSurveyPage() {
  const { unitCode = "" } = useParams();
  const [search] = useSearchParams();
  const desk = search.get("quay")?.slice(0, 60) || null;
  const [field, setField] = useState<string | null>(search.get("linhVuc"));
  const [dossierCode, setDossierCode] = useState(search.get("hoSo") ?? "");
  const [phoneLast4, setPhoneLast4] = useState("");
  const [answers, setAnswers] = useState<Record<string, number | null>>({});
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    document.title = t.public.title;
  }, []);
  const query = useQuery({
    queryKey: sipasKeys.public(unitCode, "phone"),
    queryFn: () => getPublicQuestionnaire(unitCode, "phone"),
  });
  const mutation = useMutation({
    mutationFn: () =>
      submitPublicResponse({
        unitCode,
        channel: "phone",
        answers: answeredOnly(answers),
        dossierCode: dossierCode.trim() || null,
        phoneLast4: dossierCode.trim() ? phoneLast4.trim() : null,
        procedureField: dossierCode.trim() ? null : field,
        desk,
      }),
    onError: (error) => setProblem(errorMessage(error)),
  });
  const submit = () => {
    setProblem(null);
    if (Object.keys(answeredOnly(answers)).length === 0) setProblem(t.public.required);
    else mutation.mutate();
  };
  const data = query.data;
  return (
    <Container size="sm" px="sm" py="md">
      <main>
        <Title order={1} size="h2">
          {t.public.title}
        </Title>
        {data && (
          <Text fw={600} mt={4}>
            {data.unit.name}
            {desk ? ` — ${t.public.desk(desk)}` : ""}
          </Text>
        )}
        {query.isPending && <LoadingBlock />}
        {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
        {mutation.isSuccess ? (
          <Paper withBorder p="md" mt="md" role="region" aria-label={t.public.sent}>
            <Title order={2} size="h3">
              {t.public.sent}
            </Title>
            <Text mt="xs">{t.public.sentText(mutation.data.unitName)}</Text>
            <Button
              mt="md"
              variant="default"
              onClick={() => {
                setAnswers({});
                setDossierCode("");
                setPhoneLast4("");
                mutation.reset();
              }}
            >
              {t.public.another}
            </Button>
          </Paper>
        ) : (
          data && (
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                submit();
              }}
            >
              <Text c="dimmed" size="sm" my="sm">
                {t.public.intro}
              </Text>
              <Paper withBorder p="sm" mb="md">
                <Text fw={600} mb="xs">
                  {t.public.dossierTitle}
                </Text>
                <SimpleGrid cols={{ base: 1, xs: 2 }}>
                  <TextInput
                    label={t.public.dossierCode}
                    value={dossierCode}
                    onChange={(event) => setDossierCode(event.currentTarget.value)}
                  />
                  <TextInput
                    label={t.public.phoneLast4}
                    value={phoneLast4}
                    inputMode="numeric"
                    maxLength={4}
                    disabled={!dossierCode.trim()}
                    onChange={(event) => setPhoneLast4(event.currentTarget.value)}
                  />
                </SimpleGrid>
                {!dossierCode.trim() && data.fields.length > 0 && (
                  <Select
                    mt="sm"
                    label={t.public.field}
                    placeholder={t.public.noField}
                    data={data.fields}
                    value={field}
                    onChange={setField}
                    clearable
                  />
                )}
              </Paper>
              <QuestionnaireFields
                questionnaire={data.questionnaire}
                answers={answers}
                onChange={(code, value) => setAnswers((current) => ({ ...current, [code]: value }))}
              />
              <Stack mt="lg" gap="sm">
                {problem && (
                  <Alert color="red" role="alert">
                    {problem}
                  </Alert>
                )}
                <Button type="submit" size="lg" loading={mutation.isPending}>
                  {t.public.submit}
                </Button>
              </Stack>
            </form>
          )
        )}
      </main>
    </Container>
  );
}
