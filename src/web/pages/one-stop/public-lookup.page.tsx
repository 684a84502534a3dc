import { Anchor, Group } from "@mantine/core";
import { Link, useSearchParams } from "react-router";
import {
  CaseLookupResult,
  CasePublicLookup,
  CasePublicPage,
} from "../../components/case-register/index.ts";
import { DueDate } from "../../components/case-register/due-date.tsx";
import { formatDate } from "../../i18n/format.ts";
import { viOneStop as t } from "../../i18n/vi-one-stop.ts";
import { feedbackPaths } from "../feedback/feedback-paths.ts";
import { lookupDossier } from "./one-stop.api.ts";

/** Public page, no login: a citizen follows a dossier with its code and the phone's last 4 digits. */
export function PublicLookupPage() {
  const [searchParams] = useSearchParams();
  return (
    <CasePublicPage title={t.lookup.title} description={t.lookup.description}>
      <CasePublicLookup
        initialCode={searchParams.get("ma") ?? ""}
        labels={t.lookup}
        lookup={lookupDossier}
      >
        {(result) => (
          <CaseLookupResult
            label={t.lookup.result}
            title={`${t.lookup.result}: ${result.code}`}
            cols={2}
            facts={[
              { label: t.lookup.state, value: result.stateLabel },
              { label: t.lookup.timeliness, value: result.timelinessLabel ?? "—" },
              {
                label: t.lookup.dueDate,
                value: <DueDate {...result} />,
              },
              { label: t.lookup.receivedOn, value: formatDate(result.receivedOn) },
              { label: t.lookup.procedure, value: result.procedureName },
              { label: t.lookup.unit, value: result.unitName },
              { label: t.lookup.applicant, value: result.applicantName },
              { label: t.lookup.phone, value: result.applicantPhone },
              {
                label: t.lookup.returnedOn,
                value: formatDate(result.returnedOn),
                hidden: !result.returnedOn,
              },
            ]}
          />
        )}
      </CasePublicLookup>
      <Group gap="lg" mt="xl">
        <Anchor component={Link} to={feedbackPaths.publicSubmit} size="sm">
          Gửi phản ánh, kiến nghị
        </Anchor>
        <Anchor component={Link} to={feedbackPaths.publicAnswers} size="sm">
          Xem kết quả trả lời phản ánh, kiến nghị
        </Anchor>
      </Group>
      <Anchor component={Link} to="/dang-nhap" size="sm" mt="xl" display="block">
        {t.lookup.signIn}
      </Anchor>
    </CasePublicPage>
  );
}
