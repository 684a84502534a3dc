/**
 * Browser journey of the last tables on a phone (390 px) and a laptop (1366 px): the unit's
 * dashboard (the QĐ 766 table), the upper level's comparison of its units, the procedure catalogue
 * and a procedure's required-documents editor read as cards on a phone — nothing scrolls sideways,
 * neither the page nor a table's region — and as their tables, every column inside its region, at
 * 1366 px. The documents editor is a card form on a phone whose every input still works: what is
 * typed there is saved.
 *
 * The province, its ward, the desk, a procedure and the staff are the file's own (test factories).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  sidewaysOverflow,
  switchUser,
  type Browser,
  chooseOption,
} from "./support/browser.ts";
import { apiSession, startAppWithPage, stopAppAndBrowser, type App } from "./support/setup.ts";
import type { Executor } from "../src/server/db/database.ts";
import { makeProcedure } from "../test/support/factories.ts";
import { makeWardTeam } from "../test/support/plan-fixtures.ts";

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 900 };
const PERIOD = "period=custom&from=2026-03-01&to=2026-03-31";

async function makeWorld(db: Executor) {
  const team = await makeWardTeam(db, ["reviewer", "focal", "clerk"], {
    desk: true,
    provinceName: "Tỉnh Thử Bảng Cuối",
    wardName: "Phường Thử Bảng Cuối",
  });
  const procedure = await makeProcedure(db, team.ward, {
    name: "Đăng ký khai sinh (thử thẻ giấy tờ)",
  });
  return { ...team, procedure };
}

let app: App;
let browser: Browser;
let page: Page;
let world: Awaited<ReturnType<typeof makeWorld>>;
const consoleProblems: string[] = [];

beforeAll(async () => {
  ({ app, browser, page, world } = await startAppWithPage(30_000, makeWorld));
  page.on("console", (message) => {
    if (message.type() === "warning" || message.type() === "error") {
      consoleProblems.push(`${message.type()}: ${message.text()}`);
    }
  });
});
afterAll(() => stopAppAndBrowser(browser, app));

/** A list read as cards: the list of that name, its first card's labels, no table, nothing wider. */
async function expectCards(name: string, labels: string[]) {
  const list = page.getByRole("list", { name, exact: true });
  await list.getByRole("listitem").first().waitFor();
  await expect
    .poll(() => list.getByRole("listitem").first().locator("dt").allInnerTexts())
    .toEqual(expect.arrayContaining(labels));
  expect(await page.getByRole("table", { name, exact: true }).count()).toBe(0);
  await expect.poll(() => sidewaysOverflow(page), { message: `sideways: ${name}` }).toBe(0);
}

/** The same list at 1366 px: its table with every header, no column beyond its region. */
async function expectTable(name: string, headers: string[]) {
  const table = page.getByRole("table", { name, exact: true });
  await table.waitFor();
  expect(await table.locator("thead th").allInnerTexts()).toEqual(expect.arrayContaining(headers));
  expect(await page.getByRole("list", { name, exact: true }).count()).toBe(0);
  await expect.poll(() => sidewaysOverflow(page), { message: `cut at 1366 px: ${name}` }).toBe(0);
}

