/**
 * The task list's filters in its address (Vietnamese names without diacritics), so a link from
 * another page — a report's figure on the leader's overview — opens exactly the tasks behind it:
 * `xem` (view), `ke-hoach` (plan), `linh-vuc` (area), `co-quan` (agency), `don-vi` (unit),
 * `han-tu` / `han-den` (due from / to, both days included), `tinh=bao-cao` (only the tasks a
 * report counts: leaf tasks, not cancelled), `q` (search).
 */
import type { TaskListView } from "../plans/plans.api.ts";

export const TASK_LIST_VIEWS: readonly TaskListView[] = ["mine", "overdue", "due_soon", "all"];

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface TaskListFilter {
  view: TaskListView;
  planId: string | null;
  areaKey: string | null;
  agencyId: string | null;
  unitId: string | null;
  dueFrom: string | null;
  dueTo: string | null;
  /** Only the tasks a report counts (`tinh=bao-cao`). */
  counted: "report" | null;
}

/** The filters a task list address names; an unknown view is "mine", a malformed day is ignored. */
export function taskListFilterFrom(params: URLSearchParams): TaskListFilter {
  const view = params.get("xem") as TaskListView | null;
  const day = (key: string) => {
    const value = params.get(key);
    return value && ISO_DAY.test(value) ? value : null;
  };
  return {
    view: view && TASK_LIST_VIEWS.includes(view) ? view : "mine",
    planId: params.get("ke-hoach"),
    areaKey: params.get("linh-vuc"),
    agencyId: params.get("co-quan"),
    unitId: params.get("don-vi"),
    dueFrom: day("han-tu"),
    dueTo: day("han-den"),
    counted: params.get("tinh") === "bao-cao" ? "report" : null,
  };
}

/** The task list's address for some filters (the view "mine" is the default, left out). */
export function taskListPath(
  base: string,
  filter: Partial<Omit<TaskListFilter, "view">> & { view?: TaskListView },
): string {
  const params = new URLSearchParams();
  const put = (key: string, value: string | null | undefined) => {
    if (value) params.set(key, value);
  };
  if (filter.view && filter.view !== "mine") params.set("xem", filter.view);
  put("ke-hoach", filter.planId);
  put("linh-vuc", filter.areaKey);
  put("co-quan", filter.agencyId);
  put("don-vi", filter.unitId);
  put("han-tu", filter.dueFrom);
  put("han-den", filter.dueTo);
  if (filter.counted === "report") params.set("tinh", "bao-cao");
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}
