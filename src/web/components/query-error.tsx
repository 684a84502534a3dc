import { Alert, Button, Group, Text } from "@mantine/core";
import { errorMessage } from "../api/client.ts";
import { vi } from "../i18n/vi.ts";

/** A failed load: the server's Vietnamese message and a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Alert color="red" role="alert" title={vi.common.errorTitle} my="md">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {vi.common.retry}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
