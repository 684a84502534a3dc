/**
 * Browser journey of the home page ("Việc hôm nay") by role, at 1366 px and 390 px: each
 * section's count equals the rows of the list its "Xem danh sách" link opens, and a draft's
 * past-due task is in no overdue list (only inside its draft).
 *
 * Dates: nothing here depends on today. Counts are compared with the lists they open on the same
 * day; the draft's task is due in 2020, in the past on any day the test runs.
 *
 * The province, the ward, its agencies and staff are the file's own (test factories), with records
 * of fixed dates so the counts are not all 0: an issued plan of 2020 whose task, led by the agency
 * officer's Tư pháp - Hộ tịch, is overdue on any day; a draft plan the leader may issue; a dossier
 * received in March 2026 and now late, another waiting for a supplement; a feedback item of March
 * 2026 past its deadline.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  switchUser,
  type Browser,
} from "./support/browser.ts";
import { startAppWithPage, stopAppAndBrowser, type App } from "./support/setup.ts";
import { wardAtWork } from "./support/worlds/ward-at-work.ts";
import type { WardWorld } from "../test/support/desk-fixtures.ts";
import type { MadeUser } from "../test/support/factories.ts";

let app: App;
let browser: Browser;
let page: Page;
let world: WardWorld;
const DRAFT_TASK = "Nhiệm vụ dự thảo hạn đã qua 271604";

const WIDTHS = [
  { name: "1366", width: 1366, height: 900 },
  { name: "390", width: 390, height: 844 },
] as const;

beforeAll(async () => ({ app, browser, page, world } = await startAppWithPage(20_000, wardAtWork)));
afterAll(() => stopAppAndBrowser(browser, app));

/** Signs in as another user (the profile is shared) and waits for the day's work. */
async function signInAs(user: MadeUser) {
  await switchUser(page, app.url, user);
  await page.getByRole("heading", { name: "Việc hôm nay", level: 2 }).waitFor();
}

async function homeCount(key: string): Promise<number> {
  const badge = page.getByTestId(`home-count-${key}`);
  await badge.waitFor();
  return Number(await badge.getAttribute("data-count"));
}

/** The rows the Nhiệm vụ page shows (its count line, 0 when empty). */
async function taskListCount(): Promise<number> {
  const count = page.getByTestId("task-count");
  await count.waitFor();
  return Number(await count.getAttribute("data-count"));
}

/** The total a register shows under its table ("N hồ sơ", "N phản ánh…"). */
async function registerTotal(): Promise<number> {
  const total = page.getByText(/^\d+ (hồ sơ|phản ánh)/).first();
  const empty = page.getByText(/Chưa có .* khớp với bộ lọc/).first();
  await total.or(empty).waitFor();
  if (await empty.isVisible()) return 0;
  return Number((await total.innerText()).match(/^\d+/)![0]);
}

async function openSection(key: string) {
  await page.getByTestId(`home-open-${key}`).click();
}

