import { Select, Text } from "@mantine/core";
import { IconExternalLink } from "@tabler/icons-react";
import {
  CaseRegisterPage,
  subjectColumn,
  useCaseRegister,
  type CaseColumn,
} from "../../components/case-register/index.ts";
import { formatDate, formatDateTime } from "../../i18n/format.ts";
import { feedbackPaths } from "./feedback-paths.ts";
import { FeedbackRegisterModal } from "./feedback-register-modal.tsx";
import { feedbackKeys, listFeedback, type Feedback } from "./feedback.api.ts";
import { viFeedback as t } from "./vi-feedback.ts";

const publicIcon = <IconExternalLink size={16} aria-hidden="true" />;

const columns: CaseColumn<Feedback>[] = [
  subjectColumn(
    t.register.columns.title,
    (f) => f.title,
    (f) => `${f.channelLabel}${f.classificationLabel ? ` · ${f.classificationLabel}` : ""}`,
  ),
  { header: t.register.columns.sender, cell: (f) => f.senderName },
  { header: t.register.columns.receivedAt, cell: (f) => formatDateTime(f.receivedAt) },
  {
    header: t.register.columns.dueDate,
    cell: (f) => formatDate(f.state === "transferred" ? f.transferDueDate : f.dueDate),
  },
  {
    header: t.register.columns.state,
    cell: (f) => (
      <>
        {f.stateLabel}
        {f.assignedAgencyName && (
          <Text size="xs" c="dimmed">
            {f.assignedAgencyName}
          </Text>
        )}
      </>
    ),
  },
];

/** Sổ theo dõi phản ánh, kiến nghị: search, filters, overdue, and the register form. */
export function FeedbackRegisterPage() {
  const register = useCaseRegister(
    {
      classification: null as string | null,
      channel: null as string | null,
      unitId: null as string | null,
      dueSoon: false,
    },
    feedbackKeys.list,
    listFeedback,
  );
  const { values, set } = register.filters;
  const filterSelect = (
    key: "classification" | "channel",
    placeholder: string,
    labels: Record<string, string>,
  ) => (
    <Select
      label={t.register[key]}
      placeholder={placeholder}
      clearable
      data={Object.entries(labels).map(([value, label]) => ({ value, label }))}
      value={values[key]}
      onChange={set(key)}
      w={190}
    />
  );
  return (
    <CaseRegisterPage
      {...register}
      labels={t.register}
      links={[{ to: feedbackPaths.publicAnswers, label: t.register.publicPage, icon: publicIcon }]}
      add={{
        label: t.register.add,
        shown: Boolean(register.list.data?.can.register),
        form: (close) => <FeedbackRegisterModal onClose={close} />,
      }}
      stateLabels={t.states}
      widths={{ search: 260, date: 140 }}
      checks={[{ key: "dueSoon", label: t.register.dueSoon }]}
      columns={columns}
      minWidth={960}
      linkTo={(f) => feedbackPaths.detail(f.id)}
    >
      {filterSelect("classification", t.register.allClassifications, t.classifications)}
      {filterSelect("channel", t.register.allChannels, t.allChannels)}
    </CaseRegisterPage>
  );
}
