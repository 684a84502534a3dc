import { Anchor } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { formatNumber } from "../../i18n/format.ts";
import type { DossierSet } from "./dashboard.api.ts";
import { dashboardPaths } from "./dashboard-paths.ts";
import { selectionQuery, type Selection } from "./period.ts";
import { viDashboard as t } from "./vi-dashboard.ts";

/** The drill-down address of a figure: the dossiers of `set` in the selection. */
export function drillDownPath(
  selection: Selection,
  set: DossierSet | "due_soon",
  extra: Record<string, string | number> = {},
) {
  return `${dashboardPaths.dossiers}?${selectionQuery(selection, { set, ...extra })}`;
}

/** A count that links to the dossiers behind it. */
export function FigureLink({
  selection,
  set,
  value,
  extra,
  testId,
  children,
}: {
  selection: Selection;
  set: DossierSet | "due_soon";
  value: number;
  extra?: Record<string, string | number>;
  testId?: string;
  children?: ReactNode;
}) {
  const label = set === "due_soon" ? t.queue.dueSoon : t.sets[set];
  return (
    <Anchor
      component={Link}
      to={drillDownPath(selection, set, extra)}
      data-testid={testId}
      aria-label={`${label}: ${formatNumber(value)}`}
    >
      {children ?? formatNumber(value)}
    </Anchor>
  );
}
