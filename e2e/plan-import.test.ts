/**
 * Browser test of the plan import: the focal officer of the file's own ward (made with the test
 * factories, with the ward's agencies, Tư pháp - Hộ tịch among them) uploads the synthetic
 * Word plan, reviews it beside its source, corrects a task, saves it as a plan and opens the
 * Excel update dialog; the header bell shows the notifications.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  signInAndWait,
  type Browser,
} from "./support/browser.ts";
import { newPage, startAppAndBrowser, stopAppAndBrowser, type App } from "./support/setup.ts";
import type { Executor } from "../src/server/db/database.ts";
import { makeWardTeam } from "../test/support/plan-fixtures.ts";

/** A ward with its agencies and its focal officer. */
const focalWard = (db: Executor) => makeWardTeam(db, ["focal"], { withLandOffice: true });

const SAMPLE = join(import.meta.dirname, "../../shared/samples/plan-hoa-phong-2026-synthetic.docx");

/** A plan written for this project: narrative tasks without leads and a duties section. */
const OWN_PLAN = join(
  import.meta.dirname,
  "../test/fixtures/plan-import/own/05-thuy-an-duties.txt",
);

let app: App;
let browser: Browser;
let world: Awaited<ReturnType<typeof focalWard>>;
beforeAll(async () => ({ app, browser, world } = await startAppAndBrowser(focalWard)));
afterAll(() => stopAppAndBrowser(browser, app));

describe.skipIf(!existsSync(SAMPLE))("plan import in the browser", () => {
  it("uploads a Word plan, reviews and corrects it, saves it as a plan", async () => {
    const page = await newPage(browser, 20_000);
    try {
      await signInAndWait(page, app.url, world.users.focal);
      await page.getByRole("button", { name: /^Thông báo/ }).waitFor();
      await page.goto(`${app.url}/ke-hoach`);
      await page.getByRole("link", { name: "Nhập từ văn bản" }).click();
      await page.getByRole("heading", { name: "Nhập kế hoạch từ văn bản", level: 1 }).waitFor();
      await page.locator('input[type="file"]').setInputFiles(SAMPLE);
      await page.getByRole("button", { name: "Đọc kế hoạch" }).click();
      await page.getByRole("heading", { name: "Văn bản gốc" }).waitFor();
      await page.getByRole("tab", { name: /Lĩnh vực và nhiệm vụ/ }).waitFor();
      await expectNoSeriousA11yViolations(page, "the plan import review");

      const firstTask = page.getByRole("textbox", { name: "Nội dung nhiệm vụ" }).first();
      await firstTask.fill("Ban hành Kế hoạch tuyên truyền CCHC năm 2026 (đã rà soát)");
      await page
        .getByRole("button", { name: /^Xem dòng \d+ trong văn bản gốc$/ })
        .first()
        .click();

      await page.getByRole("tab", { name: /Bảng tiêu chí/ }).click();
      await page.getByRole("textbox", { name: "Nội dung dòng 3" }).waitFor();
      await page.getByRole("tab", { name: /Cảnh báo/ }).click();
      await page
        .getByText(/Phòng Kinh tế/)
        .first()
        .waitFor();
      await saveScreenshot(page, "plan-import-review.png");

      await page.getByRole("button", { name: "Lưu thành kế hoạch" }).click();
      await page
        .getByRole("heading", { name: "Cải cách hành chính xã Hòa Phong năm 2026", level: 1 })
        .waitFor();
      await page
        .getByText("Ban hành Kế hoạch tuyên truyền CCHC năm 2026 (đã rà soát)")
        .first()
        .waitFor();

      await page.getByRole("button", { name: "Cập nhật qua Excel" }).click();
      const dialog = page.getByRole("dialog", { name: "Cập nhật nhiệm vụ qua Excel" });
      const download = dialog.getByRole("link", { name: "Tải tệp Excel nhiệm vụ" });
      expect(await download.getAttribute("href")).toMatch(/\/api\/plans\/.+\/tasks\.xlsx$/);
      await saveScreenshot(page, "task-excel-dialog.png");
    } catch (error) {
      await saveScreenshot(page, "plan-import-failure.png");
      throw error;
    } finally {
      await page.close();
    }
  });
});

describe("plan import review of what is missing", () => {
  it("shows the unplaced text with its count and offers the duties' lead without filling it", async () => {
    // The browser profile is shared with the test above, which leaves its session signed in.
    await browser.context.clearCookies();
    const page = await newPage(browser, 20_000);
    try {
      await signInAndWait(page, app.url, world.users.focal);
      await page.goto(`${app.url}/ke-hoach/nhap`);
      await page.getByRole("heading", { name: "Nhập kế hoạch từ văn bản", level: 1 }).waitFor();
      await page
        .getByRole("textbox", { name: /dán nội dung/i })
        .fill(readFileSync(OWN_PLAN, "utf8"));
      await page.getByRole("button", { name: "Đọc kế hoạch" }).click();
      await page.getByRole("heading", { name: "Văn bản gốc" }).waitFor();
      await page.getByText(/1 đoạn chưa đưa vào/).waitFor();

      const suggestion = page.getByTestId("lead-suggestion").first();
      await suggestion.getByText("gợi ý chủ trì: Tư pháp - Hộ tịch").waitFor();
      const lead = page.getByLabel("Cơ quan chủ trì", { exact: true }).first();
      expect(await lead.inputValue()).toBe("");
      await suggestion.getByRole("button", { name: "Áp dụng" }).click();
      expect(await lead.inputValue()).toBe("Tư pháp - Hộ tịch");

      await page.getByRole("tab", { name: /Chưa đưa vào/ }).click();
      await page
        .getByTestId("unplaced-item")
        .getByText("Trên đây là Kế hoạch cải cách hành chính năm 2026 của UBND xã Thủy An.")
        .waitFor();
      await expectNoSeriousA11yViolations(page, "the unplaced list");
      await saveScreenshot(page, "plan-import-unplaced.png");
    } catch (error) {
      await saveScreenshot(page, "plan-import-unplaced-failure.png");
      throw error;
    } finally {
      await page.close();
    }
  });
});
