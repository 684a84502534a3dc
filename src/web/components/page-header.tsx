import { Group, Text, Title } from "@mantine/core";
import { useEffect, type ReactNode } from "react";
import { vi } from "../i18n/vi.ts";

/** The page's h1 (also the document title) and its action buttons. */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} — ${vi.app.documentTitle}`;
  }, [title]);
  return (
    <Group justify="space-between" align="flex-start" mb="md" gap="sm">
      <div>
        <Title order={1} size="h2">
          {title}
        </Title>
        {description && (
          <Text c="dimmed" size="sm" mt={4} maw={760}>
            {description}
          </Text>
        )}
      </div>
      {actions && (
        <Group gap="sm" className="cchc-no-print">
          {actions}
        </Group>
      )}
    </Group>
  );
}
