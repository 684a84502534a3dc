import { Alert, Text } from "@mantine/core";
import { IconTools } from "@tabler/icons-react";
import { PageHeader } from "../../components/page-header.tsx";
import { vi } from "../../i18n/vi.ts";

export type SectionKey = Exclude<keyof typeof vi.sections, "underConstruction">;

/** An honest placeholder for a section that is not built yet: no sample data. */
export function SectionPlaceholderPage({ section }: { section: SectionKey }) {
  const { title, description } = vi.sections[section];
  return (
    <>
      <PageHeader title={title} />
      <Alert
        color="blue"
        variant="light"
        icon={<IconTools size={20} aria-hidden="true" />}
        title={vi.sections.underConstruction}
        maw={760}
      >
        <Text size="sm">{description}</Text>
      </Alert>
    </>
  );
}
