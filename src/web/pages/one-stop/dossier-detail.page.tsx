import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { IconBan, IconUserEdit } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { AgencySelect } from "../../components/agency-select.tsx";
import {
  CaseActions,
  CaseFact as Fact,
  CaseFacts,
  CaseHistory,
  CaseMomentField,
  CaseStateBadges,
  caseDetailPage,
  useStepMoment,
} from "../../components/case-register/index.ts";
import { DueDate } from "../../components/case-register/due-date.tsx";
import { DateField } from "../../components/date-field.tsx";
import { FormActions } from "../../components/form-actions.tsx";
import { notifySuccess } from "../../components/notify.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { formatDate, formatDateTime, todayInVietnam } from "../../i18n/format.ts";
import { viOneStop as t } from "../../i18n/vi-one-stop.ts";
import { oneStopPaths } from "./one-stop-paths.ts";
import { FormButtons, FormLinks } from "./form-downloads.tsx";
import { VoidModal } from "./void-modal.tsx";
import { ApplicantEditModal } from "./applicant-edit-modal.tsx";
import {
  ACTION_LABELS,
  ACTIONS_NEEDING_REASON,
  getDossier,
  issueApology,
  oneStopKeys,
  transitionDossier,
  voidDossier,
  type DossierAction,
  type DossierDetail,
} from "./one-stop.api.ts";

/** One dossier: its facts, the steps it may take next, its documents and its history. */
export const DossierDetailPage = caseDetailPage(oneStopKeys.dossier, getDossier, DossierView, {
  to: oneStopPaths.register,
  label: t.detail.back,
});

