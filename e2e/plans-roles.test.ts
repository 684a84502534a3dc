/**
 * Browser journey of the plans UI by role, against the real built app on the file's own world
 * (e2e/support/worlds/plans.ts: a province and its ward with their issued 2026 plans, made with
 * the test factories before the server starts).
 *
 * - the ward's agency officer (Tư pháp - Hộ tịch) sees under "Việc của tôi" only the tasks his
 *   agency leads or supports in the ward's issued plan, updates one to 50% with a comment, and
 *   finds no update controls on a task of another agency.
 * - the ward's leader creates a draft plan, adds a task, sets an area's target score, issues the
 *   plan through the "Ban hành" dialog with its number and date, and then sees it read-only with
 *   that number in its header.
 *
 * axe-core checks every page (serious and critical violations fail).
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planTitleWithoutKind as storedTitle } from "../src/core/plan/plan-title.ts";
import {
  chooseOption,
  expectNoSeriousA11yViolations,
  saveScreenshot,
  signIn,
  signOut,
  type Browser,
} from "./support/browser.ts";
import { startAppWithPage, stopAppAndBrowser, type App } from "./support/setup.ts";
import { makePlanWorld, WARD_PLAN, WARD_TASKS, type PlanWorld } from "./support/worlds/plans.ts";
import type { Executor } from "../src/server/db/database.ts";

const AGENCY = "Tư pháp - Hộ tịch";

/** The ward's plans, its agency officer (Tư pháp - Hộ tịch) and its leader. */
const officerAndLeader = (db: Executor) => makePlanWorld(db, ["officer", "leader"]);

let app: App;
let browser: Browser;
let page: Page;
let world: PlanWorld<"officer" | "leader">;
const suffix = Date.now().toString().slice(-6);

beforeAll(async () => {
  ({ app, browser, page, world } = await startAppWithPage(15_000, officerAndLeader));
  await page.goto(`${app.url}/dang-nhap`);
});

afterAll(() => stopAppAndBrowser(browser, app));

/** Pick an option of a Mantine Select by typing part of its label. */
async function choose(scope: Page | Locator, label: string, option: string) {
  const combobox = scope.getByRole("combobox", { name: label, exact: true });
  await chooseOption(page, combobox, option, option);
}

/** The rows of the Nhiệm vụ page's table, once its loader is gone. */
function taskRows(): Locator {
  return page.getByRole("table", { name: "Danh sách nhiệm vụ" }).locator("tbody tr");
}

/** The lead ("Chủ trì") and support ("Phối hợp") cells of a row, as text. */
async function leadAndSupport(row: Locator): Promise<string> {
  const headers = await page
    .getByRole("table", { name: "Danh sách nhiệm vụ" })
    .locator("thead th")
    .allInnerTexts();
  const lead = headers.findIndex((text) => text.trim() === "Chủ trì");
  const support = headers.findIndex((text) => text.trim() === "Phối hợp");
  expect(lead).toBeGreaterThanOrEqual(0);
  expect(support).toBeGreaterThanOrEqual(0);
  const cells = row.locator("td");
  return `${await cells.nth(lead).innerText()} | ${await cells.nth(support).innerText()}`;
}

