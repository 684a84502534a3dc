import { Alert, Button, Center, Group, Progress, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { errorMessage } from "../../api/client.ts";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { answeredOnly } from "./answer-scale.tsx";
import { getPublicQuestionnaire, sipasKeys, submitPublicResponse } from "./sipas.api.ts";
import { viSipas as t } from "./vi-sipas.ts";

/** Seconds without a touch before a half-answered form is dropped (`?nghi=` sets it, 3–600). */
const DEFAULT_IDLE_SECONDS = 60;
/** Seconds the thank-you screen stays before the kiosk starts again. */
const THANKS_SECONDS = 6;

const BUTTON_COLORS = ["red", "orange", "gray", "teal", "green"] as const;

type Screen = "welcome" | "question" | "done";

/**
 * The kiosk at the desk (a tablet): one question at a time with large buttons; a touch answers
 * and moves on, the last answer sends the form. It starts again by itself after each form and
 * after a pause without a touch, so the next citizen never sees the previous one's answers.
 */
export function KioskPage() {
  const { unitCode = "" } = useParams();
  const [search] = useSearchParams();
  const desk = search.get("quay")?.slice(0, 60) || null;
  const idleSeconds = Math.min(
    600,
    Math.max(3, Number(search.get("nghi")) || DEFAULT_IDLE_SECONDS),
  );
  const [screen, setScreen] = useState<Screen>("welcome");
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Record<string, number | null>>({});
  const lastTouch = useRef(Date.now());
  const query = useQuery({
    queryKey: sipasKeys.public(unitCode, "kiosk"),
    queryFn: () => getPublicQuestionnaire(unitCode, "kiosk"),
  });
  const items = (query.data?.questionnaire.parts ?? []).flatMap((part) =>
    part.factors.flatMap((factor) =>
      factor.items.map((item) => ({ ...item, factor: factor.label })),
    ),
  );
  const mutation = useMutation({
    mutationFn: (final: Record<string, number | null>) =>
      submitPublicResponse({ unitCode, channel: "kiosk", answers: answeredOnly(final), desk }),
  });
  const reset = useCallback(() => {
    setScreen("welcome");
    setIndex(0);
    setAnswers({});
    mutation.reset();
  }, [mutation]);

  useEffect(() => {
    document.title = t.public.title;
  }, []);
  // Back to the start after the thank-you screen, and after a pause in the middle of a form.
  useEffect(() => {
    if (screen === "welcome") return;
    const timer = window.setInterval(() => {
      const waited = (Date.now() - lastTouch.current) / 1000;
      if (screen === "done" && waited >= THANKS_SECONDS && !mutation.isPending) reset();
      if (screen === "question" && waited >= idleSeconds) reset();
    }, 500);
    return () => window.clearInterval(timer);
  }, [screen, idleSeconds, mutation.isPending, reset]);

  const touch = () => {
    lastTouch.current = Date.now();
  };
  const finish = (final: Record<string, number | null>) => {
    touch();
    setScreen("done");
    if (Object.keys(answeredOnly(final)).length > 0) mutation.mutate(final);
  };
  const answer = (value: number | null) => {
    const item = items[index];
    if (!item) return;
    const next = { ...answers, [item.code]: value };
    setAnswers(next);
    touch();
    if (index + 1 >= items.length) finish(next);
    else setIndex(index + 1);
  };

  const data = query.data;
  const item = items[index];
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Stack component="main" w="100%" maw={900} gap="lg" onPointerDown={touch}>
        <div>
          <Title order={1} size="h2">
            {t.public.title}
          </Title>
          {data && (
            <Text size="lg" fw={600}>
              {data.unit.name}
              {desk ? ` — ${t.public.desk(desk)}` : ""}
            </Text>
          )}
        </div>
        {query.isPending && <LoadingBlock />}
        {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
        {data && screen === "welcome" && (
          <Stack align="center" gap="xl" py="xl">
            <Text size="xl" ta="center">
              {t.kiosk.welcome}
            </Text>
            <Button
              size="xl"
              h={96}
              px={48}
              onClick={() => {
                touch();
                setScreen("question");
              }}
            >
              {t.kiosk.start}
            </Button>
          </Stack>
        )}
        {data && screen === "question" && item && (
          <Stack gap="lg" role="group" aria-label={t.kiosk.progress(index + 1, items.length)}>
            <Group justify="space-between">
              <Text c="dimmed">{item.factor}</Text>
              <Text fw={600} data-testid="kiosk-progress">
                {t.kiosk.progress(index + 1, items.length)}
              </Text>
            </Group>
            <Progress value={(index / items.length) * 100} aria-hidden="true" />
            <Title order={2} size="h2" id="kiosk-question">
              {item.text}
            </Title>
            <Stack gap="sm" aria-labelledby="kiosk-question" role="group">
              {data.questionnaire.scale
                .slice()
                .reverse()
                .map((option) => (
                  <Button
                    key={option.value}
                    size="xl"
                    h={72}
                    fz={24}
                    color={BUTTON_COLORS[option.value - 1]}
                    variant={answers[item.code] === option.value ? "filled" : "light"}
                    onClick={() => answer(option.value)}
                  >
                    {option.label}
                  </Button>
                ))}
            </Stack>
            <Group justify="space-between">
              <Button
                size="lg"
                variant="default"
                disabled={index === 0}
                onClick={() => {
                  touch();
                  setIndex(index - 1);
                }}
              >
                {t.kiosk.back}
              </Button>
              <Button size="lg" variant="default" onClick={() => answer(null)}>
                {t.kiosk.skip}
              </Button>
              <Button
                size="lg"
                disabled={Object.keys(answeredOnly(answers)).length === 0}
                onClick={() => finish(answers)}
              >
                {t.kiosk.finish}
              </Button>
            </Group>
          </Stack>
        )}
        {screen === "done" && (
          <Stack align="center" py="xl" role="status" aria-live="polite">
            {mutation.isError ? (
              <Alert color="red" role="alert">
                {errorMessage(mutation.error)}
              </Alert>
            ) : (
              <>
                <Title order={2} size="h1">
                  {t.kiosk.thanks}
                </Title>
                <Text size="xl">{t.kiosk.thanksText}</Text>
              </>
            )}
          </Stack>
        )}
      </Stack>
    </Center>
  );
}
