import { Anchor, Button, Group } from "@mantine/core";
import { IconFileDownload, IconPrinter } from "@tabler/icons-react";
import { viOneStop as t } from "../../i18n/vi-one-stop.ts";

/**
 * A desk form's two ways out: the Word file to download and "In", which opens the PDF the server
 * renders in a new tab, where the browser's viewer prints it. `path` is the route without its
 * extension (`/api/dossiers/<id>/receipt`).
 */
export function FormButtons({ path, label, name }: { path: string; label: string; name: string }) {
  return (
    <Button.Group>
      <Button
        component="a"
        href={`${path}.docx`}
        variant="default"
        leftSection={<IconFileDownload size={16} aria-hidden="true" />}
      >
        {label}
      </Button>
      <Button
        component="a"
        href={`${path}.pdf`}
        target="_blank"
        rel="noopener"
        variant="default"
        aria-label={t.detail.printLabel(name)}
        leftSection={<IconPrinter size={16} aria-hidden="true" />}
      >
        {t.detail.print}
      </Button>
    </Button.Group>
  );
}

/** The same as links, for a line in a list (an apology letter). */
export function FormLinks({ path, name }: { path: string; name: string }) {
  return (
    <Group gap="sm">
      <Anchor href={`${path}.docx`} size="sm">
        {t.detail.download}
      </Anchor>
      <Anchor
        href={`${path}.pdf`}
        target="_blank"
        rel="noopener"
        size="sm"
        aria-label={t.detail.printLabel(name)}
      >
        {t.detail.print}
      </Anchor>
    </Group>
  );
}
