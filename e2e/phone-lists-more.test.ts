/**
 * Browser journey of the remaining lists on a phone (390 px) and on a laptop (1366 px): a
 * scorecard's areas and criteria, the ranking, the reports board's units overview, roll-up and
 * report kinds, a report's figures, the SIPAS trend and the admin units list read as cards on a
 * phone (nothing scrolls sideways, each value with its column's label) and as their tables,
 * with every header, at 1366 px. The "Thêm thủ tục" dialog takes the procedure's documents.
 *
 * The province, its ward and their staff are the file's own (test factories). Dates are fixed:
 * the scorecard and the reports are of 2026, the SIPAS forms of January–February 2026.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  switchUser,
  type Browser,
  sidewaysOverflow,
  chooseOption,
} from "./support/browser.ts";
import { apiSession, startAppWithPage, stopAppAndBrowser, type App } from "./support/setup.ts";
import { makeWardTeam } from "../test/support/plan-fixtures.ts";
import type { Executor } from "../src/server/db/database.ts";
import type { MadeUser } from "../test/support/factories.ts";

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 900 };
const KIND = "Báo cáo CCHC quý (thử danh sách)";

const makeWorld = (db: Executor) =>
  makeWardTeam(db, ["admin", "reviewer", "focal", "clerk"], {
    desk: true,
    provinceName: "Tỉnh Thử Danh Sách",
    wardName: "Phường Thử Danh Sách",
  });

let app: App;
let browser: Browser;
let page: Page;
let world: Awaited<ReturnType<typeof makeWorld>>;
/** Console warnings and errors of the pages visited. */
const consoleProblems: string[] = [];

beforeAll(async () => {
  ({ app, browser, page, world } = await startAppWithPage(20_000, makeWorld));
  page.on("console", (message) => {
    if (message.type() === "warning" || message.type() === "error") {
      consoleProblems.push(`${message.type()}: ${message.text()}`);
    }
  });
});
afterAll(() => stopAppAndBrowser(browser, app));

const signInAs = (user: MadeUser) => switchUser(page, app.url, user);
const api = () => apiSession(page, app.url);

/** A list read as cards on a phone: no table of that name, its first card labelled, nothing wider. */
async function expectCards(listName: string, labels: string[]) {
  const list = page.getByRole("list", { name: listName, exact: true });
  await list.getByRole("listitem").first().waitFor();
  // The list may be drawn again once its data settles: read its first card's labels until they show.
  await expect
    .poll(() => list.getByRole("listitem").first().locator("dt").allInnerTexts())
    .toEqual(expect.arrayContaining(labels));
  expect(await page.getByRole("table", { name: listName, exact: true }).count()).toBe(0);
  expect(await sidewaysOverflow(page), `sideways scrolling of ${listName}`).toBe(0);
}

/** The same list at 1366 px: its table again, with every header, and no card list. */
async function expectTable(listName: string, headers: string[]) {
  const table = page.getByRole("table", { name: listName, exact: true });
  await table.waitFor();
  expect(await table.locator("thead th").allInnerTexts()).toEqual(expect.arrayContaining(headers));
  expect(await page.getByRole("list", { name: listName, exact: true }).count()).toBe(0);
  // Nothing cut: the page does not scroll sideways, and no column lies beyond the table's region.
  // Polled: right after the viewport changes, the page's charts and cards are still re-laid out.
  await expect
    .poll(() =>
      page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    )
    .toBe(0);
  await expect
    .poll(
      () =>
        table.evaluate((element) => {
          const region = element.closest('[role="region"]') ?? element.parentElement!;
          return region.scrollWidth - region.clientWidth;
        }),
      { message: `columns of ${listName} beyond its region at 1366 px` },
    )
    .toBe(0);
}

