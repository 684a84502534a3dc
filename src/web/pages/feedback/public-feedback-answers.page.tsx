import {
  Button,
  Divider,
  Group,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import {
  CaseLookupResult,
  CasePublicLookup,
  CasePublicPage,
} from "../../components/case-register/index.ts";
import { FormError } from "../../components/form-error.tsx";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { formatDate } from "../../i18n/format.ts";
import {
  feedbackKeys,
  listPublicAnswers,
  lookupPublicFeedback,
  rateAnswer,
  type PublicFeedbackStatus,
  type Satisfaction,
} from "./feedback.api.ts";
import { PublicFeedbackLinks } from "./public-links.tsx";
import { usePublicUnitOptions } from "./public-units.ts";
import { viFeedback as t } from "./vi-feedback.ts";

const PAGE_SIZE = 20;

/** Public page, no login: a unit's published answers, and a sender following their own feedback. */
export function PublicFeedbackAnswersPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const unitCode = searchParams.get("donVi");
  const { options } = usePublicUnitOptions();
  const [pages, setPages] = useState(1);
  const answers = useQuery({
    queryKey: feedbackKeys.publicAnswers(unitCode ?? "", pages),
    queryFn: () => listPublicAnswers(unitCode!, PAGE_SIZE * pages, 0),
    enabled: Boolean(unitCode),
  });
  return (
    <CasePublicPage
      title={t.public.answersTitle}
      description={t.public.answersDescription}
      size="md"
    >
      <FollowOwnFeedback initialCode={searchParams.get("ma") ?? ""} />
      <Divider my="lg" />
      <Select
        label={t.public.unit}
        placeholder={t.public.chooseUnit}
        data={options}
        searchable
        value={unitCode}
        onChange={(value) => {
          setPages(1);
          setSearchParams(value ? { donVi: value } : {});
        }}
        maw={420}
        mb="md"
      />
      {!unitCode ? (
        <Text c="dimmed">{t.public.chooseUnit}</Text>
      ) : answers.isPending ? (
        <LoadingBlock />
      ) : answers.isError ? (
        <QueryError error={answers.error} onRetry={() => answers.refetch()} />
      ) : answers.data.items.length === 0 ? (
        <Text c="dimmed">{t.public.noAnswers}</Text>
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t.public.total(answers.data.total)}
          </Text>
          {answers.data.items.map((item) => (
            <Paper
              key={item.code}
              withBorder
              p="md"
              component="article"
              aria-label={`${item.code} — ${item.title}`}
            >
              <Group justify="space-between" mb={4}>
                <Title order={2} size="h5">
                  {item.title}
                </Title>
                <Text size="xs" c="dimmed" ff="monospace">
                  {item.code}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" mb="xs">
                {t.public.sender}: {item.senderName} · {t.public.receivedOn}:{" "}
                {formatDate(item.receivedOn)} · {t.public.publishedOn}:{" "}
                {formatDate(item.publishedOn)}
                {item.classificationLabel ? ` · ${item.classificationLabel}` : ""}
              </Text>
              <Text size="sm" fw={500}>
                {t.public.question}
              </Text>
              <Text size="sm" mb="xs" style={{ whiteSpace: "pre-wrap" }}>
                {item.content}
              </Text>
              <Text size="sm" fw={500}>
                {t.public.answer}
                {item.agencyName ? ` (${item.agencyName})` : ""}
              </Text>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {item.answer}
              </Text>
            </Paper>
          ))}
          {answers.data.total > answers.data.items.length && (
            <Group>
              <Button variant="default" onClick={() => setPages(pages + 1)}>
                {t.public.more}
              </Button>
            </Group>
          )}
        </Stack>
      )}
      <PublicFeedbackLinks current="answers" />
    </CasePublicPage>
  );
}

function FollowOwnFeedback({ initialCode }: { initialCode: string }) {
  return (
    <section aria-label={t.public.followTitle}>
      <Title order={2} size="h4" mb="sm">
        {t.public.followTitle}
      </Title>
      <CasePublicLookup
        initialCode={initialCode}
        labels={{ ...t.public, submit: t.public.follow }}
        lookup={lookupPublicFeedback}
        inline
      >
        {(status, { phoneLast4, replace }) => (
          <CaseLookupResult
            label={status.code}
            title={`${status.code}: ${status.title}`}
            order={3}
            cols={3}
            facts={[
              { label: t.public.state, value: status.stateLabel },
              { label: t.public.dueDate, value: formatDate(status.dueDate) },
              { label: t.public.timeliness, value: status.timelinessLabel ?? "—" },
            ]}
          >
            {status.answer && (
              <>
                <Text size="sm" fw={500}>
                  {t.public.answer}
                </Text>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {status.answer}
                </Text>
              </>
            )}
            {status.satisfactionLabel && (
              <Text size="sm" mt="xs">
                {t.public.yourRating}: <strong>{status.satisfactionLabel}</strong>
              </Text>
            )}
            {status.canRateSatisfaction && (
              <RateAnswer code={status.code} phoneLast4={phoneLast4} onRated={replace} />
            )}
          </CaseLookupResult>
        )}
      </CasePublicLookup>
    </section>
  );
}

function RateAnswer({
  code,
  phoneLast4,
  onRated,
}: {
  code: string;
  phoneLast4: string;
  onRated: (status: PublicFeedbackStatus) => void;
}) {
  const [value, setValue] = useState<Satisfaction | null>(null);
  const [note, setNote] = useState("");
  const rate = useMutation({
    mutationFn: () => rateAnswer(code, { phoneLast4, satisfaction: value!, note: note || null }),
    onSuccess: onRated,
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        rate.mutate();
      }}
    >
      <Stack gap="xs" mt="md">
        <Radio.Group
          label={t.public.rateTitle}
          value={value}
          onChange={(v) => setValue(v as Satisfaction)}
        >
          <Group mt={4}>
            {Object.entries(t.satisfaction).map(([key, label]) => (
              <Radio key={key} value={key} label={label} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label={t.public.rateNote}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <FormError error={rate.error} />
        <Group>
          <Button type="submit" disabled={!value} loading={rate.isPending}>
            {t.public.rate}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