describe("plans by role", () => {
  it("an agency officer sees and updates only the tasks of their agency", async () => {
    await signIn(page, world.users.officer);
    await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();

    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    await nav.getByRole("link", { name: "Nhiệm vụ", exact: true }).click();
    await page.getByRole("heading", { name: "Nhiệm vụ", level: 1 }).waitFor();
    await page.getByText("Việc của tôi", { exact: true }).click();

    // Only tasks led or supported by Tư pháp - Hộ tịch, from the ward's issued plan.
    const rows = taskRows();
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const count = await rows.count();
    for (let index = 0; index < count; index += 1) {
      expect(await leadAndSupport(rows.nth(index))).toContain(AGENCY);
    }
    const mine = rows.filter({ hasText: "Rà soát, đề xuất đơn giản hóa thủ tục hành chính" });
    expect(await mine.innerText()).toContain(WARD_PLAN);
    await expectNoSeriousA11yViolations(page, "the officer's tasks");

    // Update one to 50% with a comment.
    const taskText = WARD_TASKS.simplify;
    await mine.getByRole("button", { name: `Mở nhiệm vụ: ${taskText}` }).click();
    const panel = page.getByRole("dialog", { name: "Cập nhật nhiệm vụ" });
    await panel.getByRole("heading", { name: taskText }).waitFor();
    const progress = panel.getByRole("textbox", { name: "Tiến độ (%)", exact: true });
    await progress.fill("50");
    await progress.press("Tab");
    const comment = `Đã rà soát 4/8 thủ tục ${suffix}`;
    await panel.getByRole("textbox", { name: "Ý kiến, ghi chú" }).fill(comment);
    await panel.getByRole("button", { name: "Lưu cập nhật" }).click();
    await expect.poll(() => panel.getByTestId("task-progress").innerText()).toBe("50%");
    await panel.getByTestId("task-history").getByText(comment).waitFor();
    await expectNoSeriousA11yViolations(page, "the officer's task panel");
    await panel.getByRole("button", { name: "Đóng", exact: true }).first().click();
    await panel.waitFor({ state: "detached" });
    await expect.poll(() => mine.innerText()).toContain("50%");

    // A task of another agency: readable, but no update controls.
    await page.getByText("Tất cả", { exact: true }).click();
    const otherText = WARD_TASKS.broadcast;
    const other = taskRows().filter({ hasText: otherText });
    await other.waitFor();
    expect(await leadAndSupport(other)).not.toContain(AGENCY);
    await other.getByRole("button", { name: `Mở nhiệm vụ: ${otherText}` }).click();
    const otherPanel = page.getByRole("dialog", { name: "Cập nhật nhiệm vụ" });
    await otherPanel.getByRole("heading", { name: otherText }).waitFor();
    await otherPanel.getByText("Bạn chỉ được xem nhiệm vụ này.").waitFor();
    expect(await otherPanel.getByRole("button", { name: "Lưu cập nhật" }).count()).toBe(0);
    expect(await otherPanel.getByRole("textbox", { name: "Tiến độ (%)" }).count()).toBe(0);
    expect(await otherPanel.getByRole("button", { name: "Tải lên tài liệu" }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page, "a read-only task panel");
    await otherPanel.getByRole("button", { name: "Đóng", exact: true }).first().click();
    await otherPanel.waitFor({ state: "detached" });

    await signOut(page);
  });

  it("a leader creates a draft, sets an area's target score and issues it with its number", async () => {
    await signIn(page, world.users.leader);
    await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();

    const title = `Kế hoạch kiểm thử ban hành ${suffix}`;
    const taskText = `Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa ${suffix}`;
    await page.goto(`${app.url}/ke-hoach/tao-moi`);
    await page.getByRole("heading", { name: "Tạo kế hoạch", level: 1 }).waitFor();
    await page.getByRole("radio", { name: "Năm", exact: true }).check();
    await page.getByRole("textbox", { name: "Năm", exact: true }).fill("2026");
    await page.getByRole("textbox", { name: "Trích yếu (tên kế hoạch)" }).fill(title);
    await page.getByRole("button", { name: "Tạo kế hoạch", exact: true }).click();
    await page.waitForURL(/\/ke-hoach\/[0-9a-f-]{36}/);
    // The kind typed before the title is not stored: documents print it themselves.
    await page.getByRole("heading", { name: storedTitle(title), level: 1 }).waitFor();

    // A task, then the area's target score with a decimal comma.
    await page.getByRole("button", { name: "Thêm nhiệm vụ" }).click();
    const form = page.getByRole("dialog", { name: "Thêm nhiệm vụ" });
    await choose(form, "Lĩnh vực", "Cải cách thủ tục hành chính");
    await form.getByRole("textbox", { name: "Nội dung nhiệm vụ" }).fill(taskText);
    await choose(form, "Cơ quan chủ trì", "Trung tâm Phục vụ hành chính công");
    await form.getByRole("textbox", { name: "Thời gian thực hiện" }).fill("Quý I/2026");
    await form.getByRole("button", { name: "Lưu", exact: true }).click();
    await form.waitFor({ state: "detached" });
    await page.getByRole("row").filter({ hasText: taskText }).waitFor();

    const area = "Cải cách thủ tục hành chính";
    const areaTarget = page.getByTestId("area-target-procedures");
    expect(await areaTarget.innerText()).toBe("Chưa đặt điểm phấn đấu");
    await page.getByRole("button", { name: `Sửa điểm phấn đấu: ${area}` }).click();
    await page.getByRole("textbox", { name: `Điểm phấn đấu: ${area}` }).fill("9,5");
    await page.getByRole("textbox", { name: `Điểm tối đa: ${area}` }).fill("10");
    await expectNoSeriousA11yViolations(page, "the area target editor");
    await page.getByRole("button", { name: "Lưu", exact: true }).click();
    await expect.poll(() => areaTarget.innerText()).toBe("Phấn đấu đạt 9,5/10 điểm");
    await expectNoSeriousA11yViolations(page, "the draft plan");

    // Issue it through the dialog: number, date.
    await page.getByRole("button", { name: "Ban hành", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Ban hành kế hoạch" });
    await dialog.waitFor();
    await dialog.getByRole("textbox", { name: "Số kế hoạch" }).fill("20/KH-UBND");
    const issuedDate = dialog.getByRole("textbox", { name: "Ngày ban hành", exact: true });
    await issuedDate.fill("15/01/2026");
    await issuedDate.press("Escape");
    await dialog.getByRole("textbox", { name: "Số quyết định ban hành" }).fill("31/QĐ-UBND");
    await expectNoSeriousA11yViolations(page, "the issue dialog");
    await saveScreenshot(page, "plan-issue.png");
    await dialog.getByRole("button", { name: "Ban hành", exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    // Read-only now, with its number, decision number and date in the header.
    await page.getByText("Đã ban hành", { exact: true }).first().waitFor();
    await page.getByText("20/KH-UBND", { exact: true }).waitFor();
    await page.getByText("31/QĐ-UBND", { exact: true }).waitFor();
    await page.getByText("15/01/2026", { exact: true }).waitFor();
    expect(await page.getByRole("button", { name: "Thêm nhiệm vụ" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Ban hành", exact: true }).count()).toBe(0);
    expect(await page.getByRole("button", { name: `Sửa điểm phấn đấu: ${area}` }).count()).toBe(0);
    expect(await areaTarget.innerText()).toBe("Phấn đấu đạt 9,5/10 điểm");
    const row = page.getByRole("row").filter({ hasText: taskText });
    expect(await row.getByRole("button", { name: `Sửa nhiệm vụ: ${taskText}` }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page, "the issued plan");
    await saveScreenshot(page, "plan-issued.png");
  });
});
