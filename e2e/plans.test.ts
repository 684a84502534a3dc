/**
 * Browser journey of the plans UI against the real built app on the file's own world
 * (e2e/support/worlds/plans.ts: a province and its ward with their issued 2026 plans, made with
 * the test factories before the server starts): the ward's focal officer creates a blank 2026
 * plan, adds a task with a lead agency and the timeline "Quý II/2026", marks it done with a
 * completion date and a PDF as evidence, sees the plan's progress, downloads the Word file, and
 * finds the task on the Nhiệm vụ page. axe-core checks both pages. Every date is fixed (2026);
 * nothing depends on today's date.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planTitleWithoutKind as storedTitle } from "../src/core/plan/plan-title.ts";
import {
  chooseOption,
  expectNoSeriousA11yViolations,
  saveScreenshot,
  signInAndWait,
  type Browser,
} from "./support/browser.ts";
import { startAppWithPage, stopAppAndBrowser, type App } from "./support/setup.ts";
import {
  makePlanWorld,
  PROVINCE_PLAN,
  WARD_PLAN,
  WARD_TASKS,
  type PlanWorld,
} from "./support/worlds/plans.ts";
import type { Executor } from "../src/server/db/database.ts";

/** The province's and the ward's issued plans, and the ward's focal officer. */
const focalOfTheWard = (db: Executor) => makePlanWorld(db, ["focal"]);

let app: App;
let browser: Browser;
let page: Page;
let world: PlanWorld<"focal">;
const suffix = Date.now().toString().slice(-6);

beforeAll(async () => {
  ({ app, browser, page, world } = await startAppWithPage(30_000, focalOfTheWard));
  await signInAndWait(page, app.url, world.users.focal);
});
afterAll(() => stopAppAndBrowser(browser, app));

/** Pick an option of a Mantine Select by typing part of its label. */
async function choose(scope: Page | ReturnType<Page["getByRole"]>, label: string, option: string) {
  const combobox = scope.getByRole("combobox", { name: label, exact: true });
  await chooseOption(page, combobox, option, option);
}

