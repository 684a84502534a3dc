import { Button } from "@mantine/core";
import { IconFileSpreadsheet } from "@tabler/icons-react";
import { useState } from "react";
import { notifications } from "@mantine/notifications";
import { downloadTable, type TableExport } from "./dashboard.api.ts";
import { viDashboard as t } from "./vi-dashboard.ts";

/** Exports the table beside it to Excel (`POST /api/exports/table.xlsx`); `table()` builds it. */
export function ExportButton({ table, label }: { table: () => TableExport; label: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="default"
      size="xs"
      loading={busy}
      leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}
      aria-label={`${t.export}: ${label}`}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadTable(table());
        } catch (error) {
          notifications.show({
            color: "red",
            title: t.exportFailed,
            message: error instanceof Error ? error.message : "",
          });
        } finally {
          setBusy(false);
        }
      }}
    >
      {t.export}
    </Button>
  );
}