function DossierView({ data: d }: { data: DossierDetail }) {
  const [action, setAction] = useState<DossierAction | null>(null);
  const [apologising, setApologising] = useState(false);
  const [voiding, setVoiding] = useState(false);
  const [editing, setEditing] = useState(false);
  const queryClient = useQueryClient();
  // A correction needs the applicant in full: a masked view would be saved over the record.
  const mayEditApplicant = d.can.write && d.personalData === "full" && !d.voided;
  return (
    <>
      <PageHeader
        title={`${t.detail.code} ${d.code}`}
        description={d.procedureName}
        actions={
          <>
            {mayEditApplicant && (
              <Button
                variant="default"
                leftSection={<IconUserEdit size={16} aria-hidden="true" />}
                onClick={() => setEditing(true)}
              >
                {t.applicantEdit.open}
              </Button>
            )}
            <FormButtons
              path={`/api/dossiers/${encodeURIComponent(d.id)}/receipt`}
              label={t.detail.receipt}
              name={t.detail.receiptName}
            />
            {d.can.refusalNotice && (
              <FormButtons
                path={`/api/dossiers/${encodeURIComponent(d.id)}/refusal-notice`}
                label={t.detail.refusalNotice}
                name={t.detail.refusalNoticeName}
              />
            )}
            {d.can.supplementRequest && (
              <FormButtons
                path={`/api/dossiers/${encodeURIComponent(d.id)}/supplement-request`}
                label={t.detail.supplementRequest}
                name={t.detail.supplementRequestName}
              />
            )}
            {d.can.stopNotice && (
              <FormButtons
                path={`/api/dossiers/${encodeURIComponent(d.id)}/stop-notice`}
                label={t.detail.stopNotice}
                name={t.detail.stopNoticeName}
              />
            )}
            {d.can.void && (
              <Button
                color="red"
                variant="light"
                leftSection={<IconBan size={16} aria-hidden="true" />}
                onClick={() => setVoiding(true)}
              >
                {t.voiding.dossierAction}
              </Button>
            )}
          </>
        }
      />
      <CaseStateBadges
        stateLabel={d.stateLabel}
        timeliness={d.timeliness}
        timelinessLabel={d.timelinessLabel}
      >
        {d.imported && (
          <Badge size="lg" variant="outline" color="gray">
            {t.detail.imported}
          </Badge>
        )}
      </CaseStateBadges>
      {d.voided && (
        <Alert color="red" mb="md" title={t.voiding.voidedTitle}>
          {t.voiding.voidedBy(formatDateTime(d.voided.at), d.voided.byName, d.voided.reason)}
        </Alert>
      )}
      {(d.timeliness === "overdue" || (d.supplementCount >= 2 && d.finishedAt === null)) &&
        d.apologies.length === 0 &&
        !d.voided && (
          <Alert color="orange" mb="md">
            {t.detail.lateWarning}
          </Alert>
        )}
      <CaseFacts masked={d.personalData === "masked"} maskedNotice={t.detail.personalDataMasked}>
        <Fact label={t.detail.applicant}>{d.applicantName}</Fact>
        <Fact label={t.detail.applicantKind}>
          {d.applicantKindSaid
            ? d.applicantKindLabel
            : `${d.applicantKindLabel} ${t.detail.applicantKindInferred}`}
        </Fact>
        <Fact label={t.detail.phone}>{d.applicantPhone}</Fact>
        <Fact label={t.detail.address}>{d.applicantAddress ?? "—"}</Fact>
        {/* Masked for every reader: only the last three characters are shown. */}
        <Fact label={t.detail.idNumber}>{d.applicantIdNumber ?? "—"}</Fact>
        <Fact label={t.detail.channel}>{d.channelLabel}</Fact>
        <Fact label={t.detail.receivedAt}>{formatDateTime(d.receivedAt)}</Fact>
        <Fact label={t.detail.registerEntry}>
          {d.registerEntry?.label ?? t.detail.noRegisterEntry}
        </Fact>
        <Fact label={t.detail.countedFrom}>{formatDate(d.countedFrom)}</Fact>
        <Fact label={t.detail.dueDate}>
          <DueDate {...d} />
        </Fact>
        <Fact label={t.detail.pausedDays}>{d.pausedWorkingDays}</Fact>
        <Fact label={t.detail.handler}>{d.handlerAgencyName ?? "—"}</Fact>
        <Fact label={t.detail.ruleSet}>{t.detail.ruleSets[d.ruleSet] ?? d.ruleSet}</Fact>
        {d.reason && <Fact label={t.detail.reason}>{d.reason}</Fact>}
      </CaseFacts>

      <Paper withBorder p="md" mb="md">
        <Title order={2} size="h4" mb="sm">
          {t.detail.documents}
        </Title>
        {d.documents.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t.detail.noDocuments}
          </Text>
        ) : (
          <List type="ordered" size="sm" spacing={4} aria-label={t.detail.documents}>
            {d.documents.map((doc, i) => (
              <List.Item key={i}>
                {doc.name} ({doc.formLabel.toLowerCase()}): {doc.copies} bản
              </List.Item>
            ))}
          </List>
        )}
        {d.documentSets !== null && (
          <Text size="sm" mt="xs">
            {t.detail.documentSets(d.documentSets)}
          </Text>
        )}
      </Paper>

      {(d.allowedActions.length > 0 || d.can.apologise) && (
        <CaseActions
          title={t.detail.actions}
          actions={d.allowedActions}
          labels={ACTION_LABELS}
          quiet={["refuse", "stop", "withdraw"]}
          onAction={setAction}
        >
          {d.can.apologise && (
            <Button color="orange" variant="light" onClick={() => setApologising(true)}>
              {t.detail.apologise}
            </Button>
          )}
        </CaseActions>
      )}

      {d.apologies.length > 0 && (
        <Paper withBorder p="md" mb="md">
          <Title order={2} size="h4" mb="sm">
            {t.detail.apologies}
          </Title>
          <Stack gap="xs">
            {d.apologies.map((a) => (
              <Group key={a.id} justify="space-between">
                <Text size="sm">
                  {a.title} số {a.number} — {formatDateTime(a.issuedAt)}; hẹn lại{" "}
                  {formatDate(a.newDueDate)}
                </Text>
                <FormLinks
                  path={`/api/dossiers/${encodeURIComponent(d.id)}/apologies/${encodeURIComponent(a.id)}/document`}
                  name={t.detail.apologyName}
                />
              </Group>
            ))}
          </Stack>
        </Paper>
      )}

      <CaseHistory events={d.events} />
      {action && <TransitionModal dossier={d} action={action} onClose={() => setAction(null)} />}
      {apologising && <ApologyModal dossier={d} onClose={() => setApologising(false)} />}
      {editing && <ApplicantEditModal dossier={d} onClose={() => setEditing(false)} />}
      {voiding && (
        <VoidModal
          title={`${t.voiding.dossierAction} ${d.code}`}
          warning={t.voiding.dossierWarning}
          onVoid={async (reason) => {
            queryClient.setQueryData(oneStopKeys.dossier(d.id), await voidDossier(d.id, reason));
          }}
          onDone={async () => {
            await queryClient.invalidateQueries({ queryKey: oneStopKeys.dossiers });
            notifySuccess(t.voiding.dossierDone);
          }}
          onClose={() => setVoiding(false)}
        />
      )}
    </>
  );
}

