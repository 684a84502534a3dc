import { Text } from "@mantine/core";
import { formatDate } from "../../i18n/format.ts";

/**
 * A case's due date; after an apology letter moved it, the new date followed by the original one
 * struck through ("20/03/2026 ~~17/03/2026~~").
 */
export function DueDate({ due, original }: { due: string; original?: string | null }) {
  return (
    <>
      {formatDate(due)}
      {original && original !== due && (
        <>
          {" "}
          <Text span inherit td="line-through" c="dimmed" data-testid="original-due-date">
            {formatDate(original)}
          </Text>
        </>
      )}
    </>
  );
}
