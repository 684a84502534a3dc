import { Badge, Button, Stack, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { notifySuccess } from "../../../components/notify.ts";
import { QueryError } from "../../../components/query-error.tsx";
import { DataList } from "../../../components/data-list.tsx";
import { formatDateTime } from "../../../i18n/format.ts";
import { VoidModal } from "../void-modal.tsx";
import { listImports, voidImport, type DossierImportRun } from "./dossier-import.api.ts";
import { importLabels as t } from "./dossier-import.labels.ts";

export const importRunKeys = {
  all: ["dossier-imports"] as const,
  list: (unitId: string) => ["dossier-imports", "list", unitId] as const,
};

/**
 * The unit's recent import runs; an administrator of the unit voids every dossier of a wrong run
 * (`can.void`) after giving the reason.
 */
export function RecentImports({ unitId }: { unitId: string }) {
  const queryClient = useQueryClient();
  const runs = useQuery({
    queryKey: importRunKeys.list(unitId),
    queryFn: () => listImports(unitId),
  });
  const [voiding, setVoiding] = useState<DossierImportRun | null>(null);
  if (runs.isError) return <QueryError error={runs.error} onRetry={() => runs.refetch()} />;
  const list = runs.data ?? [];
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t.recentTitle}
      </Title>
      {list.length === 0 && !runs.isPending ? (
        <Text size="sm" c="dimmed">
          {t.recentEmpty}
        </Text>
      ) : (
        <DataList
          label={t.recentTitle}
          rows={list}
          rowKey={(run) => run.id}
          columns={[
            { header: t.startedAt, cell: (run) => formatDateTime(run.startedAt) },
            { header: t.fileName, phone: "title", cell: (run) => run.fileName },
            {
              header: t.result,
              cell: (run) => t.counts(run.inserted, run.updated, run.errorCount),
            },
            {
              header: t.status,
              cell: (run) =>
                run.voided ? (
                  <Stack gap={2}>
                    <Badge color="red" variant="light">
                      {t.voidedBadge}
                    </Badge>
                    <Text size="xs">{t.voidedRun(run.voided.count, run.voided.reason)}</Text>
                  </Stack>
                ) : (
                  (t.states[run.state] ?? run.state)
                ),
            },
            {
              header: t.voidRun,
              headerHidden: true,
              phone: "actions",
              cell: (run) =>
                run.can.void && (
                  <Button size="xs" color="red" variant="light" onClick={() => setVoiding(run)}>
                    {t.voidRun}
                  </Button>
                ),
            },
          ]}
        />
      )}
      {voiding && (
        <VoidModal
          title={t.voidRunTitle(voiding.fileName)}
          warning={t.voidRunWarning(voiding.inserted)}
          onVoid={async (reason) => {
            const { voidedCount } = await voidImport(voiding.id, reason);
            notifySuccess(t.voidRunDone(voidedCount));
          }}
          onDone={async () => {
            await queryClient.invalidateQueries({ queryKey: importRunKeys.all });
            await queryClient.invalidateQueries({ queryKey: ["dossiers"] });
          }}
          onClose={() => setVoiding(null)}
        />
      )}
    </Stack>
  );
}
