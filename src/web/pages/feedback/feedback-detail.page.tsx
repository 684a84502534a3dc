import {
  Alert,
  Badge,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { AgencySelect } from "../../components/agency-select.tsx";
import {
  CaseActions,
  CaseFact,
  CaseFacts,
  CaseHistory,
  CaseMomentField,
  CaseStateBadges,
  caseDetailPage,
  useStepMoment,
} from "../../components/case-register/index.ts";
import { FormActions } from "../../components/form-actions.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { formatDate, formatDateTime } from "../../i18n/format.ts";
import { feedbackPaths } from "./feedback-paths.ts";
import { PublishReviewModal } from "./feedback-publish-review.tsx";
import {
  feedbackKeys,
  getFeedback,
  transitionFeedback,
  type FeedbackAction,
  type FeedbackClassification,
  type FeedbackDetail,
} from "./feedback.api.ts";
import { viFeedback as t } from "./vi-feedback.ts";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <CaseFact label={label} preWrap>
      {children}
    </CaseFact>
  );
}

/** One feedback: its facts, the steps it may take next, its answer and its history. */
export const FeedbackDetailPage = caseDetailPage(feedbackKeys.detail, getFeedback, FeedbackView, {
  to: feedbackPaths.register,
  label: t.detail.back,
});

function FeedbackView({ data: f }: { data: FeedbackDetail }) {
  const [action, setAction] = useState<FeedbackAction | null>(null);
  return (
    <>
      <PageHeader title={f.code} description={f.title} />
      <CaseStateBadges
        stateLabel={f.stateLabel}
        timeliness={f.timeliness}
        timelinessLabel={f.timelinessLabel}
      >
        <Badge size="lg" variant="outline">
          {f.classificationLabel ?? t.detail.notClassified}
        </Badge>
      </CaseStateBadges>
      {f.timeliness === "overdue" && (
        <Alert color="red" mb="md">
          {t.detail.dueDate}: {formatDate(f.dueDate)} — {f.timelinessLabel}
        </Alert>
      )}
      <CaseFacts
        masked={f.personalData === "masked"}
        maskedNotice={t.detail.personalDataMasked}
        below={
          <Stack mt="md" gap="xs">
            <Fact label={t.detail.content}>{f.content}</Fact>
          </Stack>
        }
      >
        <Fact label={t.detail.sender}>{f.senderName}</Fact>
        <Fact label={t.detail.phone}>{f.senderPhone}</Fact>
        <Fact label={t.detail.email}>{f.senderEmail ?? "—"}</Fact>
        <Fact label={t.detail.address}>{f.senderAddress ?? "—"}</Fact>
        <Fact label={t.detail.channel}>{f.channelLabel}</Fact>
        <Fact label={t.detail.receivedAt}>{formatDateTime(f.receivedAt)}</Fact>
        <Fact label={t.detail.dueDate}>{formatDate(f.dueDate)}</Fact>
        <Fact label={t.detail.transferDueDate}>{formatDate(f.transferDueDate)}</Fact>
        <Fact label={t.detail.agency}>{f.assignedAgencyName ?? "—"}</Fact>
        {f.transferredTo && <Fact label={t.detail.transferredTo}>{f.transferredTo}</Fact>}
        {f.reason && <Fact label={t.detail.reason}>{f.reason}</Fact>}
      </CaseFacts>

      {f.answer && (
        <Paper withBorder p="md" mb="md" role="region" aria-label={t.detail.answer}>
          <Title order={2} size="h4" mb="xs">
            {t.detail.answer}
          </Title>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {f.answer}
          </Text>
          <Text size="xs" c="dimmed" mt="xs">
            {t.detail.answeredBy(f.answeredByName ?? "", formatDateTime(f.answeredAt))}
            {f.publishedAt ? ` · ${t.detail.publishedAt} ${formatDateTime(f.publishedAt)}` : ""}
          </Text>
          {f.satisfactionLabel && (
            <Text size="sm" mt="xs">
              {t.detail.satisfaction}: <strong>{f.satisfactionLabel}</strong>
              {f.satisfactionNote ? ` — ${f.satisfactionNote}` : ""}
            </Text>
          )}
        </Paper>
      )}

      {f.publicConfirmedAt && (
        <Paper withBorder p="md" mb="md" role="region" aria-label={t.publication.published}>
          <Title order={2} size="h4" mb="xs">
            {t.publication.published}
          </Title>
          <Stack gap="xs">
            <Fact label={t.publication.fields.title}>{f.publicTitle}</Fact>
            <Fact label={t.publication.fields.content}>{f.publicContent}</Fact>
            <Fact label={t.publication.fields.answer}>{f.publicAnswer}</Fact>
          </Stack>
          <Text size="xs" c="dimmed" mt="xs">
            {t.publication.confirmedBy(
              f.publicConfirmedByName ?? "",
              formatDateTime(f.publicConfirmedAt),
            )}
          </Text>
        </Paper>
      )}

      {f.allowedActions.length > 0 && (
        <CaseActions
          title={t.detail.actions}
          actions={f.allowedActions}
          labels={t.actions}
          quiet={["reject", "transfer"]}
          onAction={setAction}
        />
      )}

      <CaseHistory events={f.events} showTarget={false} />
      {action === "publish" ? (
        <PublishReviewModal feedback={f} onClose={() => setAction(null)} />
      ) : (
        action && <StepModal feedback={f} action={action} onClose={() => setAction(null)} />
      )}
    </>
  );
}

