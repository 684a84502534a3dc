import { IconListDetails } from "@tabler/icons-react";
import {
  CaseRegisterPage,
  subjectColumn,
  useCaseRegister,
  type CaseColumn,
} from "../../components/case-register/index.ts";
import { DueDate } from "../../components/case-register/due-date.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { viOneStop as t } from "../../i18n/vi-one-stop.ts";
import { dossierImportPath } from "./import/dossier-import-paths.ts";
import { importLabels } from "./import/dossier-import.labels.ts";
import { oneStopPaths } from "./one-stop-paths.ts";
import { STATE_LABELS, listDossiers, oneStopKeys, type Dossier } from "./one-stop.api.ts";
import { ReceiveModal } from "./receive-modal.tsx";
import { RegisterBookButton } from "./register-book-modal.tsx";
import { RegisterPrintButton } from "./register-print-modal.tsx";

const proceduresIcon = <IconListDetails size={16} aria-hidden="true" />;

const columns: CaseColumn<Dossier>[] = [
  { header: t.register.columns.applicant, cell: (d) => d.applicantName },
  subjectColumn(t.register.columns.procedure, (d) => d.procedureName),
  { header: t.register.columns.receivedAt, cell: (d) => formatDateTime(d.receivedAt) },
  {
    header: t.register.columns.dueDate,
    cell: (d) => <DueDate {...d} />,
  },
  { header: t.register.columns.state, cell: (d) => d.stateLabel },
];

/** Sổ theo dõi hồ sơ: the desk's register, with search, filters and the receive form. */
export function DossierRegisterPage() {
  const register = useCaseRegister(
    { voided: false, dueToday: false, withoutApology: false, unitId: null as string | null },
    oneStopKeys.dossierList,
    listDossiers,
  );
  const mayReceive = Boolean(register.list.data?.can.receive);
  return (
    <CaseRegisterPage
      {...register}
      labels={t.register}
      links={[
        { to: oneStopPaths.procedures, label: t.register.procedures, icon: proceduresIcon },
        { to: dossierImportPath, label: importLabels.registerLink, shown: mayReceive },
      ]}
      actions={
        <>
          <RegisterPrintButton />
          {mayReceive && <RegisterBookButton />}
        </>
      }
      add={{
        label: t.register.receive,
        shown: mayReceive,
        form: (close) => <ReceiveModal onClose={close} />,
      }}
      stateLabels={STATE_LABELS}
      widths={{ search: 300, date: 150 }}
      checks={[
        { key: "dueToday", label: t.register.dueToday },
        { key: "withoutApology", label: t.register.withoutApology },
        { key: "voided", label: t.register.voided },
      ]}
      columns={columns}
      minWidth={900}
      linkTo={(d) => oneStopPaths.dossier(d.id)}
    />
  );
}
