/**
 * Browser test of methodology drafts: the focal officer of the file's own ward (made with the test
 * factories, with the ward's agencies) goes from the Chỉ số
 * section to the plan import, reads the synthetic plan, corrects the criteria table of its PAR
 * self-scoring appendix, saves it as a methodology draft and reads the tree with its total.
 */
import { existsSync } from "node:fs";
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

const SAMPLE = join(import.meta.dirname, "../../shared/samples/plan-hoa-phong-2026-synthetic.txt");

let app: App;
let browser: Browser;
let world: Awaited<ReturnType<typeof focalWard>>;
beforeAll(async () => ({ app, browser, world } = await startAppAndBrowser(focalWard)));
afterAll(() => stopAppAndBrowser(browser, app));

describe.skipIf(!existsSync(SAMPLE))("methodology drafts in the browser", () => {
  it("saves an imported criteria table as a methodology draft and shows its tree", async () => {
    const page = await newPage(browser, 20_000);
    try {
      await signInAndWait(page, app.url, world.users.focal);

      // Chỉ số shows the scorecards section and lists the drafts (none yet).
      const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
      await nav.getByRole("link", { name: "Chỉ số", exact: true }).click();
      await page.getByRole("heading", { name: "Chỉ số", level: 1 }).waitFor();
      await page.getByRole("heading", { name: "Phiếu chấm điểm Chỉ số CCHC", level: 2 }).waitFor();
      await page.getByText("Chưa có dự thảo bộ tiêu chí nào.").waitFor();
      await page.getByRole("link", { name: "Nhập từ văn bản" }).click();

      await page.getByRole("heading", { name: "Nhập kế hoạch từ văn bản", level: 1 }).waitFor();
      await page.locator('input[type="file"]').setInputFiles(SAMPLE);
      await page.getByRole("button", { name: "Đọc kế hoạch" }).click();
      await page.getByRole("tab", { name: "Bảng tiêu chí (10)" }).click();
      const status = page.getByRole("status").filter({ hasText: "tổng điểm tối đa" });
      expect(await status.textContent()).toBe("10 dòng, tổng điểm tối đa 23");
      await page
        .getByText("Dòng 1 (TT 1): điểm tối đa 13 khác tổng điểm tối đa các mục con (5,5).")
        .waitFor();

      // Area 1 is printed in part: the official corrects its maximum to its rows' sum.
      const areaOnePoints = page.getByRole("textbox", { name: "Điểm tối đa dòng 1", exact: true });
      await areaOnePoints.fill("5,5");
      await page.getByText("10 dòng, tổng điểm tối đa 15,5").waitFor();
      expect(await page.getByText(/^Dòng 1 \(TT 1\)/).count()).toBe(0);

      // A broken TT blocks the save until it is put right.
      const save = page.getByRole("button", { name: "Lưu thành dự thảo bộ tiêu chí" });
      const ref = page.getByRole("textbox", { name: "TT dòng 4", exact: true });
      await ref.fill("1.1.1");
      await page.getByText("Dòng 4 (TT 1.1.1): số thứ tự “1.1.1” trùng với dòng 3.").waitFor();
      expect(await save.isDisabled()).toBe(true);
      await ref.fill("1.1.2");
      await expectNoSeriousA11yViolations(page, "the criteria editor");
      await saveScreenshot(page, "methodology-criteria-editor.png");

      await page
        .getByRole("textbox", { name: "Tên bộ tiêu chí" })
        .fill("Chỉ số CCHC xã Hòa Phong năm 2026");
      await save.click();

      await page
        .getByRole("heading", { name: "Chỉ số CCHC xã Hòa Phong năm 2026", level: 1 })
        .waitFor();
      await page.waitForURL(/\/chi-so\/bo-tieu-chi\/[0-9a-f-]+$/);
      const tree = page.getByRole("table", { name: "Cây tiêu chí với điểm tối đa" });
      await tree.getByRole("cell", { name: "Mức độ thực hiện kế hoạch" }).waitFor();
      const areaOne = tree.getByRole("row").filter({ hasText: "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC" });
      expect(await areaOne.getByRole("cell").nth(3).textContent()).toBe("5,5");
      const halfPoint = tree.getByRole("row").filter({ hasText: "Công tác tuyên truyền" });
      expect(await halfPoint.getByRole("cell").nth(3).textContent()).toBe("1,5");
      const total = tree.getByRole("row").filter({ hasText: "Tổng cộng" });
      expect(await total.getByRole("cell").nth(3).textContent()).toBe("15,5");
      await page
        .getByText("Dòng 7 (TT 3): điểm tối đa 10 khác tổng điểm tối đa các mục con (3).")
        .waitFor();
      await expectNoSeriousA11yViolations(page, "the methodology page");
      await saveScreenshot(page, "methodology-detail.png");

      await page.getByRole("link", { name: "Chỉ số", exact: true }).first().click();
      await page.getByRole("heading", { name: "Chỉ số", level: 1 }).waitFor();
      const list = page.getByRole("table", { name: "Danh sách dự thảo bộ tiêu chí" });
      const listed = list.getByRole("row").filter({ hasText: "Chỉ số CCHC xã Hòa Phong năm 2026" });
      expect(await listed.getByRole("cell").nth(4).textContent()).toBe("15,5");
    } catch (error) {
      await saveScreenshot(page, "methodology-failure.png");
      throw error;
    } finally {
      await page.close();
    }
  });
});
