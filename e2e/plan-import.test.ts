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
import { makeAgency, makeUnit, makeUser } from "../test/support/factories.ts";
import { makeWardTeam } from "../test/support/plan-fixtures.ts";

/**
 * The ward the synthetic sample names (Xã Hòa Phong) with its agencies and its focal officer, and
 * a neighbouring Xã Thủy An whose plan an officer serving both wards imports.
 */
async function focalWard(db: Executor) {
  const team = await makeWardTeam(db, ["focal"], {
    withLandOffice: true,
    wardName: "Xã Hòa Phong",
  });
  const thuyAn = await makeUnit(db, {
    parent: team.province,
    name: "Xã Thủy An",
    kind: "xa",
    validFrom: "2025-07-01",
  });
  await makeAgency(db, thuyAn, { name: "Tư pháp - Hộ tịch" });
  const bothWards = await makeUser(db, {
    unit: team.ward,
    role: "focal_officer",
    moreGrants: [{ role: "focal_officer", unit: thuyAn }],
  });
  return { ...team, thuyAn, bothWards };
}

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

      // The header names Xã Thủy An: the officer of Xã Hòa Phong alone is warned and offered
      // only their own unit; saving waits for the choice.
      const warning = page.getByTestId("unit-mismatch");
      await warning
        .getByText(
          "Văn bản do “ỦY BAN NHÂN DÂN XÃ THUỶ AN” ban hành, nhưng bạn đang nhập cho “Xã Hòa Phong”. Kế hoạch này thuộc đơn vị nào?",
        )
        .waitFor();
      expect(await warning.getByRole("radio").count()).toBe(1);
      await warning.getByText(/không có quyền lập kế hoạch cho đơn vị ghi trên văn bản/).waitFor();
      expect(await page.getByRole("button", { name: "Lưu thành kế hoạch" }).isDisabled()).toBe(
        true,
      );

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

describe("plan import of another unit's plan", () => {
  it("warns, names both units and saves the plan into the unit the user chose", async () => {
    await browser.context.clearCookies();
    const page = await newPage(browser, 30_000);
    try {
      await signInAndWait(page, app.url, world.bothWards);
      await page.goto(`${app.url}/ke-hoach/nhap`);
      await page.getByRole("heading", { name: "Nhập kế hoạch từ văn bản", level: 1 }).waitFor();
      await page
        .getByRole("textbox", { name: /dán nội dung/i })
        .fill(readFileSync(OWN_PLAN, "utf8"));
      await page.getByRole("button", { name: "Đọc kế hoạch" }).click();
      await page.getByRole("heading", { name: "Văn bản gốc" }).waitFor();

      const warning = page.getByTestId("unit-mismatch");
      await warning.getByText("Văn bản ghi đơn vị khác đơn vị đang nhập").waitFor();
      await warning.getByText(/“ỦY BAN NHÂN DÂN XÃ THUỶ AN” ban hành/).waitFor();
      const save = page.getByRole("button", { name: "Lưu thành kế hoạch" });
      expect(await save.isDisabled()).toBe(true);
      await expectNoSeriousA11yViolations(page, "the unit mismatch warning");
      for (const [width, height, name] of [
        [1366, 900, "plan-import-unit-mismatch-1366.png"],
        [390, 844, "plan-import-unit-mismatch-390.png"],
      ] as const) {
        await page.setViewportSize({ width, height });
        // Polled, as in every-page: the review is laid out again after the resize.
        await expect
          .poll(
            () =>
              page.evaluate(
                () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
              ),
            { message: `sideways overflow of the import review at ${width} px`, timeout: 10_000 },
          )
          .toBe(0);
        const box = await warning.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        await saveScreenshot(page, name);
      }
      await page.setViewportSize({ width: 1366, height: 900 });

      await warning.getByRole("radio", { name: "Xã Thủy An (đơn vị ghi trên văn bản)" }).check();
      await warning.getByRole("button", { name: "Xác nhận đơn vị" }).click();
      await page.getByText("Đã xác nhận: kế hoạch thuộc “Xã Thủy An”.").waitFor();
      await page.getByText("Đơn vị của kế hoạch: Xã Thủy An").waitFor();
      expect(await warning.count()).toBe(0);
      // Read again for Xã Thủy An: its own agency is the lead the duties suggest.
      await page
        .getByTestId("lead-suggestion")
        .first()
        .getByText("gợi ý chủ trì: Tư pháp - Hộ tịch")
        .waitFor();
      await saveScreenshot(page, "plan-import-unit-chosen.png");

      await save.click();
      await page
        .getByRole("heading", { name: "Cải cách hành chính xã Thủy An năm 2026", level: 1 })
        .waitFor();
      await page.getByText("Xã Thủy An").first().waitFor();
    } catch (error) {
      await saveScreenshot(page, "plan-import-unit-failure.png");
      throw error;
    } finally {
      await page.close();
    }
  });
});
