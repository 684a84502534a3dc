import type { Role } from "../../core/access/role-policy.ts";
import { AREA_HEADINGS, type AreaKey } from "../../core/plan/plan-area.ts";
import { rollUpProgress } from "../../core/plan/progress-rollup.ts";
import type { TaskStatus } from "../../core/plan/task-status.ts";
import { vietnamDate } from "../../core/time/vietnam-time.ts";
import type { Executor } from "../db/database.ts";
import * as access from "./access.service.ts";
import type { Actor } from "./actor.ts";
import { listDossiers, type DossierListQuery } from "./dossier.service.ts";
import { listFeedback, type FeedbackListQuery } from "./feedback.service.ts";
import { listJobsAs } from "./job.service.ts";
import { getPlanView, listPlans } from "./plan-view.service.ts";
import { listTasks } from "./task.service.ts";
import { listUnits } from "./unit.service.ts";
import { listUsers } from "./user.service.ts";

/*
 * "Việc hôm nay": each role's home. Every section is one of the lists the app already has, asked
 * through the same service with the same filter the list page sends (`link.filter`), so a count
 * is always the number of rows that list opens — there is no second counting rule here.
 */

/** The list a section opens, with the filter (the list API's own query) it was counted with. */
export type HomeList =
  "tasks" | "dossiers" | "feedback" | "plans" | "plan_targets" | "users" | "units" | "jobs";

/** The record an item opens. */
export type HomeRecord =
  "task" | "dossier" | "feedback" | "plan" | "unit" | "area" | "user" | "job";

export interface HomeItem {
  id: string;
  record: HomeRecord;
  title: string;
  detail: string | null;
  dueDate: string | null;
  unitName: string | null;
  /** The plan a task, target or area belongs to (its record's page). */
  planId: string | null;
  /** A number to show beside the item (an area's or unit's count, a plan's progress). */
  value: number | null;
}

export interface HomeSection {
  key: string;
  count: number;
  link: { list: HomeList; filter: Record<string, string> };
  items: HomeItem[];
}

/** Items shown per section; the count is always the whole list's. */
export const HOME_ITEMS = 8;

/** The roles in the order their sections are shown. */
const ROLE_ORDER: Role[] = [
  "leader",
  "focal_officer",
  "agency_officer",
  "clerk",
  "reviewer",
  "admin",
  "viewer",
];

const item = (values: Partial<HomeItem> & Pick<HomeItem, "id" | "record" | "title">): HomeItem => ({
  detail: null,
  dueDate: null,
  unitName: null,
  planId: null,
  value: null,
  ...values,
});

/** A section, read on `today` (Vietnam time; the home passes the real day, tests their own). */
type Section = (db: Executor, actor: Actor, today: string) => Promise<HomeSection>;

function taskSection(key: string, view: "overdue" | "due_soon" | "mine"): Section {
  return async (db, actor, today) => {
    const { data } = await listTasks(db, actor, { view }, { today });
    return {
      key,
      count: data.length,
      link: { list: "tasks", filter: { view } },
      items: data.slice(0, HOME_ITEMS).map((task) =>
        item({
          id: task.id,
          record: "task",
          title: task.text,
          detail: task.leadAgencyName ?? null,
          dueDate: task.dueDate,
          unitName: task.unitName,
          planId: task.planId,
        }),
      ),
    };
  };
}

function dossierSection(key: string, filter: Record<string, string>): Section {
  return async (db, actor) => {
    const query: DossierListQuery = {
      ...filter,
      overdue: filter.overdue === "true" || undefined,
      dueToday: filter.dueToday === "true" || undefined,
      withoutApology: filter.withoutApology === "true" || undefined,
      limit: HOME_ITEMS,
    };
    const { data, total } = await listDossiers(db, actor, query);
    return {
      key,
      count: total,
      link: { list: "dossiers", filter },
      items: data.map((d) =>
        item({
          id: d.id,
          record: "dossier",
          title: `${d.code} — ${d.applicantName}`,
          detail: d.procedureName,
          dueDate: d.dueDate,
          unitName: d.unitName,
        }),
      ),
    };
  };
}

