import { Select, Text } from "@mantine/core";
import { IconExternalLink } from "@tabler/icons-react";
import {
  CaseRegisterPage,
  useCaseRegister,
  type CaseColumn,
} from "../../components/case-register/index.ts";
import { formatDate, formatDateTime } from "../../i18n/format.ts";
import { feedbackPaths } from "./feedback-paths.ts";
import { FeedbackRegisterModal } from "./feedback-register-modal.tsx";
import { feedbackKeys, listFeedback, type Feedback } from "./feedback.api.ts";
import { viFeedback as t } from "./vi-feedback.ts";

const publicIcon = <IconExternalLink size={16} aria-hidden="true" />;
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

const columns: CaseColumn<Feedback>[] = [
  {
    header: t.register.columns.title,
    maw: 320,
    phoneWide: true,
    cell: (f) => (
      <>
        <Text size="sm" lineClamp={2}>
          {f.title}
        </Text>
        <Text size="xs" c="dimmed">
          {f.channelLabel}
          {f.classificationLabel ? ` · ${f.classificationLabel}` : ""}
        </Text>
      </>
    ),
  },
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
      <Select
        label={t.register.classification}
        placeholder={t.register.allClassifications}
        clearable
        data={options(t.classifications)}
        value={values.classification}
        onChange={set("classification")}
        w={190}
      />
      <Select
        label={t.register.channel}
        placeholder={t.register.allChannels}
        clearable
        data={options(t.allChannels)}
        value={values.channel}
        onChange={set("channel")}
        w={190}
      />
    </CaseRegisterPage>
  );
}