function TransitionModal({
  dossier,
  action,
  onClose,
}: {
  dossier: DossierDetail;
  action: DossierAction;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const moment = useStepMoment();
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () =>
      transitionDossier(dossier.id, {
        action,
        note: note || null,
        at: moment.at,
        toAgencyId: action === "hand_over" ? agencyId : null,
      }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(oneStopKeys.dossier(dossier.id), updated);
      await queryClient.invalidateQueries({ queryKey: oneStopKeys.dossiers });
      notifySuccess(t.detail.done);
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={ACTION_LABELS[action]}>
      <Stack gap="sm">
        {action === "hand_over" && (
          <AgencySelect
            unitId={dossier.unitId}
            label={t.detail.toAgency}
            value={agencyId}
            onChange={setAgencyId}
          />
        )}
        <Textarea
          label={t.detail.note}
          required={ACTIONS_NEEDING_REASON.has(action)}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          autosize
          minRows={2}
        />
        <CaseMomentField label={t.detail.at} placeholder="05/03/2026 09:00" {...moment.field} />
        <FormActions
          mutation={mutation}
          confirm={t.detail.confirm}
          onCancel={onClose}
          onConfirm={() => mutation.mutate()}
          disabled={moment.refused}
        />
      </Stack>
    </Modal>
  );
}

/**
 * The earliest new return date an apology may give: the day after the current due date, and not
 * before today when the letter is written now (the server checks the same against the letter's date).
 */
function earliestNewDueDate(dueDate: string, today: string | null): string {
  const next = new Date(`${dueDate.slice(0, 10)}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const dayAfterDue = next.toISOString().slice(0, 10);
  return today && today > dayAfterDue ? today : dayAfterDue;
}

function ApologyModal({ dossier, onClose }: { dossier: DossierDetail; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [newDueDate, setNewDueDate] = useState<string | null>(null);
  const moment = useStepMoment();
  const mutation = useMutation({
    mutationFn: () =>
      issueApology(dossier.id, {
        reason,
        newDueDate: newDueDate ?? "",
        at: moment.at,
      }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(oneStopKeys.dossier(dossier.id), updated);
      await queryClient.invalidateQueries({ queryKey: oneStopKeys.dossiers });
      notifySuccess(t.detail.apologyIssued);
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={dossier.apologyTitle}>
      <Stack gap="sm">
        <Textarea
          label={t.detail.apologyReason}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <DateField
          label={t.detail.newDueDate}
          required
          value={newDueDate}
          onChange={setNewDueDate}
          minDate={earliestNewDueDate(dossier.dueDate, moment.at ? null : todayInVietnam())}
        />
        <CaseMomentField label={t.detail.at} placeholder="05/03/2026 09:00" {...moment.field} />
        <FormActions
          mutation={mutation}
          confirm={t.detail.confirm}
          onCancel={onClose}
          onConfirm={() => mutation.mutate()}
          disabled={!reason.trim() || !newDueDate || moment.refused}
        />
      </Stack>
    </Modal>
  );
}
