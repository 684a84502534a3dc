/**
 * The home page's API (`GET /api/home`): each role's sections, each counted by the very list it
 * opens (the list API asked with the section's `link.filter` returns as many rows as `count`),
 * and the rule that only tasks of issued plans are work — a draft's past-due task is in no
 * overdue list, no home count, only inside its draft.
 *
 * Dates: the plans are of 2020, so every task is past due on any day the tests run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addWorkingDays, countWorkingDays } from "../../src/core/calendar/working-days.ts";
import { FEEDBACK_DUE_SOON_WORKING_DAYS } from "../../src/core/feedback/index.ts";
import type { Role } from "../../src/core/access/role-policy.ts";
import type { Actor } from "../../src/server/services/actor.ts";
import { loadWorkingCalendar } from "../../src/server/services/calendar.service.ts";
import { listFeedback } from "../../src/server/services/feedback.service.ts";
import { homeOf } from "../../src/server/services/home.service.ts";
import { makeWardWorld, receiveDossier, signIn, type WardWorld } from "../support/desk-fixtures.ts";
import { makeProcedure } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let focal: ApiClient;
let communeId: string;
let agencies: Record<string, string>;
let draftId: string;
let issuedId: string;
let world: WardWorld;
const DRAFT_TASK = "Nhiệm vụ của dự thảo, hạn đã qua";
const ISSUED_TASK = "Nhiệm vụ của kế hoạch đã ban hành, hạn đã qua";

async function createPlan(title: string, text: string) {
  const response = await focal.post("/api/plans", {
    unitId: communeId,
    title,
    period: { kind: "year", year: 2020 },
    tasks: [
      {
        areaKey: "procedures",
        text,
        leadAgencyId: agencies["Tư pháp - Hộ tịch"],
        timeline: "Quý I/2020",
      },
    ],
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data.id as string;
}

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  world = await makeWardWorld(t.db.database.db);
  focal = await signIn(t, world.users.focal);
  communeId = world.ward.id;
  const list = (await focal.get(`/api/agencies?unitId=${communeId}`)).body.data;
  agencies = Object.fromEntries(list.map((a: any) => [a.name, a.id]));
  draftId = await createPlan("Kế hoạch dự thảo thử", DRAFT_TASK);
  issuedId = await createPlan("Kế hoạch ban hành thử", ISSUED_TASK);
  const leader = await signIn(t, world.users.leader);
  const issued = await leader.post(`/api/plans/${issuedId}/issue`, {
    issuedDate: "2020-01-02",
    confirmTasksWithoutLead: true,
  });
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  // Work for the clerk's and the leader's sections: a dossier past its due date without an
  // apology and one waiting for the applicant; a feedback item long overdue for the focal officer.
  const procedure = await makeProcedure(t.db.database.db, world.ward, { processingDays: 3 });
  const clerk = await signIn(t, world.users.clerk);
  for (const supplement of [false, true]) {
    const { id } = await receiveDossier(clerk, procedure.id);
    const steps = [{ action: "hand_over", at: "2026-03-02 10:00" }];
    if (supplement) steps.push({ action: "request_supplement", at: "2026-03-03 09:00" });
    for (const step of steps) {
      const moved = await clerk.post(`/api/dossiers/${id}/transitions`, {
        ...step,
        ...(step.action === "request_supplement" ? { note: "Thiếu tờ khai" } : {}),
      });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
  }
  const feedback = await focal.post("/api/feedback", {
    unitId: communeId,
    channel: "phone",
    senderName: "Lê Văn Tám",
    senderPhone: "0912 000 111",
    title: "Phản ánh đã quá hạn",
    content: "Nội dung phản ánh đã quá hạn trả lời.",
    receivedAt: "2025-09-01 09:00",
  });
  expect(feedback.status, JSON.stringify(feedback.body)).toBe(201);
});
afterAll(() => t.close());

/** The list API a section opens, asked with the section's own filter. */
async function openList(client: ApiClient, section: any): Promise<number> {
  const filter = section.link.filter as Record<string, string>;
  const query = new URLSearchParams(filter).toString();
  switch (section.link.list) {
    case "tasks": {
      const tasks = (await client.get(`/api/tasks?${query}`)).body.data as any[];
      if (section.key === "plan_progress") return new Set(tasks.map((x) => x.areaKey)).size;
      return tasks.length;
    }
    case "dossiers":
      return (await client.get(`/api/dossiers?${query}`)).body.total;
    case "feedback":
      return (await client.get(`/api/feedback?${query}`)).body.total;
    case "plans":
      return (await client.get("/api/plans")).body.data.filter(
        (p: any) => p.status === filter.status,
      ).length;
    case "users":
      return (await client.get("/api/users")).body.data.length;
    case "units":
      return (await client.get("/api/units")).body.data.length;
    case "jobs":
      return (await client.get(`/api/jobs?${query}`)).body.data.length;
    default:
      return section.count;
  }
}

