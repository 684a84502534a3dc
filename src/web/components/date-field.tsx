import { DateInput, type DateInputProps } from "@mantine/dates";
import { useState } from "react";

/**
 * Mantine's DateInput (dd/mm/yyyy, Vietnamese calendar: see the theme's defaults) that, inside a
 * modal, lets the first Escape close only its calendar instead of the whole modal and its form.
 */
export function DateField(props: DateInputProps) {
  const [calendarOpen, setCalendarOpen] = useState(false);
  return (
    <DateInput
      {...props}
      data-mantine-stop-propagation={calendarOpen || undefined}
      onFocus={(event) => {
        setCalendarOpen(true);
        props.onFocus?.(event);
      }}
      onClick={(event) => {
        setCalendarOpen(true);
        props.onClick?.(event);
      }}
      onBlur={(event) => {
        setCalendarOpen(false);
        props.onBlur?.(event);
      }}
      onKeyDown={(event) => {
        setCalendarOpen(event.key !== "Escape");
        props.onKeyDown?.(event);
      }}
    />
  );
}