function StepModal({
  feedback,
  action,
  onClose,
}: {
  feedback: FeedbackDetail;
  action: FeedbackAction;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [classification, setClassification] = useState<string | null>(feedback.classification);
  const [agencyId, setAgencyId] = useState<string | null>(feedback.assignedAgencyId);
  const [answer, setAnswer] = useState("");
  const [transferredTo, setTransferredTo] = useState("");
  const [note, setNote] = useState("");
  const moment = useStepMoment();
  const mutation = useMutation({
    mutationFn: () =>
      transitionFeedback(feedback.id, {
        action,
        at: moment.at,
        note: note.trim() || null,
        classification: (classification as FeedbackClassification | null) ?? null,
        agencyId,
        answer: answer.trim() || null,
        transferredTo: transferredTo.trim() || null,
      }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(feedbackKeys.detail(feedback.id), updated);
      await queryClient.invalidateQueries({ queryKey: feedbackKeys.all });
      notifySuccess(t.detail.done(t.actions[action]));
      onClose();
    },
  });
  const needsReason = action === "transfer" || action === "reject";
  return (
    <Modal opened onClose={onClose} title={t.actions[action]} size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (moment.showRefusal()) return;
          mutation.mutate();
        }}
      >
        <Stack gap="sm">
          {action === "classify" && (
            <Select
              label={t.step.classification}
              required
              data={Object.entries(t.classifications).map(([value, label]) => ({ value, label }))}
              value={classification}
              onChange={setClassification}
            />
          )}
          {action === "assign" && (
            <AgencySelect
              label={t.step.agency}
              required
              unitId={feedback.unitId}
              value={agencyId}
              onChange={setAgencyId}
            />
          )}
          {action === "answer" && (
            <Textarea
              label={t.step.answer}
              required
              autosize
              minRows={5}
              value={answer}
              onChange={(e) => setAnswer(e.currentTarget.value)}
            />
          )}
          {action === "transfer" && (
            <TextInput
              label={t.step.transferredTo}
              required
              value={transferredTo}
              onChange={(e) => setTransferredTo(e.currentTarget.value)}
            />
          )}
          <Textarea
            label={needsReason ? t.step.reason : t.step.note}
            required={needsReason}
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <CaseMomentField label={t.step.at} description={t.step.atHint} {...moment.field} />
          <FormActions mutation={mutation} confirm={t.step.confirm} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