async function home(client: ApiClient) {
  const response = await client.get("/api/home");
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.data as { roles: string[]; sections: any[] };
}

describe("GET /api/home", () => {
  it("needs a session", async () => {
    expect((await t.client().get("/api/home")).status).toBe(401);
  });

  it.each([
    [
      "focal",
      [
        "tasks_overdue",
        "tasks_due_soon",
        "plan_progress",
        "targets_off_track",
        "feedback_overdue",
        "feedback_due_soon",
      ],
    ],
    ["officer", ["tasks_mine"]],
    [
      "clerk",
      [
        "dossiers_received_today",
        "dossiers_due_today",
        "dossiers_late_without_apology",
        "dossiers_supplement",
      ],
    ],
    ["leader", ["plans_to_issue", "tasks_overdue", "dossiers_overdue"]],
    ["reviewer", ["units_behind", "dossiers_overdue"]],
    ["admin", ["users", "units", "failed_jobs"]],
  ] as const)(
    "%s: its role's sections, each count equal to the list it opens",
    async (user, keys) => {
      const client = await signIn(t, world.users[user]);
      const { sections } = await home(client);
      const have = sections.map((s) => s.key);
      for (const key of keys) expect(have).toContain(key);
      for (const section of sections) {
        expect(section.items.length).toBeLessThanOrEqual(Math.max(section.count, 8));
        if (section.link.list === "plan_targets") continue;
        expect(await openList(client, section), section.key).toBe(section.count);
      }
    },
  );

  it("counts only tasks of issued plans: a draft's past-due task is nowhere but in its draft", async () => {
    const { sections } = await home(focal);
    const overdue = sections.find((s) => s.key === "tasks_overdue");
    const titles = overdue.items.map((i: any) => i.title);
    expect(titles).toContain(ISSUED_TASK);
    expect(titles).not.toContain(DRAFT_TASK);

    for (const view of ["overdue", "due_soon", "mine", "all"]) {
      const rows = (await focal.get(`/api/tasks?view=${view}`)).body.data as any[];
      expect(
        rows.map((r) => r.text),
        view,
      ).not.toContain(DRAFT_TASK);
    }
    const overdueList = (await focal.get("/api/tasks?view=overdue")).body.data as any[];
    expect(overdueList.map((r) => r.text)).toContain(ISSUED_TASK);
    // Inside its draft it is there.
    const inDraft = (await focal.get(`/api/tasks?planId=${draftId}`)).body.data as any[];
    expect(inDraft.map((r) => r.text)).toEqual([DRAFT_TASK]);
    const plan = (await focal.get(`/api/plans/${draftId}`)).body.data;
    expect(plan.tasks.map((x: any) => x.text)).toEqual([DRAFT_TASK]);

    // The leader is asked to issue the draft.
    const leaderHome = await home(await signIn(t, world.users.leader));
    const toIssue = leaderHome.sections.find((s) => s.key === "plans_to_issue");
    expect(toIssue.items.map((i: any) => i.id)).toContain(draftId);
    expect(toIssue.items.map((i: any) => i.id)).not.toContain(issuedId);
  });

  it("reviewers see who is behind, and filter the tasks list by unit", async () => {
    const reviewer = await signIn(t, world.users.reviewer);
    const { sections } = await home(reviewer);
    const behind = sections.find((s) => s.key === "units_behind");
    const ward = behind.items.find((i: any) => i.id === communeId);
    expect(ward).toBeDefined();
    const ofWard = (await reviewer.get(`/api/tasks?view=overdue&unitId=${communeId}`)).body
      .data as any[];
    expect(ofWard.length).toBe(ward.value);
    expect(ofWard.every((r) => r.unitId === communeId)).toBe(true);
    expect(ofWard.map((r) => r.text)).toContain(ISSUED_TASK);
  });
});

