import { DateInput, type DateInputProps } from "@mantine/dates";
import { useMergedRef } from "@mantine/hooks";
import { forwardRef, useEffect, useRef, useState } from "react";
import { looksComplete, readTypedDate } from "../../core/time/typed-date.ts";

export interface DateFieldProps extends DateInputProps {
  /** How the message names `minDate` ("hôm nay"); its dd/mm/yyyy otherwise. */
  minLabel?: string;
  /** How the message names `maxDate` ("hôm nay"); its dd/mm/yyyy otherwise. */
  maxLabel?: string;
  /**
   * Told whenever the typed text turns refused (its message) or fine again (null). A form whose
   * empty field means "now" must not send while the text is refused (the value is then null).
   */
  onProblem?: (message: string | null) => void;
}

const isoDay = (value: DateInputProps["minDate"]): string | null => {
  if (!value) return null;
  if (typeof value === "string") return value.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
};

/**
 * The one date input of the web app: Mantine's DateInput (dd/mm/yyyy, or dd/mm/yyyy HH:mm with
 * `withTime`; Vietnamese calendar: see the theme's defaults) that never drops what was typed. An
 * impossible day (31/02) or one outside `minDate`/`maxDate` keeps its text, empties the value (so
 * an older date is not saved in its place), marks the input invalid for the browser and shows the
 * rule at the field ("Ngày hoàn thành không được sau hôm nay."). Inside a modal, the first Escape
 * closes only the calendar instead of the whole modal and its form.
 */
export const DateField = forwardRef<HTMLInputElement, DateFieldProps>(function DateField(
  { minLabel, maxLabel, onProblem, ...props },
  ref,
) {
  const [calendarOpen, setCalendarOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [showProblem, setShowProblem] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const mergedRef = useMergedRef(ref, inputRef);
  const withTime = props.withTime ?? false;

  const setValidity = (message: string | null) => {
    setProblem(message);
    onProblem?.(message);
    inputRef.current?.setCustomValidity(message ?? "");
  };

  const check = (text: string) => {
    const result = readTypedDate(text, {
      label: typeof props.label === "string" ? props.label : undefined,
      min: isoDay(props.minDate),
      max: isoDay(props.maxDate),
      minLabel,
      maxLabel,
      withTime,
    });
    if (result.ok) {
      setValidity(null);
      return;
    }
    setValidity(result.message);
    setShowProblem(looksComplete(text, withTime));
    // The calendar keeps the last good date when the text turns bad: drop it, so the form cannot
    // save a date the user no longer sees.
    if (props.value) props.onChange?.(null);
  };

  // A bound can move after the text was typed (the apology's earliest date follows the moment typed
  // below it): read the text again, so a date refused under the old bound is taken under the new one.
  const minIso = isoDay(props.minDate);
  const maxIso = isoDay(props.maxDate);
  useEffect(() => {
    const text = inputRef.current?.value ?? "";
    if (!text.trim()) return;
    const result = readTypedDate(text, { min: minIso, max: maxIso, withTime });
    if (!result.ok) {
      check(text);
      return;
    }
    if (problem === null) return;
    setValidity(null);
    setShowProblem(false);
    if (!props.value && result.value) props.onChange?.(result.value);
    // Only a moved bound triggers this; the text itself is read by onInput.
  }, [minIso, maxIso]);

  return (
    <DateInput
      valueFormat={withTime ? "DD/MM/YYYY HH:mm" : undefined}
      dateParser={
        withTime
          ? (text) => {
              const result = readTypedDate(text, { withTime: true });
              return result.ok ? result.value : null;
            }
          : undefined
      }
      {...props}
      ref={mergedRef}
      fixOnBlur={problem === null}
      error={(showProblem && problem) || props.error}
      onChange={(value) => {
        if (value) setValidity(null);
        props.onChange?.(value);
      }}
      onInput={(event) => {
        check(event.currentTarget.value);
        props.onInput?.(event);
      }}
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
        if (problem) setShowProblem(true);
        props.onBlur?.(event);
      }}
      onKeyDown={(event) => {
        setCalendarOpen(event.key !== "Escape");
        props.onKeyDown?.(event);
      }}
    />
  );
});
