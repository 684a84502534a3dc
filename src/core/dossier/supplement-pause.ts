import { addWorkingDays, countWorkingDays, type WorkingCalendar } from "../calendar/index.ts";

/**
 * Working days the clock was paused for a supplement requested on `requestedOn` and received on
 * `resumedOn` (both Vietnam days): the working days in (requestedOn, resumedOn]. A supplement
 * received the same day pauses nothing.
 */
export function pausedWorkingDays(
  requestedOn: string,
  resumedOn: string,
  calendar: WorkingCalendar,
): number {
  if (resumedOn <= requestedOn) return 0;
  return countWorkingDays(requestedOn, resumedOn, calendar);
}

/** The due date moved later by `pausedDays` working days. */
export function movedDueDate(
  dueDate: string,
  pausedDays: number,
  calendar: WorkingCalendar,
): string {
  return pausedDays <= 0 ? dueDate : addWorkingDays(dueDate, pausedDays, calendar);
}