/** The service-level actor of a signed-in client (as the session gate builds it). */
async function actorOf(client: ApiClient): Promise<Actor> {
  const me = (await client.get("/api/auth/me")).body.data.user;
  return {
    userId: me.id,
    name: me.fullName,
    grants: me.roles.map((r: { role: Role; unitId: string | null; agencyId: string | null }) => ({
      role: r.role,
      unitId: r.unitId,
      agencyId: r.agencyId,
    })),
  };
}

describe("the focal officer's feedback near its deadline", () => {
  /*
   * Every day here is explicit: feedback received in March 2026 (its due date from the working
   * calendar), read on days chosen around those due dates and passed to the services as `today`.
   */
  it("counts open feedback due within the horizon, the same list GET /api/feedback?dueSoon opens", async () => {
    const db = t.db.database.db;
    const calendar = await loadWorkingCalendar(db);
    const register = async (receivedAt: string, title: string) => {
      const response = await focal.post("/api/feedback", {
        unitId: communeId,
        channel: "phone",
        senderName: "Trần Văn Bình",
        senderPhone: "0987 654 321",
        title,
        content: "Nội dung phản ánh để thử hạn trả lời.",
        receivedAt,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body.data as { id: string; dueDate: string };
    };
    const early = await register("2026-03-02 09:00", "Phản ánh hạn sớm");
    const later = await register("2026-03-16 09:00", "Phản ánh hạn muộn hơn");
    const rejected = await register("2026-03-02 10:00", "Phản ánh đã từ chối");
    const reject = await focal.post(`/api/feedback/${rejected.id}/transitions`, {
      action: "reject",
      note: "Nội dung là khiếu nại, hướng dẫn gửi theo Luật Khiếu nại",
      at: "2026-03-02 15:00",
    });
    expect(reject.status, JSON.stringify(reject.body)).toBe(200);
    expect(rejected.dueDate).toBe(early.dueDate);

    const actor = await actorOf(focal);
    const dueSoonOn = async (today: string) => {
      const list = await listFeedback(db, actor, { dueSoon: true }, { today });
      const { sections } = (await homeOf(db, actor, { today })).data;
      const section = sections.find((s) => s.key === "feedback_due_soon")!;
      expect(section.link).toEqual({ list: "feedback", filter: { dueSoon: "true" } });
      expect(section.count).toBe(list.total);
      expect(section.items.map((i) => i.id)).toEqual(list.data.map((f) => f.id));
      return list.data.map((f) => f.id);
    };

    // The working day before the early one's due date: it is due soon, the later one is
    // beyond the horizon, the rejected one is finished.
    const before = addWorkingDays(early.dueDate, -1, calendar);
    expect(countWorkingDays(before, later.dueDate, calendar)).toBeGreaterThan(
      FEEDBACK_DUE_SOON_WORKING_DAYS,
    );
    expect(await dueSoonOn(before)).toEqual([early.id]);
    // On its due date it still is (the whole due day counts), and the later one, ten working
    // days on, has come within the horizon (its last day included).
    expect(countWorkingDays(early.dueDate, later.dueDate, calendar)).toBe(
      FEEDBACK_DUE_SOON_WORKING_DAYS,
    );
    expect((await dueSoonOn(early.dueDate)).sort()).toEqual([early.id, later.id].sort());
    // The working day after: the early one is overdue (not due soon), the later one has come in.
    const after = addWorkingDays(early.dueDate, 1, calendar);
    expect(countWorkingDays(after, later.dueDate, calendar)).toBeLessThanOrEqual(
      FEEDBACK_DUE_SOON_WORKING_DAYS,
    );
    expect(await dueSoonOn(after)).toEqual([later.id]);
    const overdue = await listFeedback(db, actor, { overdue: true }, { today: after });
    expect(overdue.data.map((f) => f.id)).toContain(early.id);
    // Long before either, none.
    expect(await dueSoonOn("2026-01-05")).toEqual([]);

    // The list API takes the filter (read on the real day, whatever it is).
    const api = await focal.get("/api/feedback?dueSoon=true");
    expect(api.status, JSON.stringify(api.body)).toBe(200);
  });
});
