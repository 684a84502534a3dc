import { Alert, Paper, SimpleGrid } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * A case's facts on its detail page: the notice that the person's data is masked for this
 * reader, then the facts in a grid and, below it, any long ones (a feedback's content).
 */
export function CaseFacts({
  masked,
  maskedNotice,
  below,
  children,
}: {
  masked: boolean;
  maskedNotice: string;
  below?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      {masked && (
        <Alert color="gray" mb="md">
          {maskedNotice}
        </Alert>
      )}
      <Paper withBorder p="md" mb="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>{children}</SimpleGrid>
        {below}
      </Paper>
    </>
  );
}