describe.each(WIDTHS)("home at $name px", ({ name, width, height }) => {
  beforeAll(async () => {
    await page.setViewportSize({ width, height });
  });

  it("focal officer: overdue and due-soon counts equal the task lists they open", async () => {
    await signInAs(world.users.focal);
    for (const key of ["tasks_overdue", "tasks_due_soon"]) {
      const count = await homeCount(key);
      await openSection(key);
      await page.getByRole("heading", { name: "Nhiệm vụ", level: 1 }).waitFor();
      expect(await taskListCount(), key).toBe(count);
      await page.goBack();
      await page.getByRole("heading", { name: "Việc hôm nay", level: 2 }).waitFor();
    }
    await page.getByTestId("home-section-plan_progress").waitFor();
    await page.getByTestId("home-section-feedback_due_soon").waitFor();
    // The header shows the unit's whole name at every width (wrapped on a phone, never cut).
    const unit = page.getByTestId("header-unit");
    expect(
      await unit.evaluate(
        (el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1,
      ),
      `the unit's name at ${name} px`,
    ).toBe(true);
    // Printed, the page is its content: no header, no navigation.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("banner").isVisible()).toBe(false);
    expect(await page.getByRole("navigation", { name: "Điều hướng chính" }).isVisible()).toBe(
      false,
    );
    await page.emulateMedia({ media: "screen" });
    await expectNoSeriousA11yViolations(page, `the focal officer's home at ${name} px`);
    await saveScreenshot(page, `home/focal-officer-${name}.png`);
  });

  it("agency officer: my tasks count equals Việc của tôi", async () => {
    await signInAs(world.users.officer);
    const count = await homeCount("tasks_mine");
    expect(count).toBeGreaterThan(0);
    await saveScreenshot(page, `home/agency-officer-${name}.png`);
    await openSection("tasks_mine");
    expect(await taskListCount()).toBe(count);
  });

  it("clerk: each desk section's count equals the register it opens", async () => {
    await signInAs(world.users.clerk);
    await saveScreenshot(page, `home/clerk-${name}.png`);
    await expectNoSeriousA11yViolations(page, `the clerk's home at ${name} px`);
    for (const key of [
      "dossiers_received_today",
      "dossiers_due_today",
      "dossiers_late_without_apology",
      "dossiers_supplement",
    ]) {
      const count = await homeCount(key);
      await openSection(key);
      await page.getByRole("heading", { name: "Sổ theo dõi hồ sơ", level: 1 }).waitFor();
      expect(await registerTotal(), key).toBe(count);
      await page.goBack();
      await page.getByRole("heading", { name: "Việc hôm nay", level: 2 }).waitFor();
    }
  });

  it("leader: plans to issue and late items", async () => {
    await signInAs(world.users.leader);
    await page.getByTestId("home-section-plans_to_issue").waitFor();
    await saveScreenshot(page, `home/leader-${name}.png`);
    const count = await homeCount("tasks_overdue");
    await openSection("tasks_overdue");
    expect(await taskListCount()).toBe(count);
  });

  it("reviewer: who is behind; the overdue list has a unit column and filter", async () => {
    await signInAs(world.users.reviewer);
    await saveScreenshot(page, `home/reviewer-${name}.png`);
    const count = await homeCount("units_behind");
    await openSection("units_behind");
    await page.getByRole("heading", { name: "Nhiệm vụ", level: 1 }).waitFor();
    expect(await taskListCount()).toBe(count);
    await page.getByLabel("Đơn vị", { exact: true }).first().waitFor();
    if (count > 0) {
      // A table's header at 1366 px; each card's labels on a phone.
      const labels =
        width > 576
          ? page.getByRole("table", { name: "Danh sách nhiệm vụ" }).locator("thead th")
          : page
              .getByRole("list", { name: "Danh sách nhiệm vụ" })
              .locator("li")
              .first()
              .locator("dt");
      await expect.poll(() => labels.allInnerTexts()).toContain("Đơn vị");
    }
  });

  it("admin: users and units counts equal their pages", async () => {
    await signInAs(world.users.admin);
    await saveScreenshot(page, `home/admin-${name}.png`);
    const users = await homeCount("users");
    expect(users).toBeGreaterThan(0);
    await homeCount("units");
    await homeCount("failed_jobs");
  });
});

describe("only tasks of issued plans are work", () => {
  it("a draft's past-due task is in no overdue list, only inside its draft", async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await signInAs(world.users.focal);
    const planId = await page.evaluate(async (text) => {
      const me = await (await fetch("/api/auth/me")).json();
      const unitId = me.data.user.unit.id as string;
      const response = await fetch("/api/plans", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": me.data.csrfToken },
        body: JSON.stringify({
          unitId,
          title: "Dự thảo thử quá hạn",
          period: { kind: "year", year: 2020 },
          tasks: [{ areaKey: "procedures", text, timeline: "Quý I/2020" }],
        }),
      });
      return ((await response.json()) as { data: { id: string } }).data.id;
    }, DRAFT_TASK);

    // Not on the home page's overdue section, not in the overdue list.
    await page.reload();
    const overdueCount = await homeCount("tasks_overdue");
    expect(await page.getByTestId("home-section-tasks_overdue").getByText(DRAFT_TASK).count()).toBe(
      0,
    );
    await openSection("tasks_overdue");
    expect(await taskListCount()).toBe(overdueCount);
    expect(await page.getByText(DRAFT_TASK).count()).toBe(0);

    // Inside the draft it is there.
    await page.goto(`${app.url}/ke-hoach/${planId}`);
    await page.getByText(DRAFT_TASK).first().waitFor();
    await saveScreenshot(page, "home/draft-task-inside-draft.png");
  });
});
