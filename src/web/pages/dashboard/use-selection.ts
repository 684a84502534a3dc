import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { useMe } from "../../auth/session.ts";
import { selectionFrom, selectionQuery, vietnamToday, type Selection } from "./period.ts";

/** The dashboard's unit and period, read from and written to the URL. */
export function useSelection() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const today = vietnamToday();
  const selection = useMemo(
    () => selectionFrom(params, me.unit.id, today),
    [params, me.unit.id, today],
  );
  const setSelection = (next: Selection) => setParams(new URLSearchParams(selectionQuery(next)));
  return { selection, setSelection, today, params };
}
