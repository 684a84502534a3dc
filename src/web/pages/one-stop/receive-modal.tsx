import {
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import {
  MAX_SETS,
  initialChecklist,
  missingRequiredDocuments,
  receivedOfChecklist,
  type ChecklistItem,
} from "../../../core/dossier/required-documents.ts";
import {
  APPLICANT_KIND_LABELS,
  inferredApplicantKind,
  type ApplicantKind,
} from "../../../core/dossier/applicant-kind.ts";
import { ApiError } from "../../api/client.ts";
import {
  CaseIdNumberField,
  CaseMomentField,
  CasePersonFields,
  caseIdNumberRule,
  casePersonRules,
  useCaseEntered,
  useReceivedAtField,
} from "../../components/case-register/index.ts";
import { FormActions } from "../../components/form-actions.tsx";
import { applyServerErrors } from "../../components/form-error.tsx";
import { viOneStop as t } from "../../i18n/vi-one-stop.ts";
import { oneStopPaths } from "./one-stop-paths.ts";
import { DocumentChecklist } from "./document-checklist.tsx";
import { listProcedures, oneStopKeys, receiveDossier, type ReceiveInput } from "./one-stop.api.ts";
import { ReceptionRefusalModal, type RefusalApplicant } from "./reception-refusal-modal.tsx";

interface Values {
  procedureId: string;
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string;
  /** CCCD, CMND or passport number as typed; blank for an organisation. */
  applicantIdNumber: string;
  /** Pre-selected from the name and ID number as they are typed, until the clerk picks one. */
  applicantKind: ApplicantKind;
  channel: ReceiveInput["channel"];
  /** YYYY-MM-DD HH:mm:ss (Vietnam) from the date field; null: now. */
  receivedAt: string | null;
  digitised: boolean;
  onlinePayment: boolean;
  electronicResult: boolean;
  documentSets: number | string;
}

const APPLICANT = { name: "applicantName", phone: "applicantPhone" } as const;

/** Receives a dossier: the server issues the code and the due date; then its page opens. */
export function ReceiveModal({ onClose }: { onClose: () => void }) {
  const procedures = useQuery({
    queryKey: oneStopKeys.procedureList({}),
    queryFn: () => listProcedures({}),
  });
  const [checklist, setChecklist] = useState<ChecklistItem[]>([]);
  /** The required documents not ticked, while the clerk is asked to confirm; null otherwise. */
  const [missing, setMissing] = useState<string[] | null>(null);
  /** The applicant being refused at the counter (Mẫu 03), while the reason is asked. */
  const [refusing, setRefusing] = useState<RefusalApplicant | null>(null);
  /** The clerk picked the applicant's kind: typing no longer changes it. */
  const kindChosen = useRef(false);
  const form = useForm<Values>({
    initialValues: {
      procedureId: "",
      applicantName: "",
      applicantPhone: "",
      applicantAddress: "",
      applicantIdNumber: "",
      applicantKind: "person",
      channel: "in_person",
      receivedAt: null,
      digitised: false,
      onlinePayment: false,
      electronicResult: false,
      documentSets: 1,
    },
    onValuesChange: (values, previous) => {
      if (
        !kindChosen.current &&
        (values.applicantName !== previous.applicantName ||
          values.applicantIdNumber !== previous.applicantIdNumber)
      ) {
        const inferred = inferredApplicantKind({
          name: values.applicantName,
          idNumber: values.applicantIdNumber.trim() || null,
        });
        if (inferred !== values.applicantKind) form.setFieldValue("applicantKind", inferred);
      }
      if (values.procedureId !== previous.procedureId) {
        const chosen = procedures.data?.data.find((p) => p.id === values.procedureId);
        setChecklist(initialChecklist(chosen?.documents ?? []));
      }
    },
    validate: {
      procedureId: (v) => (v ? null : t.receiveForm.required),
      ...casePersonRules(APPLICANT, t.receiveForm.required),
      applicantIdNumber: caseIdNumberRule,
      documentSets: (v) =>
        Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= MAX_SETS
          ? null
          : t.receiveForm.setsInvalid,
    },
  });
  const receivedAt = useReceivedAtField(form);
  const entered = useCaseEntered({
    listKey: oneStopKeys.dossiers,
    message: t.receiveForm.received,
    pathOf: oneStopPaths.dossier,
    onClose,
  });
  const procedure = procedures.data?.data.find((p) => p.id === form.values.procedureId);
  const received = receivedOfChecklist(checklist);
  // Nothing to record when the procedure lists nothing and the clerk added nothing: the
  // receipt keeps its blank lines to fill in by hand.
  const recordsDocuments = checklist.length > 0;
  const mutation = useMutation({
    mutationFn: ({ values, confirmIncomplete }: { values: Values; confirmIncomplete: boolean }) =>
      receiveDossier({
        procedureId: values.procedureId,
        applicantName: values.applicantName,
        applicantPhone: values.applicantPhone,
        applicantAddress: values.applicantAddress || null,
        applicantIdNumber: values.applicantIdNumber.trim() || null,
        applicantKind: values.applicantKind,
        channel: values.channel,
        receivedAt: values.receivedAt,
        digitised: values.digitised,
        onlinePayment: values.onlinePayment,
        electronicResult: values.electronicResult,
        documentSets: Number(values.documentSets),
        ...(recordsDocuments ? { documents: received, confirmIncomplete } : {}),
      }),
    onSuccess: entered,
    onError: (error) => {
      // The procedure's list changed since the form opened: ask as for a missing tick.
      if (error instanceof ApiError && error.code === "DOSSIER_DOCUMENTS_INCOMPLETE") {
        setMissing(error.details.map((d) => d.message));
        return;
      }
      applyServerErrors(form, error);
    },
  });
  const submit = (values: Values) => {
    if (!receivedAt.ok()) return;
    const notReceived = missingRequiredDocuments(procedure?.documents ?? [], received);
    if (recordsDocuments && notReceived.length > 0) {
      setMissing(notReceived.map((doc) => `${doc.name} (${t.documentForms[doc.form]})`));
      return;
    }
    mutation.mutate({ values, confirmIncomplete: false });
  };
  /** The refusal needs what identifies the applicant and the procedure, not the checklist. */
  const startRefusal = () => {
    const fields = ["procedureId", APPLICANT.name, APPLICANT.phone, "applicantIdNumber"] as const;
    const invalid = fields.map((field) => form.validateField(field).hasError);
    if (invalid.some(Boolean) || !receivedAt.ok()) return;
    const values = form.getValues();
    setRefusing({
      procedureId: values.procedureId,
      applicantName: values.applicantName,
      applicantPhone: values.applicantPhone,
      applicantAddress: values.applicantAddress,
      applicantIdNumber: values.applicantIdNumber,
      applicantKind: values.applicantKind,
      at: values.receivedAt,
    });
  };
  const options = (procedures.data?.data ?? [])
    .filter((p) => p.isActive)
    .map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` }));

  return (
    <Modal opened onClose={onClose} title={t.receiveForm.title} size="lg">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="sm">
          <Select
            label={t.receiveForm.procedure}
            data={options}
            searchable
            required
            {...form.getInputProps("procedureId")}
          />
          <CasePersonFields
            form={form}
            keys={APPLICANT}
            labels={{ name: t.receiveForm.applicantName, phone: t.receiveForm.applicantPhone }}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="applicant-kind-label">
              {t.receiveForm.applicantKind}
            </Text>
            <SegmentedControl
              aria-labelledby="applicant-kind-label"
              data={Object.entries(APPLICANT_KIND_LABELS).map(([value, label]) => ({
                value,
                label,
              }))}
              value={form.values.applicantKind}
              onChange={(value) => {
                kindChosen.current = true;
                form.setFieldValue("applicantKind", value as ApplicantKind);
              }}
              w={{ base: "100%", xs: 260 }}
            />
            <Text size="xs" c="dimmed">
              {t.receiveForm.applicantKindHint}
            </Text>
          </Stack>
          <Group grow align="flex-start">
            <CaseIdNumberField
              form={form}
              field="applicantIdNumber"
              description={t.receiveForm.applicantIdNumberHint}
            />
            <TextInput
              label={t.receiveForm.applicantAddress}
              {...form.getInputProps("applicantAddress")}
            />
          </Group>
          <Select
            label={t.receiveForm.channel}
            data={Object.entries(t.channels).map(([value, label]) => ({ value, label }))}
            allowDeselect={false}
            {...form.getInputProps("channel")}
          />
          <CaseMomentField
            label={t.receiveForm.receivedAt}
            description={t.receiveForm.receivedAtHint}
            {...receivedAt.field}
          />
          {procedure && (
            <DocumentChecklist
              items={checklist}
              onChange={setChecklist}
              procedureHasList={procedure.documents.length > 0}
            />
          )}
          <NumberInput
            label={t.receiveForm.sets}
            min={1}
            max={MAX_SETS}
            allowDecimal={false}
            w={160}
            {...form.getInputProps("documentSets")}
          />
          <Group>
            <Checkbox
              label={t.receiveForm.digitised}
              {...form.getInputProps("digitised", { type: "checkbox" })}
            />
            <Checkbox
              label={t.receiveForm.onlinePayment}
              {...form.getInputProps("onlinePayment", { type: "checkbox" })}
            />
            <Checkbox
              label={t.receiveForm.electronicResult}
              {...form.getInputProps("electronicResult", { type: "checkbox" })}
            />
          </Group>
          <Group>
            <Button variant="subtle" color="red" onClick={startRefusal}>
              {t.refusalAtCounter.open}
            </Button>
          </Group>
          <FormActions mutation={mutation} confirm={t.receiveForm.submit} onCancel={onClose} />
        </Stack>
      </form>
      <Modal
        opened={missing !== null}
        onClose={() => setMissing(null)}
        title={t.receiveForm.incompleteTitle}
        size="md"
      >
        <Stack gap="sm">
          <Text size="sm">{t.receiveForm.incompleteBody}</Text>
          <List size="sm">
            {(missing ?? []).map((name) => (
              <List.Item key={name}>{name}</List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setMissing(null)}>
              {t.receiveForm.incompleteBack}
            </Button>
            <Button
              color="orange"
              loading={mutation.isPending}
              onClick={() => {
                setMissing(null);
                mutation.mutate({ values: form.getValues(), confirmIncomplete: true });
              }}
            >
              {t.receiveForm.incompleteConfirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {refusing && (
        <ReceptionRefusalModal
          applicant={refusing}
          onClose={() => setRefusing(null)}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}
