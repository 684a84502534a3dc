import {
  Alert,
  Button,
  Group,
  Mark,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import {
  PERSONAL_DATA_KIND_LABELS,
  findPersonalData,
  mustStayMasked,
  type PersonalDataSpan,
  type SenderPersonalData,
} from "../../../core/feedback/personal-data-mask.ts";
import { FormError } from "../../components/form-error.tsx";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { QueryError } from "../../components/query-error.tsx";
import {
  feedbackKeys,
  getPublicationPreview,
  transitionFeedback,
  type FeedbackDetail,
  type PublicTexts,
} from "./feedback.api.ts";
import { viFeedback as t } from "./vi-feedback.ts";

const FIELDS = ["title", "content", "answer"] as const;

/** A word holding a "*" is a masked piece ("N***** T** T***", "*******678", "***@gmail.com"). */
const MASKED_WORD = /\S*\*\S*?(?=[.,;:!?)]*(?:\s|$))/g;

interface Segment {
  start: number;
  end: number;
  remaining?: PersonalDataSpan;
}

/** The text with masked pieces marked yellow and personal data still readable marked red. */
function Highlighted({ text, sender }: { text: string; sender: SenderPersonalData }) {
  const nfc = text.normalize("NFC");
  const remaining: Segment[] = findPersonalData(nfc, sender).map((span) => ({
    start: span.start,
    end: span.end,
    remaining: span,
  }));
  const masked: Segment[] = [...nfc.matchAll(MASKED_WORD)]
    .map((m) => ({ start: m.index, end: m.index + m[0].length }))
    .filter((m) => !remaining.some((r) => m.start < r.end && r.start < m.end));
  const segments = [...remaining, ...masked].sort((a, b) => a.start - b.start);
  const parts: ReactNode[] = [];
  let from = 0;
  for (const segment of segments) {
    parts.push(nfc.slice(from, segment.start));
    const piece = nfc.slice(segment.start, segment.end);
    parts.push(
      segment.remaining ? (
        <Mark
          key={segment.start}
          color="red.2"
          title={`${PERSONAL_DATA_KIND_LABELS[segment.remaining.kind]} — ${t.publication.remaining}`}
        >
          {piece}
        </Mark>
      ) : (
        <Mark key={segment.start} color="yellow.2" title={t.publication.masked}>
          {piece}
        </Mark>
      ),
    );
    from = segment.end;
  }
  parts.push(nfc.slice(from));
  return <>{parts}</>;
}

/**
 * Publishing an answer: the public title, content and answer are proposed with personal data
 * masked; the clerk reads them highlighted, may edit them, and confirms. The server checks the
 * confirmed text again and stores it as the only text the public sees.
 */
export function PublishReviewModal({
  feedback,
  onClose,
}: {
  feedback: FeedbackDetail;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const preview = useQuery({
    queryKey: feedbackKeys.publicationPreview(feedback.id),
    queryFn: () => getPublicationPreview(feedback.id),
    gcTime: 0,
  });
  const [edited, setEdited] = useState<PublicTexts | null>(null);
  const texts: PublicTexts | null =
    edited ??
    (preview.data
      ? {
          title: preview.data.title.text,
          content: preview.data.content.text,
          answer: preview.data.answer.text,
        }
      : null);
  const sender: SenderPersonalData = {
    name: feedback.senderName,
    phone: feedback.senderPhone,
    email: feedback.senderEmail,
    address: feedback.senderAddress,
  };
  const blocking = texts
    ? FIELDS.flatMap((field) => findPersonalData(texts[field], sender).filter(mustStayMasked))
    : [];
  const mutation = useMutation({
    mutationFn: () =>
      transitionFeedback(feedback.id, {
        action: "publish",
        publication: {
          title: texts!.title.trim(),
          content: texts!.content.trim(),
          answer: texts!.answer.trim(),
        },
      }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(feedbackKeys.detail(feedback.id), updated);
      await queryClient.invalidateQueries({ queryKey: feedbackKeys.all });
      notifySuccess(t.publication.done);
      onClose();
    },
  });
  const found = preview.data ? FIELDS.flatMap((field) => preview.data[field].spans) : [];
  return (
    <Modal opened onClose={onClose} title={t.publication.title} size="xl">
      {preview.isPending ? (
        <LoadingBlock />
      ) : preview.isError ? (
        <QueryError error={preview.error} onRetry={() => preview.refetch()} />
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            mutation.mutate();
          }}
        >
          <Stack gap="sm">
            <Alert color="blue">{t.publication.intro}</Alert>
            {FIELDS.map((field) => {
              const label = t.publication.fields[field];
              const Input = field === "title" ? TextInput : Textarea;
              return (
                <Stack key={field} gap={4}>
                  <Paper withBorder p="sm" role="region" aria-label={t.publication.preview(label)}>
                    <Text size="xs" c="dimmed" mb={4}>
                      {t.publication.preview(label)}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                      <Highlighted text={texts![field]} sender={sender} />
                    </Text>
                  </Paper>
                  <Input
                    label={label}
                    required
                    {...(field === "title" ? {} : { autosize: true, minRows: 3 })}
                    value={texts![field]}
                    onChange={(e) => setEdited({ ...texts!, [field]: e.currentTarget.value })}
                  />
                </Stack>
              );
            })}
            {found.length > 0 ? (
              <Table aria-label={t.publication.found} withTableBorder>
                <Table.Caption>{t.publication.found}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t.publication.kind}</Table.Th>
                    <Table.Th>{t.publication.original}</Table.Th>
                    <Table.Th>{t.publication.replacement}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {found.map((span, index) => (
                    <Table.Tr key={`${span.kind}-${span.start}-${index}`}>
                      <Table.Td>
                        {span.kindLabel}
                        {span.ofSender ? ` ${t.publication.ofSender}` : ""}
                      </Table.Td>
                      <Table.Td>{span.original}</Table.Td>
                      <Table.Td>{span.replacement}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="sm">{t.publication.noneFound}</Text>
            )}
            {found.some((span) => !span.mustStayMasked) && (
              <Text size="sm" c="dimmed">
                {t.publication.otherHint}
              </Text>
            )}
            {blocking.length > 0 && (
              <Alert color="red" role="alert" title={t.publication.remaining}>
                {t.publication.remainingHint}
              </Alert>
            )}
            <FormError error={mutation.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t.step.cancel}
              </Button>
              <Button type="submit" loading={mutation.isPending} disabled={blocking.length > 0}>
                {t.publication.confirm}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