describe("more lists on a phone", () => {
  let scorecardId = "";

  it("a scorecard's areas and criteria, and the ranking: cards at 390 px, tables at 1366 px", async () => {
    await signInAs(world.users.reviewer);
    const province = await api();
    const template = await province.get("/api/scorecard-templates/par-commune");
    const imported = await province.post("/api/methodologies/import", {
      unitId: world.province.id,
      level: "commune",
      document: template,
    });
    await province.post(`/api/methodologies/${imported.data.id}/publish`, {});
    await signInAs(world.users.focal);
    const ward = await api();
    const opened = await ward.post("/api/scorecards", { unitId: world.ward.id, year: 2026 });
    scorecardId = opened.data.id;

    await page.setViewportSize(PHONE);
    await page.goto(`${app.url}/chi-so/phieu-cham/${scorecardId}`);
    await page
      .getByRole("heading", { level: 1, name: /^Phiếu chấm điểm Chỉ số CCHC năm 2026/ })
      .waitFor();
    await expectCards("Điểm theo lĩnh vực", [
      "Tối đa",
      "Tự chấm",
      "Thẩm định",
      "Chỉ tiêu kế hoạch",
    ]);
    await expectCards("Bảng tiêu chí và điểm", ["Tối đa", "Tự chấm", "Thẩm định"]);
    // A leaf criterion's card: headed by its code, its edit button below.
    const criteria = page.getByRole("list", { name: "Bảng tiêu chí và điểm", exact: true });
    const firstEdit = criteria.getByRole("button", { name: /^Chấm / }).first();
    await firstEdit.waitFor();
    const code = (await firstEdit.getAttribute("aria-label"))!.replace(/^Chấm /, "");
    const leafCard = criteria
      .getByRole("listitem")
      .filter({ has: page.getByRole("button", { name: `Chấm ${code}`, exact: true }) });
    expect(await leafCard.locator(".cchc-card-title").innerText()).toMatch(
      new RegExp(`^${code.replace(/\./g, "\\.")}\\. `),
    );
    await expectNoSeriousA11yViolations(page, "a scorecard at 390 px");
    await saveScreenshot(page, "phone-lists-more/scorecard-390.png");
    await page.setViewportSize(LAPTOP);
    await expectTable("Điểm theo lĩnh vực", [
      "Lĩnh vực/Tiêu chí",
      "Tối đa",
      "Tự chấm",
      "Thẩm định",
      "Chỉ tiêu kế hoạch",
    ]);
    await expectTable("Bảng tiêu chí và điểm", [
      "TT",
      "Lĩnh vực/Tiêu chí",
      "Tối đa",
      "Tự chấm",
      "Thẩm định",
      "Tài liệu kiểm chứng",
    ]);
    await saveScreenshot(page, "phone-lists-more/scorecard-1366.png");

    await signInAs(world.users.reviewer);
    await page.setViewportSize(PHONE);
    await page.goto(`${app.url}/chi-so/xep-hang`);
    const year = page.getByRole("textbox", { name: "Năm" });
    await year.fill("2026");
    await year.blur();
    await expectCards("Bảng xếp hạng", ["Hạng", "Chỉ số (%)", "Xếp loại"]);
    const wardCard = page
      .getByRole("list", { name: "Bảng xếp hạng", exact: true })
      .getByRole("listitem")
      .filter({ hasText: world.ward.name });
    expect(await wardCard.locator(".cchc-card-title").innerText()).toBe(world.ward.name);
    await expectNoSeriousA11yViolations(page, "the ranking at 390 px");
    await saveScreenshot(page, "phone-lists-more/ranking-390.png");
    await page.setViewportSize(LAPTOP);
    await expectTable("Bảng xếp hạng", ["Hạng", "Đơn vị", "Chỉ số (%)", "Xếp loại"]);
    await saveScreenshot(page, "phone-lists-more/ranking-1366.png");
  });

  it("the reports board: units overview, roll-up and kinds", async () => {
    await signInAs(world.users.reviewer);
    const reviewer = await api();
    const kind = await reviewer.post(`/api/report-kinds?unitId=${world.province.id}`, {
      name: KIND,
      periodKind: "quarterly",
      dueText: "trước ngày 15 tháng cuối quý",
      publish: true,
    });
    await signInAs(world.users.focal);
    const focal = await api();
    const report = await focal.post(`/api/reports?unitId=${world.ward.id}`, {
      kindId: kind.data.id,
      periodKey: "2026-Q1",
    });
    await focal.post(`/api/reports/${report.data.id}/submit`, {});

    await signInAs(world.users.reviewer);
    await page.setViewportSize(PHONE);
    await page.goto(`${app.url}/bao-cao?nam=2026`);
    await page.getByRole("heading", { name: "Báo cáo định kỳ", level: 1 }).waitFor();
    await expectCards("Loại báo cáo đơn vị ban hành cho cấp dưới", ["Kỳ", "Hạn nộp trong năm"]);
    const choice = page.getByRole("combobox", { name: "Loại báo cáo và kỳ", exact: true });
    await chooseOption(page, choice, `${KIND} — Quý I/2026`);
    await page.getByRole("listbox").waitFor({ state: "hidden" });
    await expectCards("Tổng quan các đơn vị trực thuộc", ["Tình trạng", "Lần gửi"]);
    const unitCard = page
      .getByRole("list", { name: "Tổng quan các đơn vị trực thuộc", exact: true })
      .getByRole("listitem")
      .filter({ hasText: world.ward.name });
    expect(
      await unitCard.getByRole("link", { name: world.ward.name, exact: true }).getAttribute("href"),
    ).toBe(`/bao-cao/${report.data.id}`);
    await expectCards("Theo đơn vị", ["Lần gửi", "Tình trạng", "Nhiệm vụ", "Hồ sơ đúng hạn"]);
    await expectCards("Nhiệm vụ theo lĩnh vực", ["Tổng số"]);
    await expectNoSeriousA11yViolations(page, "the reports board at 390 px");
    await saveScreenshot(page, "phone-lists-more/reports-board-390.png");
    await page.setViewportSize(LAPTOP);
    await expectTable("Tổng quan các đơn vị trực thuộc", ["Đơn vị", "Tình trạng", "Lần gửi"]);
    await expectTable("Theo đơn vị", [
      "Đơn vị",
      "Lần gửi",
      "Tình trạng",
      "Nhiệm vụ",
      "Quá hạn",
      "Hồ sơ đúng hạn",
      "Chỉ số CCHC tự chấm",
    ]);
    await expectTable("Nhiệm vụ theo lĩnh vực", ["Lĩnh vực", "Tổng số"]);
    await expectTable("Loại báo cáo đơn vị ban hành cho cấp dưới", [
      "Tên báo cáo",
      "Kỳ",
      "Hạn nộp trong năm",
    ]);
    await saveScreenshot(page, "phone-lists-more/reports-board-1366.png");
  });

  it("the SIPAS trend: cards at 390 px, its table at 1366 px", async () => {
    await signInAs(world.users.clerk);
    const clerk = await api();
    // January 2026: 3 forms; February 2026: 2 forms (both small samples).
    for (const answeredOn of [
      "2026-01-12",
      "2026-01-13",
      "2026-01-14",
      "2026-02-10",
      "2026-02-11",
    ]) {
      await clerk.post(`/api/sipas/responses?unitId=${world.ward.id}`, {
        answeredOn,
        answers: { "15": 5, "1": 4 },
      });
    }
    await page.setViewportSize(PHONE);
    await page.goto(`${app.url}/khao-sat?don-vi=${world.ward.id}&tu=2026-01-01&den=2026-02-28`);
    await page.getByRole("heading", { name: "Khảo sát sự hài lòng (SIPAS)", level: 1 }).waitFor();
    await expectCards("Khảo sát sự hài lòng (SIPAS)", ["Tỷ lệ hài lòng", "Số phiếu"]);
    await expectCards("Diễn biến theo kỳ", ["Số phiếu"]);
    const cards = page
      .getByRole("list", { name: "Diễn biến theo kỳ", exact: true })
      .getByRole("listitem");
    expect(await cards.locator(".cchc-card-title").allInnerTexts()).toEqual([
      "Tháng 01/2026",
      "Tháng 02/2026",
    ]);
    await expectNoSeriousA11yViolations(page, "the SIPAS page at 390 px");
    await saveScreenshot(page, "phone-lists-more/sipas-390.png");
    await page.setViewportSize(LAPTOP);
    await expectTable("Diễn biến theo kỳ", ["Số phiếu"]);
    await expectTable("Khảo sát sự hài lòng (SIPAS)", ["Câu hỏi", "Tỷ lệ hài lòng", "Số phiếu"]);
    await saveScreenshot(page, "phone-lists-more/sipas-1366.png");
  });

  it("the admin units list is cards at 390 px, its table at 1366 px", async () => {
    await signInAs(world.users.admin);
    await page.setViewportSize(PHONE);
    await page.goto(`${app.url}/quan-tri/don-vi`);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    const card = page
      .getByRole("list", { name: "Đơn vị hành chính", exact: true })
      .getByRole("listitem")
      .filter({ hasText: world.ward.name });
    await card.waitFor();
    await expectCards("Đơn vị hành chính", ["Mã", "Cấp", "Trạng thái"]);
    expect(await card.innerText()).toContain(world.province.name);
    await card.getByRole("button", { name: new RegExp(world.ward.name) }).waitFor();
    await expectNoSeriousA11yViolations(page, "the units list at 390 px");
    await saveScreenshot(page, "phone-lists-more/units-390.png");
    await page.setViewportSize(LAPTOP);
    await expectTable("Đơn vị hành chính", ["Mã", "Cấp", "Trạng thái"]);
    await saveScreenshot(page, "phone-lists-more/units-1366.png");
  });

  it("no React warning on the pages visited", () => {
    expect(consoleProblems.filter((m) => /key|Warning|act\(/.test(m))).toEqual([]);
  });
});

describe("the procedure catalogue", () => {
  it("'Thêm thủ tục' takes the procedure's required documents, saved with it", async () => {
    await signInAs(world.users.clerk);
    await page.setViewportSize(LAPTOP);
    await page.goto(`${app.url}/mot-cua/thu-tuc`);
    await page.getByRole("button", { name: "Thêm thủ tục" }).click();
    const dialog = page.getByRole("dialog", { name: "Thêm thủ tục" });
    await dialog.getByRole("textbox", { name: /^Mã TTHC/ }).fill("9.900001");
    await dialog.getByRole("textbox", { name: /^Tên thủ tục/ }).fill("Thủ tục thử có giấy tờ");
    await dialog.getByRole("textbox", { name: /^Lĩnh vực/ }).fill("Hộ tịch");
    await dialog.getByRole("button", { name: "Thêm giấy tờ" }).click();
    await dialog.getByRole("textbox", { name: "Tên giấy tờ 1" }).fill("Tờ khai đăng ký");
    await dialog.getByRole("button", { name: "Thêm giấy tờ" }).click();
    await dialog.getByRole("textbox", { name: "Tên giấy tờ 2" }).fill("Giấy chứng sinh");
    await dialog.getByRole("textbox", { name: "Số bản 2" }).fill("2");
    await expectNoSeriousA11yViolations(page, "the new procedure dialog with documents");
    await saveScreenshot(page, "phone-lists-more/procedure-create-documents.png");
    // A code the catalogue cannot have is refused with its rule at the field, nothing else lost.
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await dialog.getByText("Mã thủ tục phải có dạng 1.001234.").first().waitFor();
    expect(
      await dialog.getByRole("textbox", { name: /^Mã TTHC/ }).getAttribute("aria-invalid"),
    ).toBe("true");
    expect(await dialog.getByRole("textbox", { name: "Tên giấy tờ 2" }).inputValue()).toBe(
      "Giấy chứng sinh",
    );
    await dialog.getByRole("textbox", { name: /^Mã TTHC/ }).fill("1.900001");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await dialog.waitFor({ state: "detached" });
    const clerk = await api();
    const made = await expect
      .poll(async () => {
        const list = (await clerk.get(`/api/procedures?unitId=${world.ward.id}`)).data as {
          code: string;
          documents: { name: string; copies: number; required: boolean }[];
        }[];
        return list.find((p) => p.code === "1.900001");
      })
      .toBeDefined()
      .then(async () =>
        (
          (await clerk.get(`/api/procedures?unitId=${world.ward.id}`)).data as {
            code: string;
            documents: { name: string; copies: number; required: boolean }[];
          }[]
        ).find((p) => p.code === "1.900001"),
      )
      .catch(async (error) => {
        throw new Error(`not saved; the dialog says: ${await dialog.innerText()} (${error})`);
      });
    expect(made?.documents).toEqual([
      expect.objectContaining({ name: "Tờ khai đăng ký", copies: 1, required: true }),
      expect.objectContaining({ name: "Giấy chứng sinh", copies: 2, required: true }),
    ]);
  });
});
