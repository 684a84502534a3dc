/**
 * Browser test of PAR scorecards against the real built app on the file's own world
 * (e2e/support/worlds/plans.ts: a province and its ward with their issued 2026 plans, made with
 * the test factories before the server starts): the province's reviewer (Sở Nội vụ) publishes
 * the commune PAR methodology for 2026; the focal officer of the ward opens the ward's scorecard under Chỉ số, self-scores a leaf with a linked
 * evidence file and an explanation, and submits; the province's reviewer appraises that leaf with
 * a note (both scores shown), completes the appraisal, publishes, and finds the ward ranked.
 * On the way the officer uploads a new evidence file to the leaf from the page (a file of the wrong
 * type is refused at the field before sending, and a program disguised as a PDF by the server; in
 * both cases the score typed with it is not saved), downloads it back from the leaf, and downloads
 * the scorecard in Word from the page's button.
 *
 * The year is fixed (2026, the ward plan's year); nothing depends on today's date.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  switchUser,
  type Browser,
} from "./support/browser.ts";
import {
  apiSession,
  newPage,
  startAppAndBrowser,
  stopAppAndBrowser,
  type App,
} from "./support/setup.ts";
import { cells, openDocx, rows, tables, texts } from "../test/support/docx-xml.ts";
import {
  makePlanWorld,
  PROVINCE_NAME,
  WARD_NAME,
  WARD_PLAN,
  type PlanWorld,
} from "./support/worlds/plans.ts";
import type { Executor } from "../src/server/db/database.ts";

const YEAR = 2026;
/** The ward's name as the Word scorecard's heading prints it. */
const WARD_NAME_UPPER = "PHƯỜNG VỌNG HẢI";
const PDF = Buffer.from("%PDF-1.4\n% ke hoach CCHC\n%%EOF\n", "utf8");
const MINUTES_PDF = Buffer.from("%PDF-1.4\n% bien ban kiem tra CCHC\n%%EOF\n", "utf8");
/** A Windows program's header: refused whatever its name says. */
const PROGRAM = Buffer.concat([Buffer.from("MZ", "latin1"), Buffer.alloc(64, 0x90)]);

/** The province's reviewer, the ward's focal officer and the ward's issued plan. */
const reviewerAndFocal = (db: Executor) => makePlanWorld(db, ["reviewer", "focal"]);

let app: App;
let browser: Browser;
let world: PlanWorld<"reviewer" | "focal">;
let scorecardId: string;
beforeAll(async () => ({ app, browser, world } = await startAppAndBrowser(reviewerAndFocal)));
afterAll(() => stopAppAndBrowser(browser, app));

async function openChiSo(page: Page) {
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  await nav.getByRole("link", { name: "Chỉ số", exact: true }).click();
  await page.getByRole("heading", { name: "Chỉ số", level: 1 }).waitFor();
  await page.getByRole("heading", { name: "Phiếu chấm điểm Chỉ số CCHC", level: 2 }).waitFor();
}

const treeRow = (page: Page, code: string) =>
  page
    .getByRole("table", { name: "Bảng tiêu chí và điểm" })
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: code, exact: true }) });

