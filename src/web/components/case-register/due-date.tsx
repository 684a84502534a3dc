import { Text } from "@mantine/core";
import { formatDate } from "../../i18n/format.ts";

export interface CaseDueDates {
  dueDate: string;
  /** The due date at receipt, before supplement requests moved it. */
  originalDueDate?: string | null;
  /** The latest apology letter's new return date. */
  rescheduledDueDate?: string | null;
}

/**
 * A case's return date as the citizen must read it: after an apology letter, its new date followed
 * by the due date it replaced, struck through ("24/03/2026 ~~17/03/2026~~"); otherwise the due date,
 * followed by the receipt's one struck through when a supplement request moved it.
 */
export function DueDate({ dueDate, originalDueDate, rescheduledDueDate }: CaseDueDates) {
  const shown = rescheduledDueDate ?? dueDate;
  const replaced = rescheduledDueDate ? dueDate : originalDueDate;
  return (
    <>
      {formatDate(shown)}
      {replaced && replaced !== shown && (
        <>
          {" "}
          <Text span inherit td="line-through" c="dimmed" data-testid="original-due-date">
            {formatDate(replaced)}
          </Text>
        </>
      )}
    </>
  );
}