describe("the last tables on a phone", () => {
  it("the unit's dashboard: the QĐ 766 table as cards at 390 px, its table at 1366 px", async () => {
    await switchUser(page, app.url, world.users.focal);
    await page.setViewportSize(PHONE);
    await page.goto(`${app.url}/bang-dieu-khien?unitId=${world.ward.id}&${PERIOD}`);
    await page.getByTestId("index-766-total").waitFor();
    const name = "Điểm từng nhóm và từng chỉ tiêu QĐ 766";
    await expectCards(name, ["Điểm", "Tối đa"]);
    // The points the dashboard test reads are still there, on a card.
    await page.getByTestId("points-ON_TIME").waitFor();
    await expectNoSeriousA11yViolations(page, "the unit's dashboard at 390 px");
    await saveScreenshot(page, "phone-lists-forms/dashboard-390.png");
    await page.setViewportSize(LAPTOP);
    await expectTable(name, ["Điểm", "Tối đa"]);
    await page.getByTestId("index-766-table").waitFor();
    await saveScreenshot(page, "phone-lists-forms/dashboard-1366.png");
  });

  it("the units below: cards sorted with a select at 390 px, the sortable table at 1366 px", async () => {
    await switchUser(page, app.url, world.users.reviewer);
    await page.setViewportSize(PHONE);
    await page.goto(
      `${app.url}/bang-dieu-khien/don-vi-truc-thuoc?unitId=${world.province.id}&${PERIOD}`,
    );
    const name = "Các đơn vị trực thuộc";
    await expectCards(name, ["Cần xử lý", "Tỷ lệ đúng hạn", "Quá hạn", "Điểm QĐ 766"]);
    const cards = page.getByRole("list", { name, exact: true }).getByRole("listitem");
    // The ward's card first, the province's total last.
    expect(await cards.locator(".cchc-card-title").allInnerTexts()).toEqual([
      world.ward.name,
      "Tổng của đơn vị",
    ]);
    await page.getByRole("combobox", { name: "Sắp xếp theo" }).waitFor();
    await expectNoSeriousA11yViolations(page, "the units below at 390 px");
    await saveScreenshot(page, "phone-lists-forms/units-390.png");
    await page.setViewportSize(LAPTOP);
    await expectTable(name, ["Đơn vị", "Cần xử lý", "Tỷ lệ đúng hạn", "Điểm QĐ 766"]);
    await page.getByTestId("units-table").waitFor();
    await saveScreenshot(page, "phone-lists-forms/units-1366.png");
  });

  it("the catalogue as cards, and a procedure's documents as a card form that saves what is typed", async () => {
    await switchUser(page, app.url, world.users.clerk);
    await page.setViewportSize(PHONE);
    await page.goto(`${app.url}/mot-cua/thu-tuc`);
    await expectCards("Danh mục thủ tục hành chính", ["Lĩnh vực", "Thành phần hồ sơ"]);
    await page
      .getByRole("button", {
        name: `Chưa khai báo — thành phần hồ sơ thủ tục ${world.procedure.code}`,
      })
      .click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Thêm giấy tờ" }).click();
    await dialog.getByRole("button", { name: "Thêm giấy tờ" }).click();
    const cards = dialog.getByRole("list").getByRole("listitem");
    await expect.poll(() => cards.count()).toBe(2);
    await dialog.getByRole("textbox", { name: "Tên giấy tờ 1" }).fill("Tờ khai đăng ký khai sinh");
    await dialog.getByRole("textbox", { name: "Tên giấy tờ 2" }).fill("Giấy chứng sinh");
    await dialog.getByRole("textbox", { name: "Số bản 2" }).fill("2");
    await dialog.getByRole("checkbox", { name: "Bắt buộc 2" }).uncheck();
    await chooseOption(page, dialog.getByRole("combobox", { name: "Hình thức 2" }), "Bản sao");
    expect(await dialog.getByRole("table").count()).toBe(0);
    await expect.poll(() => sidewaysOverflow(page)).toBe(0);
    // Nothing in the dialog is wider than the dialog.
    expect(
      await dialog.evaluate((element) => {
        const body = element.querySelector<HTMLElement>(".mantine-Modal-body") ?? element;
        return body.scrollWidth - body.clientWidth;
      }),
    ).toBe(0);
    await expectNoSeriousA11yViolations(page, "the documents card form at 390 px");
    await saveScreenshot(page, "phone-lists-forms/documents-390.png");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await dialog.waitFor({ state: "detached" });
    const clerk = await apiSession(page, app.url);
    const list = (await clerk.get(`/api/procedures?unitId=${world.ward.id}`)).data as {
      code: string;
      documents: { name: string; form: string; copies: number; required: boolean }[];
    }[];
    expect(list.find((p) => p.code === world.procedure.code)?.documents).toEqual([
      expect.objectContaining({ name: "Tờ khai đăng ký khai sinh", copies: 1, required: true }),
      expect.objectContaining({ name: "Giấy chứng sinh", copies: 2, required: false }),
    ]);
    await page.setViewportSize(LAPTOP);
    await expectTable("Danh mục thủ tục hành chính", [
      "Mã TTHC",
      "Tên thủ tục",
      "Thành phần hồ sơ",
    ]);
    await saveScreenshot(page, "phone-lists-forms/procedures-1366.png");
  });

  it("no React warning on the pages visited", () => {
    expect(consoleProblems.filter((m) => /key|Warning|act\(/.test(m))).toEqual([]);
  });
});
