import type { QueryKey } from "@tanstack/react-query";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useNavigate } from "react-router";
import { DateField, type DateFieldProps } from "../date-field.tsx";
import { notifySuccess } from "../notify.ts";

/** When a case was received or took a step, to the minute; left empty, it means "now". */
export function CaseMomentField(props: DateFieldProps) {
  return <DateField withTime placeholder="02/03/2026 09:00" clearable {...props} />;
}

/**
 * The moment of a case's step (YYYY-MM-DD HH:mm:ss; null: now) for a `CaseMomentField`
 * (`{...moment.field}`). A refused text empties the value, and an empty one means "now", so a
 * dialog must not send while `refused`; `showRefusal()` also puts the reason under the field
 * (until the next change) and answers whether there was one.
 */
export function useStepMoment() {
  const [at, setAt] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return {
    at,
    refused: problem !== null,
    showRefusal: () => {
      setError(problem);
      return problem !== null;
    },
    field: {
      value: at,
      error,
      onChange: (value: string | null) => {
        setAt(value);
        setError(null);
      },
      onProblem: setProblem,
    },
  };
}

/**
 * The received-at field of a form that enters a case (`receivedAt`). A refused text empties the
 * value, and an empty one means "now": `ok()` says whether the form may be sent, and otherwise
 * shows why on the field.
 */
export function useReceivedAtField(form: {
  getInputProps: (path: "receivedAt") => object;
  setFieldError: (path: "receivedAt", error: ReactNode) => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  return {
    field: { onProblem: setProblem, ...form.getInputProps("receivedAt") },
    ok: () => {
      if (problem) form.setFieldError("receivedAt", problem);
      return !problem;
    },
  };
}

/**
 * What follows entering a case: the register's lists are read again, the clerk is told the code
 * the server issued, the form closes and the case's page opens.
 */
export function useCaseEntered({
  listKey,
  message,
  pathOf,
  onClose,
}: {
  listKey: QueryKey;
  message: (code: string) => string;
  pathOf: (id: string) => string;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return async (entered: { id: string; code: string }) => {
    await queryClient.invalidateQueries({ queryKey: listKey });
    notifySuccess(message(entered.code));
    onClose();
    void navigate(pathOf(entered.id));
  };
}