describe("PAR scorecards in the browser", () => {
  it("the province publishes the commune methodology; the ward opens its 2026 scorecard", async () => {
    const page = await newPage(browser, 20_000);
    try {
      await switchUser(page, app.url, world.users.reviewer);
      const province = await apiSession(page, app.url);
      const units = (await province.get("/api/units")).data as { id: string; name: string }[];
      const provinceUnit = units.find((u) => u.name === PROVINCE_NAME);
      expect(provinceUnit).toBeDefined();
      const template = await province.get("/api/scorecard-templates/par-commune");
      const imported = await province.post("/api/methodologies/import", {
        unitId: provinceUnit!.id,
        level: "commune",
        document: template,
      });
      const published = await province.post(`/api/methodologies/${imported.data.id}/publish`, {});
      expect(published.data).toMatchObject({ year: YEAR, level: "commune" });

      // The ward's focal officer: the scorecard for the fixed year (the page's button opens the
      // current year), and a file kept as evidence on a task of the ward's 2026 plan.
      await switchUser(page, app.url, world.users.focal);
      const ward = await apiSession(page, app.url);
      const wardUnitId = world.ward.id;
      const opened = await ward.post("/api/scorecards", { unitId: wardUnitId, year: YEAR });
      scorecardId = opened.data.id;
      const plans = (await ward.get(`/api/plans?unitId=${wardUnitId}`)).data as {
        id: string;
        title: string;
      }[];
      const plan = plans.find((p) => p.title === WARD_PLAN)!;
      const tasks = (await ward.get(`/api/plans/${plan.id}`)).data.tasks as { id: string }[];
      await ward.upload(`/api/tasks/${tasks[0]!.id}/evidence`, {
        file: { name: "ke-hoach-cchc-2026.pdf", mimeType: "application/pdf", buffer: PDF },
        documentNumber: "15/KH-UBND",
      });
    } finally {
      await page.close();
    }
  });

  it("the focal officer self-scores a leaf with evidence and an explanation, and submits", async () => {
    const page = await newPage(browser, 20_000);
    try {
      await page.goto(`${app.url}/`);
      await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();
      await openChiSo(page);
      const list = page.getByRole("table", { name: "Danh sách phiếu chấm điểm" });
      const listed = list.getByRole("row").filter({ hasText: String(YEAR) });
      expect(await listed.getByRole("cell").nth(2).innerText()).toBe("Đang tự chấm");
      await listed.getByRole("link", { name: WARD_NAME }).click();
      await page
        .getByRole("heading", {
          name: `Phiếu chấm điểm Chỉ số CCHC năm ${YEAR} — ${WARD_NAME}`,
          level: 1,
        })
        .waitFor();
      expect(page.url()).toContain(`/chi-so/phieu-cham/${scorecardId}`);

      await page.getByRole("button", { name: "Chấm 1.1", exact: true }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("textbox", { name: /^Điểm \(0–2(,00)?\)$/ }).fill("2");
      await dialog
        .getByRole("textbox", { name: "Giải trình (khi thiếu tài liệu hoặc không phát sinh)" })
        .fill("Kế hoạch ban hành ngày 20/01/2026, đủ 8 lĩnh vực");
      await dialog.getByLabel("Gắn tài liệu kiểm chứng đã lưu của đơn vị").click();
      await page
        .getByRole("option", { name: "15/KH-UBND — ke-hoach-cchc-2026.pdf", exact: true })
        .click();
      // The list stays open over the save button until the official clicks elsewhere.
      await dialog.getByText("1.1. Ban hành kế hoạch CCHC năm kịp thời, đầy đủ nội dung").click();
      await dialog.getByRole("button", { name: "Lưu", exact: true }).click();
      await dialog.waitFor({ state: "detached" });

      const row = treeRow(page, "1.1");
      await expect.poll(() => row.getByRole("cell").nth(3).innerText()).toBe("2,00");
      expect(await row.getByRole("cell").nth(5).innerText()).toBe("ke-hoach-cchc-2026.pdf");
      expect(await row.innerText()).toContain(
        "Giải trình của đơn vị: Kế hoạch ban hành ngày 20/01/2026, đủ 8 lĩnh vực",
      );

      // A new evidence file uploaded to the leaf from the page, all or nothing: the score typed
      // with a refused file is not saved. Every scorecard write of the dialog is recorded.
      const writes: string[] = [];
      page.on("request", (request) => {
        if (request.method() !== "GET" && request.url().includes("/api/scorecards/")) {
          writes.push(`${request.method()} ${new URL(request.url()).pathname}`);
        }
      });
      const ward = await apiSession(page, app.url);
      const savedEntry = async () =>
        (
          (await ward.get(`/api/scorecards/${scorecardId}`)).data.entries as {
            leafCode: string;
            selfPoints: number | null;
          }[]
        ).find((e) => e.leafCode === "1.1");
      await page.getByRole("button", { name: "Chấm 1.1", exact: true }).click();
      const upload = page.getByRole("dialog");
      await upload.getByRole("textbox", { name: /^Điểm \(0–2(,00)?\)$/ }).fill("1");
      const fileInput = upload.locator('input[type="file"]');
      // A type the field does not take, by its name: said at the field, nothing sent.
      await fileInput.setInputFiles({
        name: "so-lieu.exe",
        mimeType: "application/octet-stream",
        buffer: PROGRAM,
      });
      await upload
        .getByText("Chỉ nhận tệp PDF, DOCX, XLSX, JPG, JPEG, PNG.", { exact: true })
        .waitFor();
      await upload.getByRole("button", { name: "Lưu", exact: true }).click();
      // Then a program named as a PDF: the server refuses its content, the reason shows at the
      // field, the dialog stays open, and neither the score nor the evidence changed.
      await fileInput.setInputFiles({
        name: "bien-ban-kiem-tra.pdf",
        mimeType: "application/pdf",
        buffer: PROGRAM,
      });
      await upload.getByRole("button", { name: "Lưu", exact: true }).click();
      await upload
        .getByText(
          "Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh (JPG, PNG); tệp này là tệp chương trình (.exe).",
        )
        .waitFor();
      expect(await upload.isVisible()).toBe(true);
      expect(writes).toEqual([`POST /api/scorecards/${scorecardId}/evidence/upload`]);
      expect((await savedEntry())?.selfPoints).toBe(2);
      expect(await row.getByRole("cell").nth(3).innerText()).toBe("2,00");
      expect(await row.getByRole("cell").nth(5).innerText()).toBe("ke-hoach-cchc-2026.pdf");
      await upload.getByRole("textbox", { name: /^Điểm \(0–2(,00)?\)$/ }).fill("2");

      // Then the real minutes, with their document number: listed at the leaf and downloadable.
      await fileInput.setInputFiles({
        name: "bien-ban-kiem-tra.pdf",
        mimeType: "application/pdf",
        buffer: MINUTES_PDF,
      });
      await upload
        .getByRole("textbox", { name: "Số, ký hiệu văn bản (nếu có)" })
        .fill("05/BB-UBND");
      await upload.getByRole("button", { name: "Lưu", exact: true }).click();
      await upload.waitFor({ state: "detached" });
      const minutes = row.getByRole("link", { name: "bien-ban-kiem-tra.pdf", exact: true });
      await minutes.waitFor();
      expect(await row.getByRole("cell").nth(5).innerText()).toBe(
        "ke-hoach-cchc-2026.pdf\nbien-ban-kiem-tra.pdf",
      );
      expect(await row.getByRole("cell").nth(3).innerText()).toBe("2,00");
      const [downloaded] = await Promise.all([page.waitForEvent("download"), minutes.click()]);
      expect(downloaded.suggestedFilename()).toBe("bien-ban-kiem-tra.pdf");
      expect((await readFile((await downloaded.path())!)).equals(MINUTES_PDF)).toBe(true);

      // The scorecard in Word from the page's button: the ward's name and the leaf's row.
      const [word] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Tải bản Word", exact: true }).click(),
      ]);
      expect(word.suggestedFilename()).toBe(`chi-so-cchc-${YEAR}.docx`);
      const wordBytes = await readFile((await word.path())!);
      expect(wordBytes.subarray(0, 2).toString("latin1")).toBe("PK");
      const { document } = await openDocx(wordBytes);
      expect(texts(document).join("\n")).toContain(WARD_NAME_UPPER);
      const scoreTable = tables(document)
        .map(rows)
        .find((r) => cells(r[0]!)[0] === "TT")!;
      const leafRow = scoreTable.map(cells).find((c) => c[0] === "1.1")!;
      expect(leafRow[1]).toBe("Ban hành kế hoạch CCHC năm kịp thời, đầy đủ nội dung");
      expect(leafRow[3]).toBe("2");
      expect(leafRow[5]).toContain("05/BB-UBND (bien-ban-kiem-tra.pdf)");
      expect(leafRow[5]).toContain("ke-hoach-cchc-2026.pdf");

      await expectNoSeriousA11yViolations(page, "the scorecard page (self-scoring)");
      await saveScreenshot(page, "scorecard-self-scored.png");

      await page.getByRole("button", { name: "Gửi thẩm định" }).click();
      await page.getByText("Đã gửi thẩm định", { exact: true }).waitFor();
      // Submitted: the ward can no longer change its scores.
      expect(await page.getByRole("button", { name: "Chấm 1.1", exact: true }).count()).toBe(0);
    } catch (error) {
      await saveScreenshot(page, "scorecard-self-failure.png");
      throw error;
    } finally {
      await page.close();
    }
  });

  it("the province's reviewer appraises the leaf with a note, publishes and ranks the ward", async () => {
    const page = await newPage(browser, 20_000);
    try {
      await switchUser(page, app.url, world.users.reviewer);
      await openChiSo(page);
      const list = page.getByRole("table", { name: "Danh sách phiếu chấm điểm" });
      const listed = list.getByRole("row").filter({ hasText: WARD_NAME });
      expect(await listed.getByRole("cell").nth(2).innerText()).toBe("Đã gửi thẩm định");
      await listed.getByRole("link", { name: WARD_NAME }).click();
      await page
        .getByRole("heading", {
          name: `Phiếu chấm điểm Chỉ số CCHC năm ${YEAR} — ${WARD_NAME}`,
          level: 1,
        })
        .waitFor();

      await page.getByRole("button", { name: "Thẩm định 1.1", exact: true }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("Tự chấm: 2,00", { exact: true }).waitFor();
      await dialog.getByRole("textbox", { name: /^Điểm \(0–2(,00)?\)$/ }).fill("1");
      await dialog
        .getByRole("textbox", { name: "Ý kiến thẩm định" })
        .fill("Kế hoạch ban hành chậm 10 ngày");
      await dialog.getByRole("button", { name: "Lưu", exact: true }).click();
      await dialog.waitFor({ state: "detached" });

      await page.getByRole("button", { name: "Hoàn tất thẩm định" }).click();
      await page.getByText("Đã thẩm định", { exact: true }).waitFor();
      // Both scores kept side by side, with the reviewer's note.
      const row = treeRow(page, "1.1");
      await expect.poll(() => row.getByRole("cell").nth(4).innerText()).toBe("1,00");
      expect(await row.getByRole("cell").nth(3).innerText()).toBe("2,00");
      // The reviewer reads the ward's explanation next to the scores.
      expect(await row.innerText()).toContain(
        "Giải trình của đơn vị: Kế hoạch ban hành ngày 20/01/2026, đủ 8 lĩnh vực",
      );
      expect(await row.innerText()).toContain("Ý kiến thẩm định: Kế hoạch ban hành chậm 10 ngày");
      await expectNoSeriousA11yViolations(page, "the scorecard page (appraisal)");
      await saveScreenshot(page, "scorecard-appraised.png");

      await page.getByRole("button", { name: "Công bố kết quả" }).click();
      await page.getByText("Đã công bố", { exact: true }).waitFor();
      const history = await page
        .getByRole("heading", { name: "Lịch sử", level: 2 })
        .locator("xpath=following-sibling::*[1]")
        .innerText();
      expect(history).toMatch(/Gửi thẩm định[\s\S]*Hoàn tất thẩm định[\s\S]*Công bố kết quả/);

      // The ranking of the province's units for the same fixed year.
      await openChiSo(page);
      await page.getByRole("link", { name: "Xếp hạng đơn vị trực thuộc" }).click();
      await page
        .getByRole("heading", { name: "Xếp hạng Chỉ số CCHC các đơn vị trực thuộc", level: 1 })
        .waitFor();
      await page.getByRole("textbox", { name: "Năm" }).fill(String(YEAR));
      const ranking = page.getByRole("table", { name: "Bảng xếp hạng" });
      const ranked = ranking.getByRole("row").filter({ hasText: WARD_NAME });
      await expect.poll(() => ranked.getByRole("cell").nth(0).innerText()).toBe("1");
      expect(await ranked.getByRole("cell").nth(2).innerText()).toMatch(/^\d+,\d{2}$/);
      await expectNoSeriousA11yViolations(page, "the ranking page");
      await saveScreenshot(page, "scorecard-ranking.png");
    } catch (error) {
      await saveScreenshot(page, "scorecard-review-failure.png");
      throw error;
    } finally {
      await page.close();
    }
  });
});