function feedbackSection(key: string, filter: Record<string, string>): Section {
  return async (db, actor, today) => {
    const query: FeedbackListQuery = {
      ...filter,
      overdue: filter.overdue === "true" || undefined,
      dueSoon: filter.dueSoon === "true" || undefined,
      limit: HOME_ITEMS,
    };
    const { data, total } = await listFeedback(db, actor, query, { today });
    return {
      key,
      count: total,
      link: { list: "feedback", filter },
      items: data.map((f) =>
        item({
          id: f.id,
          record: "feedback",
          title: `${f.code} — ${f.title}`,
          dueDate: f.dueDate,
          unitName: f.unitName,
        }),
      ),
    };
  };
}

/** The unit's issued plans: progress of each area (the tasks list filtered on that area). */
const areaProgress: Section = async (db, actor, today) => {
  const { data } = await listTasks(db, actor, {}, { today });
  const byArea = new Map<string, TaskStatus[]>();
  for (const task of data) {
    const key = task.areaKey ?? "none";
    byArea.set(key, [...(byArea.get(key) ?? []), task.effectiveStatus as TaskStatus]);
  }
  const items = [...byArea.entries()]
    .filter(([key]) => key !== "none")
    .map(([key, statuses]) => {
      const progress = rollUpProgress(statuses);
      return item({
        id: key,
        record: "area",
        title: AREA_HEADINGS[key as AreaKey] ?? key,
        detail: `${progress.completed}/${progress.total}`,
        value: progress.percent === null ? null : Math.round(progress.percent),
      });
    });
  return { key: "plan_progress", count: items.length, link: { list: "tasks", filter: {} }, items };
};

/** Targets of the readable issued plans that are at risk or not achieved. */
const targetsOffTrack: Section = async (db, actor) => {
  const { data: plans } = await listPlans(db, actor, {});
  const items: HomeItem[] = [];
  for (const plan of plans.filter((p) => p.status === "issued")) {
    const view = await getPlanView(db, actor, plan.id);
    for (const target of view.data.targets) {
      if (target.state !== "at_risk" && target.state !== "not_achieved") continue;
      items.push(
        item({
          id: target.id,
          record: "plan",
          title: target.text,
          detail: `${target.stateLabel}: ${target.measuredText ?? ""} (${target.targetText ?? ""})`,
          unitName: plan.unitName,
          planId: plan.id,
        }),
      );
    }
  }
  const only = plans.filter((p) => p.status === "issued");
  const filter: Record<string, string> = only.length === 1 ? { planId: only[0]!.id } : {};
  return {
    key: "targets_off_track",
    count: items.length,
    link: { list: "plan_targets", filter },
    items: items.slice(0, HOME_ITEMS),
  };
};

/** Drafts the actor may issue (the plans list, drafts). */
const plansToIssue: Section = async (db, actor) => {
  const { data } = await listPlans(db, actor, {});
  const drafts = data.filter((p) => p.status === "draft");
  const issuable = await access.check(
    db,
    actor,
    "plan.issue",
    "plan",
    drafts.map((p) => p.id),
  );
  const rows = drafts.filter((p) => issuable.has(p.id));
  return {
    key: "plans_to_issue",
    count: rows.length,
    link: { list: "plans", filter: { status: "draft" } },
    items: rows.slice(0, HOME_ITEMS).map((p) =>
      item({
        id: p.id,
        record: "plan",
        title: p.title,
        detail: p.periodLabel,
        unitName: p.unitName,
        planId: p.id,
      }),
    ),
  };
};

