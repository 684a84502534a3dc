/**
 * The home page's API (`GET /api/home`): each role's sections, each counted by the very list it
 * opens (the list API asked with the section's `link.filter` returns as many rows as `count`),
 * and the rule that only tasks of issued plans are work — a draft's past-due task is in no
 * overdue list, no home count, only inside its draft.
 *
 * Dates: the plans are of 2020, so every task is past due on any day the tests run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let focal: ApiClient;
let communeId: string;
let agencies: Record<string, string>;
let draftId: string;
let issuedId: string;
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
  t = await startTestApp();
  focal = await t.signedIn("daumoi");
  communeId = (await focal.get("/api/auth/me")).body.data.user.unit.id;
  const list = (await focal.get(`/api/agencies?unitId=${communeId}`)).body.data;
  agencies = Object.fromEntries(list.map((a: any) => [a.name, a.id]));
  draftId = await createPlan("Kế hoạch dự thảo thử", DRAFT_TASK);
  issuedId = await createPlan("Kế hoạch ban hành thử", ISSUED_TASK);
  const leader = await t.signedIn("lanhdao");
  const issued = await leader.post(`/api/plans/${issuedId}/issue`, {
    issuedDate: "2020-01-02",
    confirmTasksWithoutLead: true,
  });
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
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
    ["daumoi", ["tasks_overdue", "tasks_due_soon", "plan_progress", "targets_off_track"]],
    ["tuphap", ["tasks_mine"]],
    [
      "motcua",
      [
        "dossiers_received_today",
        "dossiers_due_today",
        "dossiers_late_without_apology",
        "dossiers_supplement",
      ],
    ],
    ["lanhdao", ["plans_to_issue", "tasks_overdue", "dossiers_overdue"]],
    ["sonoivu", ["units_behind", "dossiers_overdue"]],
    ["admin", ["users", "units", "failed_jobs"]],
  ])("%s: its role's sections, each count equal to the list it opens", async (user, keys) => {
    const client = await t.signedIn(user);
    const { sections } = await home(client);
    const have = sections.map((s) => s.key);
    for (const key of keys) expect(have).toContain(key);
    for (const section of sections) {
      expect(section.items.length).toBeLessThanOrEqual(Math.max(section.count, 8));
      if (section.link.list === "plan_targets") continue;
      expect(await openList(client, section), section.key).toBe(section.count);
    }
  });

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
    const leaderHome = await home(await t.signedIn("lanhdao"));
    const toIssue = leaderHome.sections.find((s) => s.key === "plans_to_issue");
    expect(toIssue.items.map((i: any) => i.id)).toContain(draftId);
    expect(toIssue.items.map((i: any) => i.id)).not.toContain(issuedId);
  });

  it("reviewers see who is behind, and filter the tasks list by unit", async () => {
    const reviewer = await t.signedIn("sonoivu");
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
