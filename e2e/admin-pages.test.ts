/**
 * Browser journeys through the administration pages (Cơ quan, Người dùng, Nhật ký hệ thống)
 * against the real app and a fresh database, with axe-core on each page. The province, its ward
 * (named Phường Bãi Cháy), the province's administrator and the ward's leader are the file's own,
 * made with the test factories.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  chooseOption,
  expectNoSeriousA11yViolations,
  saveScreenshot,
  signIn,
  signInAndWait,
  signOut,
  type Browser,
} from "./support/browser.ts";
import { startAppWithPage, stopAppAndBrowser, type App } from "./support/setup.ts";
import { makeWardTeam, type WardTeam } from "../test/support/plan-fixtures.ts";

let app: App;
let browser: Browser;
let page: Page;
let world: WardTeam<"admin" | "leader">;
/** The mark of what this file adds (a fresh database each run, so a fixed one). */
const suffix = "260310";

beforeAll(async () => {
  ({ app, browser, page, world } = await startAppWithPage(30_000, (db) =>
    makeWardTeam(db, ["admin", "leader"], { wardName: "Phường Bãi Cháy" }),
  ));
  await signInAndWait(page, app.url, world.users.admin);
});
afterAll(() => stopAppAndBrowser(browser, app));

/** Pick an option of a Mantine Select by typing part of its label. */
async function choose(scope: Page | ReturnType<Page["getByRole"]>, label: string, option: string) {
  const combobox = scope.getByRole("combobox", { name: label, exact: true });
  await chooseOption(page, combobox, new RegExp(option), option);
}

