/**
 * Browser smoke test of the SPA against the real built app and a fresh demo database:
 * sign-in (wrong and right password), the Vietnamese home page and navigation, a placeholder
 * section, accessibility (axe-core), and an administrator creating a unit through the UI.
 *
 * Set CCHC_E2E_URL to run against an already running server instead of starting one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  appUnderTest,
  expectNoSeriousA11yViolations,
  launchBrowser,
  saveScreenshot,
  signIn,
  signOut,
  type Browser,
} from "./support/browser.ts";

let app: { url: string; stop(): Promise<void> };
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  app = await appUnderTest();
  baseUrl = app.url;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

describe("web smoke", () => {
  it("signs the leader in, shows the Vietnamese home and a placeholder section", async () => {
    const page = await newPage();
    try {
      await page.goto(`${baseUrl}/`);
      await page.waitForURL(/\/dang-nhap/);
      await page.getByRole("heading", { name: "Đăng nhập", level: 1 }).waitFor();
      expect(await page.getAttribute("html", "lang")).toBe("vi");
      await expectNoSeriousA11yViolations(page, "the sign-in page");

      // A wrong password shows the server's Vietnamese message inline.
      await signIn(page, "lanhdao", "mat-khau-sai-2026");
      const error = page.getByRole("alert").filter({ hasText: "mật khẩu không đúng" });
      await error.waitFor();
      expect(await error.innerText()).toContain("Tên đăng nhập hoặc mật khẩu không đúng");

      await signIn(page, "lanhdao");
      await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/");

      // The unit's name in the header and on the page; the role in Vietnamese; real counts.
      const unitName = (await page.getByTestId("home-unit-name").innerText()).trim();
      expect(unitName.length).toBeGreaterThan(0);
      expect((await page.getByTestId("header-unit").innerText()).trim()).toBe(unitName);
      expect(await page.getByTestId("home-roles").innerText()).toContain(
        "Lãnh đạo (Chủ tịch/Phó Chủ tịch)",
      );
      await page.getByTestId("home-agency-count").waitFor();
      expect(await page.getByTestId("home-agency-count").innerText()).toMatch(/^\d[\d.]*$/);

      // The whole product in the navigation; no administration for a leader.
      const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
      for (const label of [
        "Trang chủ",
        "Kế hoạch",
        "Nhiệm vụ",
        "Một cửa",
        "Phản ánh kiến nghị",
        "Khảo sát",
        "Chỉ số",
        "Báo cáo",
      ]) {
        expect(await nav.getByText(label, { exact: true }).count(), label).toBeGreaterThan(0);
      }
      expect(await nav.getByText("Quản trị", { exact: true }).count()).toBe(0);

      await expectNoSeriousA11yViolations(page, "the home page");
      await saveScreenshot(page, "home.png");

      // The reports section: the reporting calendar of the user's unit.
      await nav.getByRole("link", { name: "Báo cáo", exact: true }).click();
      await page.waitForURL(/\/bao-cao$/);
      await page.getByRole("heading", { name: "Báo cáo định kỳ", level: 1 }).waitFor();
      await page.getByRole("heading", { name: "Báo cáo đơn vị phải nộp" }).waitFor();
      await saveScreenshot(page, "reports.png");

      await signOut(page);
    } finally {
      await page.close();
    }
  });

  it("lets the administrator create a unit through the UI", async () => {
    const page = await newPage();
    const suffix = Date.now().toString().slice(-6);
    const code = `E2E${suffix}`;
    const name = `Xã Kiểm Thử ${suffix}`;
    try {
      await page.goto(`${baseUrl}/dang-nhap`);
      await signIn(page, "admin");
      await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();

      const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
      await nav.getByText("Quản trị", { exact: true }).click();
      await nav.getByRole("link", { name: "Nhật ký hệ thống", exact: true }).waitFor();
      await nav.getByRole("link", { name: "Đơn vị", exact: true }).click();
      await page.getByRole("heading", { name: "Đơn vị hành chính", level: 1 }).waitFor();
      await page.getByTestId("units-table").waitFor();
      await expectNoSeriousA11yViolations(page, "the units page");

      await page.getByRole("button", { name: "Thêm đơn vị" }).click();
      const dialog = page.getByRole("dialog", { name: "Thêm đơn vị hành chính" });
      await dialog.waitFor();
      await dialog.getByRole("textbox", { name: "Mã", exact: true }).fill(code);
      await dialog.getByRole("textbox", { name: "Tên đơn vị", exact: true }).fill(name);
      // Level "Xã" and kind "Xã" are the defaults; pick the first offered parent unit.
      await dialog.getByRole("combobox", { name: "Đơn vị cấp trên" }).click();
      await page.getByRole("option").first().click();
      const validFrom = dialog.getByRole("textbox", { name: "Hiệu lực từ" });
      await validFrom.fill("01/07/2025");
      // The calendar opened by typing: check it once its fade-in is over, then close it.
      const calendar = page.locator("[data-dates-dropdown]");
      await calendar.waitFor();
      await page.waitForTimeout(400);
      await expectNoSeriousA11yViolations(page, "the unit form with its calendar open");
      await validFrom.press("Escape");
      await calendar.waitFor({ state: "hidden" });
      expect(await validFrom.inputValue()).toBe("01/07/2025");
      await saveScreenshot(page, "unit-form.png");
      await dialog.getByRole("button", { name: "Lưu", exact: true }).click();
      await dialog.waitFor({ state: "detached" });

      // The server searches without tones: type the name without diacritics.
      await page.getByRole("textbox", { name: "Tìm đơn vị" }).fill(`xa kiem thu ${suffix}`);
      const bodyRows = page.getByTestId("units-table").locator("tbody tr");
      await expect.poll(() => bodyRows.count(), { timeout: 10_000 }).toBe(1);
      const row = bodyRows.filter({ hasText: code });
      await row.waitFor();
      const rowText = await row.innerText();
      expect(rowText).toContain(name);
      expect(rowText).toContain("01/07/2025");
      expect(rowText).toContain("Đang hoạt động");
      await saveScreenshot(page, "units.png");
    } finally {
      await page.close();
    }
  });
});
