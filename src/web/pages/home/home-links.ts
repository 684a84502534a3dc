import { CASE_FILTER_PARAMS } from "../../components/case-register/case-register-filters.tsx";
import { paths } from "../../components/navigation.ts";
import { feedbackPaths } from "../feedback/feedback-paths.ts";
import { oneStopPaths } from "../one-stop/one-stop-paths.ts";
import { planPaths } from "../plans/plan-paths.ts";
import type { HomeItem, HomeSection } from "./home.api.ts";

/*
 * Where a home section and its items lead: the list page with the very filter the section was
 * counted with (in the page's own address words), and each item's record.
 */

function withQuery(path: string, query: Record<string, string>): string {
  const text = new URLSearchParams(query).toString();
  return text ? `${path}?${text}` : path;
}

/** A register's address words for the list API's filter (`overdue: "true"` → `qua-han=1`). */
function caseQuery(filter: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filter).map(([key, value]) => [
      CASE_FILTER_PARAMS[key] ?? key,
      value === "true" ? "1" : value,
    ]),
  );
}

function taskQuery(filter: Record<string, string>): Record<string, string> {
  const query: Record<string, string> = {};
  query.xem = filter.view ?? "all";
  if (filter.unitId) query["don-vi"] = filter.unitId;
  if (filter.areaKey) query["linh-vuc"] = filter.areaKey;
  return query;
}

/** The list a section opens. */
export function sectionHref(section: HomeSection): string | null {
  const { list, filter } = section.link;
  switch (list) {
    case "tasks":
      return withQuery(paths.tasks, taskQuery(filter));
    case "dossiers":
      return withQuery(oneStopPaths.register, caseQuery(filter));
    case "feedback":
      return withQuery(feedbackPaths.register, caseQuery(filter));
    case "plans":
      return withQuery(planPaths.list, filter.status ? { "trang-thai": filter.status } : {});
    case "plan_targets":
      return filter.planId ? `${planPaths.detail(filter.planId)}?tab=chi-tieu` : planPaths.list;
    case "users":
      return paths.adminUsers;
    case "units":
      return paths.adminUnits;
    case "jobs":
      return null;
  }
}

/** The record an item opens. */
export function itemHref(section: HomeSection, item: HomeItem): string | null {
  switch (item.record) {
    case "task":
      return withQuery(paths.tasks, { ...taskQuery(section.link.filter), mo: item.id });
    case "dossier":
      return oneStopPaths.dossier(item.id);
    case "feedback":
      return feedbackPaths.detail(item.id);
    case "plan":
      if (!item.planId) return null;
      return section.link.list === "plan_targets"
        ? `${planPaths.detail(item.planId)}?tab=chi-tieu`
        : planPaths.detail(item.planId);
    case "area":
      return withQuery(paths.tasks, { xem: "all", "linh-vuc": item.id });
    case "unit":
      return section.key === "units_behind"
        ? withQuery(paths.tasks, { xem: "overdue", "don-vi": item.id })
        : null;
    case "user":
      return paths.adminUsers;
    case "job":
      return null;
  }
}