describe("administration pages", () => {
  it("imports units from a CSV file, listing the rows in error", async () => {
    await page.goto(`${app.url}/quan-tri/don-vi`);
    await page.getByRole("heading", { name: "Đơn vị hành chính", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Nhập từ tệp" }).click();
    const dialog = page.getByRole("dialog", { name: "Nhập danh sách đơn vị từ tệp" });
    const fileInput = dialog.locator('input[type="file"]');
    const submit = dialog.getByRole("button", { name: "Nhập dữ liệu" });

    const parent = world.province.code;
    const badCsv = `code,name,level,parent_code\nNK${suffix},Xã Nhập Khẩu ${suffix},xa,${parent}\n,Thiếu mã,xa,${parent}\n`;
    await fileInput.setInputFiles({
      name: "don-vi-loi.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(badCsv, "utf8"),
    });
    await submit.click();
    const problems = dialog.getByRole("table", { name: "Các dòng có lỗi" });
    await problems.waitFor();
    expect(await dialog.getByRole("alert").innerText()).toContain("chưa có dữ liệu nào được lưu");
    await expectNoSeriousA11yViolations(page, "the unit import errors");
    await saveScreenshot(page, "unit-import-errors.png");

    const goodCsv = `code,name,level,parent_code,valid_from\nNK${suffix},Xã Nhập Khẩu ${suffix},xa,${parent},01/07/2025\n`;
    await fileInput.setInputFiles({
      name: "don-vi.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(goodCsv, "utf8"),
    });
    await submit.click();
    const result = dialog.getByTestId("import-result");
    await result.waitFor();
    expect(await result.innerText()).toContain("thêm mới 1");
    await dialog.getByRole("button", { name: "Đóng", exact: true }).last().click();
    await page.getByRole("textbox", { name: "Tìm đơn vị" }).fill(`Nhập Khẩu ${suffix}`);
    const row = page
      .getByTestId("units-table")
      .getByRole("row")
      .filter({ hasText: `NK${suffix}` });
    await row.waitFor();

    // Edit it: an end of validity typed as dd/mm/yyyy.
    await row.getByRole("button", { name: `Sửa đơn vị Xã Nhập Khẩu ${suffix}` }).click();
    const edit = page.getByRole("dialog");
    const validTo = edit.getByRole("textbox", { name: "Hiệu lực đến", exact: true });
    await validTo.fill("31/12/2030");
    await validTo.press("Escape");
    await edit.getByRole("button", { name: "Lưu", exact: true }).click();
    await edit.waitFor({ state: "detached" });
    await row.getByText("31/12/2030").waitFor();
  });

  it("lists the agencies of a chosen unit and adds one", async () => {
    await page.goto(`${app.url}/quan-tri/co-quan`);
    await page.getByRole("heading", { name: "Cơ quan, bộ phận", level: 1 }).waitFor();
    await choose(page, "Đơn vị", "Bãi Cháy");
    await page.waitForURL(/don-vi=/);
    const table = page.getByRole("table", { name: "Cơ quan, bộ phận" });
    await table.waitFor();
    await expectNoSeriousA11yViolations(page, "the agencies page");

    const name = `Bộ phận Kiểm thử ${suffix}`;
    await page.getByRole("button", { name: "Thêm cơ quan" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Tên cơ quan, bộ phận", exact: true }).fill(name);
    await dialog.getByRole("button", { name: "Lưu", exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    await table.getByRole("row").filter({ hasText: name }).waitFor();
    await saveScreenshot(page, "agencies.png");
  });

  it("creates a user with a role, then deactivates the account", async () => {
    await page.goto(`${app.url}/quan-tri/nguoi-dung`);
    await page.getByRole("heading", { name: "Người dùng", level: 1 }).waitFor();
    const table = page.getByRole("table", { name: "Người dùng" });
    await table.getByRole("row").filter({ hasText: world.users.leader.username }).waitFor();
    await expectNoSeriousA11yViolations(page, "the users page");

    const username = `kiemthu${suffix}`;
    const fullName = `Nguyễn Thị Kiểm Thử ${suffix}`;
    await page.getByRole("button", { name: "Thêm người dùng" }).click();
    const dialog = page.getByRole("dialog", { name: "Thêm người dùng" });
    await dialog.getByRole("textbox", { name: "Tên đăng nhập", exact: true }).fill(username);
    await dialog.getByRole("textbox", { name: "Họ và tên", exact: true }).fill(fullName);
    await dialog
      .getByRole("textbox", { name: "Mật khẩu", exact: true })
      .fill("mat-khau-du-dai-2026");
    await choose(dialog, "Đơn vị", "Bãi Cháy");
    await choose(dialog, "Phạm vi đơn vị", "Bãi Cháy");
    await expectNoSeriousA11yViolations(page, "the new-user form");
    await saveScreenshot(page, "user-form.png");
    await dialog.getByRole("button", { name: "Lưu", exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    await page.getByRole("textbox", { name: "Tìm người dùng" }).fill(username);
    const row = table.getByRole("row").filter({ hasText: username });
    await row.waitFor();
    expect(await row.innerText()).toContain("Người xem");

    await row.getByRole("button", { name: `Sửa người dùng ${fullName}` }).click();
    const edit = page.getByRole("dialog");
    await edit.getByRole("checkbox", { name: "Tài khoản đang hoạt động" }).uncheck();
    await edit.getByRole("button", { name: "Lưu", exact: true }).click();
    await edit.waitFor({ state: "detached" });
    await row.getByText("Ngừng hoạt động").waitFor();
  });

  it("shows the audit log and verifies its hash chain", async () => {
    await page.goto(`${app.url}/quan-tri/nhat-ky`);
    await page.getByRole("heading", { name: "Nhật ký hệ thống", level: 1 }).waitFor();
    const table = page.getByTestId("audit-table");
    await table.locator("tbody tr").first().waitFor();
    await expectNoSeriousA11yViolations(page, "the audit page");

    await page.getByRole("button", { name: "Kiểm tra chuỗi" }).click();
    const result = page.getByTestId("audit-verify-result");
    await result.waitFor();
    expect(await result.innerText()).toMatch(/^Chuỗi nhật ký toàn vẹn: đã kiểm tra [\d.]+ bản ghi/);
    await saveScreenshot(page, "audit.png");

    // Filter to unit events of today (Vietnam time): the import above is there.
    await chooseOption(
      page,
      page.getByRole("combobox", { name: "Loại dữ liệu", exact: true }),
      "Đơn vị",
    );
    const today = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh" }).format(
      new Date(),
    );
    const from = page.getByRole("textbox", { name: "Từ ngày", exact: true });
    await from.fill(today);
    await from.press("Escape");
    const rows = table.locator("tbody tr");
    // An empty table (still loading) passes `every`: wait for the filtered rows themselves.
    const onlyUnitEventsWithTheImport = async () => {
      const texts = await rows.allInnerTexts();
      return (
        texts.length > 0 &&
        texts.every((text) => text.includes("Đơn vị")) &&
        texts.some((text) => text.includes("Nhập danh sách đơn vị"))
      );
    };
    await expect.poll(onlyUnitEventsWithTheImport, { timeout: 20_000 }).toBe(true);
  });

  it("keeps the administration pages away from a leader", async () => {
    await signOut(page);
    await signIn(page, world.users.leader);
    await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();
    await page.goto(`${app.url}/quan-tri/don-vi`);
    await page.getByRole("heading", { name: "Không có quyền truy cập", level: 1 }).waitFor();
  });
});
