import { Button, Checkbox, Text } from "@mantine/core";
import { IconListDetails, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { useMe } from "../../auth/session.ts";
import {
  CaseRegisterFilters,
  CaseRegisterTable,
  CaseUnitFilter,
  readsManyUnits,
  unitColumn,
  useCaseRegisterFilters,
  type CaseColumn,
} from "../../components/case-register/index.ts";
import { DueDate } from "../../components/case-register/due-date.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { viOneStop as t } from "../../i18n/vi-one-stop.ts";
import { dossierImportPath } from "./import/dossier-import-paths.ts";
import { importLabels } from "./import/dossier-import.labels.ts";
import { oneStopPaths } from "./one-stop-paths.ts";
import {
  STATE_LABELS,
  listDossiers,
  oneStopKeys,
  type Dossier,
  type DossierQuery,
} from "./one-stop.api.ts";
import { ReceiveModal } from "./receive-modal.tsx";

const PAGE_SIZE = 50;

const columns: CaseColumn<Dossier>[] = [
  { header: t.register.columns.applicant, cell: (d) => d.applicantName },
  {
    header: t.register.columns.procedure,
    maw: 320,
    phoneWide: true,
    cell: (d) => (
      <Text size="sm" lineClamp={2}>
        {d.procedureName}
      </Text>
    ),
  },
  { header: t.register.columns.receivedAt, cell: (d) => formatDateTime(d.receivedAt) },
  {
    header: t.register.columns.dueDate,
    cell: (d) => <DueDate {...d} />,
  },
  { header: t.register.columns.state, cell: (d) => d.stateLabel },
];

/** Sổ theo dõi hồ sơ: the desk's register, with search, filters and the receive form. */
export function DossierRegisterPage() {
  const me = useMe();
  const manyUnits = readsManyUnits(me);
  const filters = useCaseRegisterFilters(
    { voided: false, dueToday: false, withoutApology: false, unitId: null as string | null },
    PAGE_SIZE,
  );
  const [receiving, setReceiving] = useState(false);
  const query: DossierQuery = filters.query;
  const dossiers = useQuery({
    queryKey: oneStopKeys.dossierList(query),
    queryFn: () => listDossiers(query),
  });

  return (
    <>
      <PageHeader
        title={t.register.title}
        description={t.register.description}
        actions={
          <>
            <Button
              component={Link}
              to={oneStopPaths.procedures}
              variant="default"
              leftSection={<IconListDetails size={16} aria-hidden="true" />}
            >
              {t.register.procedures}
            </Button>
            {dossiers.data?.can.receive && (
              <Button component={Link} to={dossierImportPath} variant="default">
                {importLabels.registerLink}
              </Button>
            )}
            {dossiers.data?.can.receive && (
              <Button
                leftSection={<IconPlus size={16} aria-hidden="true" />}
                onClick={() => setReceiving(true)}
              >
                {t.register.receive}
              </Button>
            )}
          </>
        }
      />
      <CaseRegisterFilters
        filters={filters}
        labels={t.register}
        nameSearch={dossiers.data?.nameSearch}
        stateLabels={STATE_LABELS}
        widths={{ search: 300, date: 150 }}
        after={
          <>
            <Checkbox
              label={t.register.dueToday}
              checked={filters.values.dueToday}
              onChange={(event) => filters.set("dueToday")(event.currentTarget.checked)}
              mb={8}
            />
            <Checkbox
              label={t.register.withoutApology}
              checked={filters.values.withoutApology}
              onChange={(event) => filters.set("withoutApology")(event.currentTarget.checked)}
              mb={8}
            />
            <Checkbox
              label={t.register.voided}
              checked={filters.values.voided}
              onChange={(event) => filters.set("voided")(event.currentTarget.checked)}
              mb={8}
            />
          </>
        }
      >
        {manyUnits && (
          <CaseUnitFilter value={filters.values.unitId} onChange={filters.set("unitId")} />
        )}
      </CaseRegisterFilters>
      <CaseRegisterTable
        list={dossiers}
        label={t.register.title}
        minWidth={900}
        columns={manyUnits ? [unitColumn<Dossier>(), ...columns] : columns}
        linkTo={(d) => oneStopPaths.dossier(d.id)}
        labels={{
          ...t.register.columns,
          empty: t.register.empty,
          total: dossiers.data?.totalCapped ? t.register.totalCapped : t.register.total,
        }}
        {...filters.pager(dossiers.data?.nextCursor)}
      />
      {receiving && <ReceiveModal onClose={() => setReceiving(false)} />}
    </>
  );
}
