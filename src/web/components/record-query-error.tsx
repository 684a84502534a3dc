import { Anchor, Group, Text, Title } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { Link } from "react-router";
import { ApiError } from "../api/client.ts";
import { vi } from "../i18n/vi.ts";
import { QueryError } from "./query-error.tsx";

/**
 * A record page whose record failed to load. A record that does not exist, or that the signed-in
 * user may not read (the server answers 404 or 403 alike for both), is a page of its own — a
 * level-1 heading, a line saying so and the way back to the record's list; any other failure is
 * the usual alert with a retry button.
 */
export function RecordQueryError({
  error,
  onRetry,
  backTo,
  backLabel,
}: {
  error: unknown;
  onRetry: () => void;
  backTo: string;
  backLabel: string;
}) {
  if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 403)) {
    return <QueryError error={error} onRetry={onRetry} />;
  }
  return (
    <>
      <Title order={1} mb="md">
        {vi.errors.recordNotFoundTitle}
      </Title>
      <Text mb="md">{vi.errors.recordNotFoundText}</Text>
      <Anchor component={Link} to={backTo}>
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden="true" />
          {backLabel}
        </Group>
      </Anchor>
    </>
  );
}