/** The units below with overdue tasks: who is behind, and on how many. */
const unitsBehind: Section = async (db, actor, today) => {
  const { data } = await listTasks(db, actor, { view: "overdue" }, { today });
  const byUnit = new Map<string, { name: string; count: number; planId: string }>();
  for (const task of data) {
    const unitId = task.unitId;
    const entry = byUnit.get(unitId) ?? { name: task.unitName, count: 0, planId: task.planId };
    entry.count += 1;
    byUnit.set(unitId, entry);
  }
  const items = [...byUnit.entries()]
    .sort((a, b) => b[1].count - a[1].count)
    .map(([unitId, entry]) =>
      item({ id: unitId, record: "unit", title: entry.name, value: entry.count }),
    );
  return {
    key: "units_behind",
    count: data.length,
    link: { list: "tasks", filter: { view: "overdue" } },
    items: items.slice(0, HOME_ITEMS),
  };
};

const usersSection: Section = async (db, actor) => {
  const { data } = await listUsers(db, actor, {});
  const waiting = data.filter((u) => u.mustChangePassword);
  return {
    key: "users",
    count: data.length,
    link: { list: "users", filter: {} },
    items: waiting
      .slice(0, HOME_ITEMS)
      .map((u) => item({ id: u.id, record: "unit", title: u.fullName, detail: u.username })),
  };
};

const unitsSection: Section = async (db, actor) => {
  const { data } = await listUnits(db, actor, {});
  return { key: "units", count: data.length, link: { list: "units", filter: {} }, items: [] };
};

const failedJobs: Section = async (db, actor) => {
  const { data } = await listJobsAs(db, actor, { state: "failed" });
  return {
    key: "failed_jobs",
    count: data.length,
    link: { list: "jobs", filter: { state: "failed" } },
    items: data
      .slice(0, HOME_ITEMS)
      .map((job) => item({ id: job.id, record: "job", title: job.kind, detail: job.lastError })),
  };
};

const SECTIONS: Record<Role, Section[]> = {
  focal_officer: [
    taskSection("tasks_overdue", "overdue"),
    taskSection("tasks_due_soon", "due_soon"),
    areaProgress,
    targetsOffTrack,
    feedbackSection("feedback_overdue", { overdue: "true" }),
    feedbackSection("feedback_due_soon", { dueSoon: "true" }),
  ],
  agency_officer: [taskSection("tasks_mine", "mine")],
  clerk: [
    // Today's queue: what the desk received today.
    async (db, actor, today) =>
      dossierSection("dossiers_received_today", { from: today, to: today })(db, actor, today),
    dossierSection("dossiers_due_today", { dueToday: "true" }),
    dossierSection("dossiers_late_without_apology", { overdue: "true", withoutApology: "true" }),
    dossierSection("dossiers_supplement", { state: "supplement_requested" }),
  ],
  leader: [
    plansToIssue,
    taskSection("tasks_overdue", "overdue"),
    dossierSection("dossiers_overdue", { overdue: "true" }),
    feedbackSection("feedback_overdue", { overdue: "true" }),
  ],
  reviewer: [
    unitsBehind,
    dossierSection("dossiers_overdue", { overdue: "true" }),
    feedbackSection("feedback_overdue", { overdue: "true" }),
  ],
  admin: [usersSection, unitsSection, failedJobs],
  viewer: [taskSection("tasks_overdue", "overdue")],
};

/** The home of the signed-in user: the sections of each role they hold, each once. */
export async function homeOf(db: Executor, actor: Actor, clock: { today?: string } = {}) {
  const today = clock.today ?? vietnamDate(new Date());
  const roles = ROLE_ORDER.filter((role) => actor.grants.some((grant) => grant.role === role));
  const sections: HomeSection[] = [];
  const seen = new Set<string>();
  for (const role of roles) {
    for (const section of SECTIONS[role]) {
      const result = await section(db, actor, today);
      if (seen.has(result.key)) continue;
      seen.add(result.key);
      sections.push(result);
    }
  }
  return { data: { roles, sections } };
}
