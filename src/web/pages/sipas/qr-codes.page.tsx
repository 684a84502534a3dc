import {
  Button,
  Code,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import QRCode from "qrcode";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { useMe } from "../../auth/session.ts";
import { LoadingBlock } from "../../components/loading-block.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { QueryError } from "../../components/query-error.tsx";
import { UnitSelect } from "../../components/unit-select.tsx";
import { getQrTargets, sipasKeys } from "./sipas.api.ts";
import { sipasPaths } from "./sipas-paths.ts";
import { viSipas as t } from "./vi-sipas.ts";

/** A QR code image of a link (drawn in the browser, a data: URL the page's policy allows). */
function QrImage({ link, label }: { link: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(link, { margin: 1, width: 220 }).then((url) => {
      if (live) setSrc(url);
    });
    return () => {
      live = false;
    };
  }, [link]);
  return src ? <img src={src} alt={t.qr.qrAlt(label)} width={180} height={180} /> : null;
}

function QrCard({ title, subtitle, link }: { title: string; subtitle: string; link: string }) {
  return (
    <Paper withBorder p="md" style={{ breakInside: "avoid" }}>
      <Stack align="center" gap={6}>
        <Text fw={700} ta="center">
          {title}
        </Text>
        <QrImage link={link} label={title} />
        <Text size="sm" ta="center">
          {subtitle}
        </Text>
        <Text size="xs" c="dimmed" ta="center" style={{ wordBreak: "break-all" }}>
          {link}
        </Text>
      </Stack>
    </Paper>
  );
}

/** Printable QR codes of a unit's survey page: the desk, each procedure field, the kiosk link. */
export function QrCodesPage() {
  const me = useMe();
  const [search] = useSearchParams();
  const [unitId, setUnitId] = useState<string | null>(search.get("unitId") ?? me.unit.id);
  const [desk, setDesk] = useState("");
  const targets = useQuery({
    queryKey: sipasKeys.qr(unitId ?? ""),
    queryFn: () => getQrTargets(unitId!),
    enabled: unitId !== null,
  });
  const origin = window.location.origin;
  const data = targets.data;
  const deskQuery = desk.trim() ? `?quay=${encodeURIComponent(desk.trim())}` : "";
  return (
    <>
      <PageHeader
        title={t.qr.title}
        description={t.qr.description}
        actions={<Button onClick={() => window.print()}>{t.qr.print}</Button>}
      />
      <Group align="flex-end" mb="md">
        <UnitSelect label={t.unit} value={unitId} onChange={setUnitId} w={300} />
        <TextInput
          label={t.qr.desk}
          value={desk}
          onChange={(event) => setDesk(event.currentTarget.value)}
          w={220}
        />
      </Group>
      {targets.isPending && unitId && <LoadingBlock />}
      {targets.isError && <QueryError error={targets.error} />}
      {data && (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <QrCard
              title={t.qr.deskCard}
              subtitle={desk.trim() ? `${data.unitName} — ${desk.trim()}` : data.unitName}
              link={`${origin}${sipasPaths.publicPage(data.unitCode)}${deskQuery}`}
            />
            {data.fields.map((field) => (
              <QrCard
                key={field}
                title={t.qr.fieldCard(field)}
                subtitle={data.unitName}
                link={`${origin}${sipasPaths.publicPage(data.unitCode)}?linhVuc=${encodeURIComponent(field)}`}
              />
            ))}
          </SimpleGrid>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="xs">
              {t.qr.kiosk}
            </Title>
            <Code block>{`${origin}${sipasPaths.kioskPage(data.unitCode)}${deskQuery}`}</Code>
            <Title order={2} size="h4" mt="md" mb="xs">
              {t.qr.receipt}
            </Title>
            <Code block>{`${origin}${sipasPaths.publicPage(data.unitCode)}?hoSo=<mã hồ sơ>`}</Code>
            <Text size="sm" mt="xs">
              {t.qr.receiptText}
            </Text>
          </Paper>
        </Stack>
      )}
    </>
  );
}