describe("plans UI", () => {
  it("creates a plan, adds a task, completes it with evidence and downloads the Word file", async () => {
    const title = `Kế hoạch CCHC kiểm thử ${suffix}`;
    const taskText = `Rà soát, đơn giản hóa thủ tục hành chính lĩnh vực hộ tịch ${suffix}`;

    // The list, then the creation form: blank plan for the year 2026.
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    await nav.getByRole("link", { name: "Kế hoạch", exact: true }).click();
    await page.getByRole("heading", { name: "Kế hoạch cải cách hành chính", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Tạo kế hoạch" }).click();
    await page.getByRole("heading", { name: "Tạo kế hoạch", level: 1 }).waitFor();
    expect(await page.getByRole("radio", { name: "Kế hoạch trống" }).isChecked()).toBe(true);
    await page.getByRole("radio", { name: "Năm", exact: true }).check();
    await page.getByRole("textbox", { name: "Năm", exact: true }).fill("2026");
    await page.getByRole("textbox", { name: "Trích yếu (tên kế hoạch)" }).fill(title);
    await page.getByRole("textbox", { name: "Số kế hoạch" }).fill("…/KH-UBND");
    await page.getByRole("button", { name: "Tạo kế hoạch", exact: true }).click();
    await page.waitForURL(/\/ke-hoach\/[0-9a-f-]{36}/);
    // The kind typed before the title is not stored: documents print it themselves.
    await page.getByRole("heading", { name: storedTitle(title), level: 1 }).waitFor();
    expect(await page.getByText("Năm 2026", { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: "Ban hành" }).isVisible()).toBe(true);

    // A task with its lead agency and a quarter as timeline.
    await page.getByRole("button", { name: "Thêm nhiệm vụ" }).click();
    const form = page.getByRole("dialog", { name: "Thêm nhiệm vụ" });
    await choose(form, "Lĩnh vực", "Cải cách thủ tục hành chính");
    await form.getByRole("textbox", { name: "Nội dung nhiệm vụ" }).fill(taskText);
    await choose(form, "Cơ quan chủ trì", "Tư pháp - Hộ tịch");
    await form.getByRole("textbox", { name: "Thời gian thực hiện" }).fill("Quý II/2026");
    await form.getByRole("textbox", { name: "Sản phẩm" }).fill("Báo cáo rà soát");
    await form.getByRole("button", { name: "Lưu", exact: true }).click();
    await form.waitFor({ state: "detached" });
    const row = page.getByRole("row").filter({ hasText: taskText });
    await row.waitFor();
    expect(await row.innerText()).toContain("Tư pháp - Hộ tịch");
    expect(await row.innerText()).toContain("Quý II/2026");
    expect(await row.innerText()).toContain("30/06/2026");
    expect(await page.getByTestId("plan-progress").innerText()).toMatch(
      /^0\/1 nhiệm vụ hoàn thành/,
    );

    // Open it and mark it done on a fixed day of the quarter, before its due day (30/06/2026).
    await row.getByRole("button", { name: `Mở nhiệm vụ: ${taskText}` }).click();
    const panel = page.getByRole("dialog", { name: "Cập nhật nhiệm vụ" });
    await panel.getByRole("heading", { name: taskText }).waitFor();
    await choose(panel, "Trạng thái", "Hoàn thành");
    const completedOn = "15/04/2026";
    const completedField = panel.getByRole("textbox", { name: "Ngày hoàn thành", exact: true });
    await completedField.fill(completedOn);
    await completedField.press("Escape");
    await panel.getByRole("textbox", { name: "Ý kiến, ghi chú" }).fill("Đã hoàn thành rà soát");
    await panel.getByRole("button", { name: "Lưu cập nhật" }).click();
    await expect.poll(() => panel.getByTestId("task-progress").innerText()).toBe("100%");
    await panel.getByTestId("task-history").getByText("Đã hoàn thành rà soát").waitFor();

    // Evidence: a small PDF made here, with its document number, date and type.
    const pdf = Buffer.from(
      "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
      "latin1",
    );
    await panel.locator('input[type="file"]').setInputFiles({
      name: "bien-ban-ra-soat.pdf",
      mimeType: "application/pdf",
      buffer: pdf,
    });
    await panel.getByRole("textbox", { name: "Số văn bản" }).fill(`12/BB-UBND`);
    const documentDate = panel.getByRole("textbox", { name: "Ngày văn bản", exact: true });
    await documentDate.fill(completedOn);
    await documentDate.press("Escape");
    await panel.getByRole("combobox", { name: "Loại văn bản" }).fill("Biên bản");
    await panel.getByRole("button", { name: "Tải lên tài liệu" }).click();
    const evidenceLink = panel.getByRole("link", { name: "Tải về bien-ban-ra-soat.pdf" });
    await evidenceLink.waitFor();
    expect(await panel.getByTestId("task-evidence").innerText()).toContain("12/BB-UBND");
    await expectNoSeriousA11yViolations(page, "the task panel");
    await saveScreenshot(page, "task-panel.png");
    await panel.getByRole("button", { name: "Đóng", exact: true }).first().click();
    await panel.waitFor({ state: "detached" });

    // The plan's progress follows.
    await expect
      .poll(() => page.getByTestId("plan-progress").innerText())
      .toMatch(/^1\/1 nhiệm vụ hoàn thành/);
    expect(await row.innerText()).toContain("Hoàn thành");

    // The Word file of the plan.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải Word" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const path = await download.path();
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");

    await expectNoSeriousA11yViolations(page, "the plan page");
    await saveScreenshot(page, "plan.png");
  });

  it("cascades from the province's issued plan, with the applicable tasks ticked", async () => {
    await page.goto(`${app.url}/ke-hoach/tao-moi`);
    await page.getByRole("heading", { name: "Tạo kế hoạch", level: 1 }).waitFor();
    await page.getByRole("radio", { name: "Theo kế hoạch cấp trên" }).check();
    const upper = page.getByRole("combobox", { name: "Kế hoạch cấp trên đã ban hành" });
    await chooseOption(page, upper, new RegExp(PROVINCE_PLAN));
    const counter = page.getByText(/^Đã chọn \d+\/\d+$/);
    await counter.waitFor();
    const [, chosen, total] = /(\d+)\/(\d+)/.exec(await counter.innerText()) ?? [];
    expect(Number(total)).toBeGreaterThan(1);
    expect(chosen).toBe(total);
    // Untick the first task: it does not apply to the ward.
    await page.getByRole("checkbox").first().uncheck();
    await expect.poll(() => counter.innerText()).toBe(`Đã chọn ${Number(total) - 1}/${total}`);
    await expectNoSeriousA11yViolations(page, "the plan creation form");
    await saveScreenshot(page, "plan-create-cascade.png");

    const title = `Kế hoạch theo cấp trên ${suffix}`;
    await page.getByRole("textbox", { name: "Trích yếu (tên kế hoạch)" }).fill(title);
    await page.getByRole("button", { name: "Tạo kế hoạch", exact: true }).click();
    // The kind typed before the title is not stored: documents print it themselves.
    await page.getByRole("heading", { name: storedTitle(title), level: 1 }).waitFor();
    await page.getByRole("tab", { name: `Nhiệm vụ (${Number(total) - 1})` }).waitFor();
    await page.getByRole("link", { name: "Theo kế hoạch cấp trên" }).waitFor();
  });

  it("finds the task on the Nhiệm vụ page by search and in the month timeline", async () => {
    await page.goto(`${app.url}/nhiem-vu`);
    await page.getByRole("heading", { name: "Nhiệm vụ", level: 1 }).waitFor();
    await page.getByText("Tất cả", { exact: true }).click();
    const search = page.getByRole("textbox", { name: "Tìm nhiệm vụ" });
    const rows = page.getByRole("table", { name: "Danh sách nhiệm vụ" }).locator("tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThan(1); // the list has loaded
    // The plan made above is still a draft: its task is no work yet, so it is not listed here.
    await search.fill(`hộ tịch ${suffix}`);
    await expect.poll(() => rows.count()).toBe(0);
    // A task of the ward's issued plan is found, and only it, once the search applies.
    await search.fill("truyền thanh phường");
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.innerText()).toContain(WARD_TASKS.broadcast);
    expect(await row.innerText()).toContain(WARD_PLAN);
    await expectNoSeriousA11yViolations(page, "the tasks page");

    await page.getByText("Theo tháng", { exact: true }).click();
    // "Hằng quý": the task shows under the months it falls due in.
    await page
      .getByRole("heading", { name: /^Tháng (03|06|09|12)\/2026$/ })
      .first()
      .waitFor();
    await saveScreenshot(page, "tasks-timeline.png");
  });
});
