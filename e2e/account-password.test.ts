/**
 * Issue 9, High 2: on a real installation (not CCHC_ENV=development) every demo account must set
 * its own password right after its first sign-in; any user changes theirs from the user menu.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  DEMO_PASSWORD,
  expectNoSeriousA11yViolations,
  launchBrowser,
  saveScreenshot,
  signIn,
  signOut,
  type Browser,
} from "./support/browser.ts";
import { startTestServer } from "./support/server.ts";

let app: { url: string; stop(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  app = await startTestServer({ environment: "production" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function fillChange(page: Page, current: string, next: string) {
  await page.getByRole("textbox", { name: "Mật khẩu hiện tại", exact: true }).fill(current);
  await page.getByRole("textbox", { name: "Mật khẩu mới", exact: true }).fill(next);
  await page.getByRole("textbox", { name: "Nhập lại mật khẩu mới", exact: true }).fill(next);
  await page.getByRole("button", { name: "Đổi mật khẩu", exact: true }).click();
}

describe("demo password outside development", () => {
  it("sends a demo account to the change page and lets it in after a new password", async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(30_000);
    try {
      await page.goto(`${app.url}/ke-hoach`);
      await page.waitForURL(/\/dang-nhap/);
      await signIn(page, "xem");
      await page.waitForURL(/\/doi-mat-khau/);
      await page.getByRole("heading", { name: "Đổi mật khẩu", level: 1 }).waitFor();
      await page.getByTestId("password-change-required").waitFor();
      await expectNoSeriousA11yViolations(page, "the change-password page");
      await saveScreenshot(page, "change-password-required.png");

      // Going elsewhere leads back to the change page.
      await page.goto(`${app.url}/`);
      await page.waitForURL(/\/doi-mat-khau/);

      // The server names the broken rule.
      await fillChange(page, DEMO_PASSWORD, "matkhau123");
      await page.getByText("quá phổ biến").first().waitFor();

      await fillChange(page, DEMO_PASSWORD, "hoa-sen-no-giua-dam-1975");
      await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/");

      // The user menu leads to the same page later; cancelling returns.
      await page.getByTestId("user-menu").click();
      await page.getByRole("menuitem", { name: "Đổi mật khẩu" }).click();
      await page.getByRole("heading", { name: "Đổi mật khẩu", level: 1 }).waitFor();
      expect(await page.getByTestId("password-change-required").count()).toBe(0);
      await page.getByRole("button", { name: "Hủy", exact: true }).click();
      await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();

      await signOut(page);
      await signIn(page, "xem", "hoa-sen-no-giua-dam-1975");
      await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();
    } finally {
      await page.close();
    }
  });
});
