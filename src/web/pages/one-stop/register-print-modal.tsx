import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { IconFileDownload, IconPrinter } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useMe } from "../../auth/session.ts";
import { DateField } from "../../components/date-field.tsx";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { UnitSelect } from "../../components/unit-select.tsx";
import { todayInVietnam } from "../../i18n/format.ts";
import { viOneStop } from "../../i18n/vi-one-stop.ts";
import { getRegisterPrint, registerPrintPath } from "./one-stop.api.ts";

const t = viOneStop.registerPrint;

/** The register page's button that prints the register book of a period (Mẫu 06). */
export function RegisterPrintButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconPrinter size={16} aria-hidden="true" />}
        onClick={() => setOpen(true)}
      >
        {t.open}
      </Button>
      {open && <RegisterPrintModal onClose={() => setOpen(false)} />}
    </>
  );
}

const firstOfMonth = (isoDate: string) => `${isoDate.slice(0, 8)}01`;
const thousands = (n: number) => n.toLocaleString("vi-VN");

/**
 * A unit and a period (this month so far by default, dd/mm/yyyy), how many lines it holds, and
 * the book as Word or as PDF to print; a long period in parts. The server checks the period (a
 * year at most) and answers in Vietnamese.
 */
function RegisterPrintModal({ onClose }: { onClose: () => void }) {
  const me = useMe();
  const today = todayInVietnam();
  const [unitId, setUnitId] = useState<string | null>(me.unit.id);
  const [from, setFrom] = useState<string | null>(firstOfMonth(today));
  const [to, setTo] = useState<string | null>(today);
  const ready = Boolean(unitId && from && to);
  const overview = useQuery({
    queryKey: ["register-print", unitId, from, to],
    queryFn: () => getRegisterPrint(unitId!, from!, to!),
    enabled: ready,
    retry: false,
  });
  const data = overview.data;
  const query = (part: number | null) =>
    `?from=${from}&to=${to}${part === null ? "" : `&part=${part}`}`;
  const files = (part: number | null) => {
    const base = registerPrintPath(unitId!);
    return {
      docx: `${base}.docx${query(part)}`,
      pdf: `${base}.pdf${query(part)}`,
    };
  };
  return (
    <Modal opened onClose={onClose} title={t.title} size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t.body}
        </Text>
        <UnitSelect
          label={t.unit}
          value={unitId}
          onChange={setUnitId}
          allowDeselect={false}
          miw={220}
        />
        <Group grow align="flex-start" wrap="wrap">
          <DateField
            label={t.from}
            value={from}
            onChange={setFrom}
            error={from ? undefined : t.required}
            miw={150}
          />
          <DateField
            label={t.to}
            value={to}
            onChange={setTo}
            error={to ? undefined : t.required}
            miw={150}
          />
        </Group>
        {!ready ? null : overview.isPending ? (
          <LoadingBlock />
        ) : overview.isError ? (
          <QueryError error={overview.error} />
        ) : data ? (
          <>
            <Alert color="blue" role="status">
              {t.summary(thousands(data.count), data.books.join(", "))}
            </Alert>
            {data.parts === 1 ? (
              <RegisterFiles {...files(null)} partLabel="" />
            ) : (
              <Stack gap="xs">
                <Text size="sm">{t.parts(data.parts, thousands(data.partSize))}</Text>
                {Array.from({ length: data.parts }, (_, i) => i + 1).map((part) => (
                  <Group key={part} gap="sm" wrap="wrap">
                    <Text size="sm" w={70}>
                      {t.part(part)}
                    </Text>
                    <RegisterFiles {...files(part)} partLabel={` — ${t.part(part)}`} />
                  </Group>
                ))}
              </Stack>
            )}
          </>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t.close}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The Word file to download and "In", which opens the PDF the server renders in a new tab. */
function RegisterFiles({ docx, pdf, partLabel }: { docx: string; pdf: string; partLabel: string }) {
  return (
    <Button.Group>
      <Button
        component="a"
        href={docx}
        variant="default"
        leftSection={<IconFileDownload size={16} aria-hidden="true" />}
      >
        {t.word}
      </Button>
      <Button
        component="a"
        href={pdf}
        target="_blank"
        rel="noopener"
        variant="default"
        aria-label={t.printLabel(partLabel)}
        leftSection={<IconPrinter size={16} aria-hidden="true" />}
      >
        {t.print}
      </Button>
    </Button.Group>
  );
}
