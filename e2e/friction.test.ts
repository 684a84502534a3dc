/**
 * Issue 13, forms that never drop what was typed: an impossible date keeps its text and says the
 * rule at the field, a target takes a decimal comma and refuses a percentage outside 0–100, and
 * the audit log names every action in Vietnamese.
 *
 * The ward, its focal officer (who makes the plan) and the province's administrator (who reads the
 * audit log) are the file's own, made with the test factories.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  saveScreenshot,
  signIn,
  signInAndWait,
  signOut,
  waitForHome,
  type Browser,
} from "./support/browser.ts";
import { startAppWithPage, stopAppAndBrowser, type App } from "./support/setup.ts";
import { makeWardTeam, type WardTeam } from "../test/support/plan-fixtures.ts";

let app: App;
let browser: Browser;
let page: Page;
let world: WardTeam<"focal" | "admin">;

beforeAll(async () => {
  ({ app, browser, page, world } = await startAppWithPage(30_000, (db) =>
    makeWardTeam(db, ["focal", "admin"]),
  ));
  await page.setViewportSize({ width: 1366, height: 900 });
});
afterAll(() => stopAppAndBrowser(browser, app));

describe("forms that keep what was typed", () => {
  it("a target takes a decimal comma and refuses a negative percentage at the field", async () => {
    await signInAndWait(page, app.url, world.users.focal);
    await page.goto(`${app.url}/ke-hoach/tao-moi`);
    await page.getByRole("heading", { name: "Tạo kế hoạch", level: 1 }).waitFor();
    await page.getByRole("radio", { name: "Năm", exact: true }).check();
    await page.getByRole("textbox", { name: "Năm", exact: true }).fill("2026");
    await page
      .getByRole("textbox", { name: "Trích yếu (tên kế hoạch)" })
      .fill("Cải cách hành chính kiểm thử năm 2026");
    await page.getByRole("button", { name: "Tạo kế hoạch", exact: true }).click();
    await page.waitForURL(/\/ke-hoach\/[0-9a-f-]{36}/);

    await page.getByRole("tab", { name: /^Chỉ tiêu/ }).click();
    await page.getByRole("button", { name: "Thêm chỉ tiêu" }).click();
    const dialog = page.getByRole("dialog", { name: "Thêm chỉ tiêu" });
    await dialog.getByRole("textbox", { name: "Nội dung chỉ tiêu" }).fill("Tỷ lệ hồ sơ đúng hạn");
    const value = dialog.getByRole("textbox", { name: "Giá trị", exact: true });
    await value.fill("-5");
    await dialog.getByText("Tỷ lệ phải từ 0 đến 100%.").waitFor();
    await value.fill("99,7");
    await expect.poll(() => value.inputValue()).toBe("99,7");
    await expect.poll(() => dialog.getByText("Tỷ lệ phải từ 0 đến 100%.").count()).toBe(0);
    await saveScreenshot(page, "friction-target-decimal-comma.png");
    await dialog.getByRole("button", { name: "Lưu", exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    // The stored figure is shown with its decimal comma.
    await page.getByText("99,7").first().waitFor();
    await signOut(page);
  });

  it("an impossible date stays in the field with the rule, and the audit log speaks Vietnamese", async () => {
    await signIn(page, world.users.admin);
    // Leaving before the sign-in answered would drop its cookie and land back on the sign-in page.
    await waitForHome(page);
    await page.goto(`${app.url}/quan-tri/nhat-ky`);
    await page.getByRole("heading", { name: "Nhật ký hệ thống", level: 1 }).waitFor();
    const table = page.getByTestId("audit-table");
    await table.locator("tbody tr").first().waitFor();

    const from = page.getByRole("textbox", { name: "Từ ngày", exact: true });
    await from.fill("31/02/2026");
    await from.press("Tab");
    await page.getByText("Ngày 31/02/2026 không có trên lịch.").waitFor();
    expect(await from.inputValue()).toBe("31/02/2026");
    expect(await from.getAttribute("aria-invalid")).toBe("true");
    await saveScreenshot(page, "friction-impossible-date.png");
    await from.fill("");
    await from.press("Tab");
    await expect.poll(() => page.getByText("không có trên lịch").count()).toBe(0);

    // Actions by their Vietnamese names, no raw codes such as "plan.create".
    await expect.poll(async () => (await table.innerText()).includes("Tạo kế hoạch")).toBe(true);
    const text = await table.innerText();
    expect(text).toContain("Đăng nhập");
    expect(text).toContain("Kế hoạch");
    expect(text).not.toMatch(/\b(plan|auth|unit|task|user)\.[a-z_]+\b/);
  });
});
