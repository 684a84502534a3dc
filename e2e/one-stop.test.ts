/**
 * Browser test of the one-stop desk against the real built app and a fresh demo database: the
 * clerk of Phường Bãi Cháy receives a dossier, hands it over, requests a supplement, receives it
 * back and resolves it; a citizen then follows it on the public lookup page without signing in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appUnderTest,
  expectNoSeriousA11yViolations,
  launchBrowser,
  saveScreenshot,
  signIn,
  type Browser,
} from "./support/browser.ts";

let app: { url: string; stop(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  app = await appUnderTest();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("one-stop desk in the browser", () => {
  it("receives, supplements and resolves a dossier; a citizen looks it up", async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    let code: string | undefined;
    try {
      await page.goto(`${app.url}/dang-nhap`);
      await signIn(page, "motcua");
      await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();
      const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
      await nav.getByRole("link", { name: "Một cửa", exact: true }).click();
      await page.getByRole("heading", { name: "Sổ theo dõi hồ sơ", level: 1 }).waitFor();
      await page.getByRole("table", { name: "Sổ theo dõi hồ sơ" }).waitFor();
      await expectNoSeriousA11yViolations(page, "the dossier register");

      await page.getByRole("button", { name: "Tiếp nhận hồ sơ" }).click();
      const dialog = page.getByRole("dialog", { name: "Tiếp nhận hồ sơ" });
      await dialog.getByLabel("Thủ tục hành chính").fill("1.004873");
      await page.getByRole("option", { name: /1\.004873/ }).click();
      await dialog.getByRole("textbox", { name: "Họ và tên người nộp" }).fill("Lương Thị Hạnh");
      await dialog.getByRole("textbox", { name: "Số điện thoại" }).fill("0934 567 890");
      await dialog.getByRole("button", { name: "Tiếp nhận và cấp mã" }).click();

      const heading = page.getByRole("heading", { level: 1, name: /^Mã hồ sơ / });
      await heading.waitFor();
      code = (await heading.innerText()).replace("Mã hồ sơ ", "").trim();
      expect(code).toMatch(/^000\.01\.22\.H99-\d{6}-\d{4}$/);
      expect(
        await page.getByRole("link", { name: "Tải Giấy tiếp nhận (.docx)" }).getAttribute("href"),
      ).toContain("/receipt.docx");

      const act = async (label: string, note?: string) => {
        await page.getByRole("button", { name: label, exact: true }).click();
        const modal = page.getByRole("dialog", { name: label });
        if (note) await modal.getByRole("textbox", { name: /Ghi chú/ }).fill(note);
        await modal.getByRole("button", { name: "Xác nhận" }).click();
        await modal.waitFor({ state: "detached" });
      };
      await act("Chuyển xử lý");
      await act("Yêu cầu bổ sung", "Bổ sung bản sao căn cước");
      await page.getByText("Chờ bổ sung", { exact: true }).first().waitFor();
      await act("Nhận hồ sơ bổ sung");
      await act("Có kết quả giải quyết");
      await page.getByText("Đã có kết quả", { exact: true }).first().waitFor();
      expect(await page.getByRole("table", { name: "Lịch sử xử lý" }).innerText()).toContain(
        "Bổ sung bản sao căn cước",
      );
      // Notifications fade out with low-contrast text mid-animation (shared component): check
      // the page itself once they are gone.
      await page.waitForFunction(
        () => document.querySelectorAll(".mantine-Notification-root").length === 0,
        null,
        {
          timeout: 20_000,
        },
      );
      await expectNoSeriousA11yViolations(page, "the dossier page");
      await saveScreenshot(page, "one-stop-dossier.png");
    } finally {
      await page.close();
    }

    // A citizen, not signed in, follows the dossier.
    await browser.context.clearCookies();
    const publicPage = await browser.context.newPage();
    try {
      publicPage.setDefaultTimeout(15_000);
      await publicPage.goto(`${app.url}/tra-cuu?ma=${encodeURIComponent(code!)}`);
      await publicPage
        .getByRole("heading", { name: "Tra cứu hồ sơ thủ tục hành chính", level: 1 })
        .waitFor();
      await publicPage.getByRole("textbox", { name: "4 số cuối điện thoại" }).fill("7890");
      await publicPage.getByRole("button", { name: "Tra cứu" }).click();
      const result = publicPage.getByRole("region", { name: "Kết quả tra cứu" });
      await result.waitFor();
      const text = await result.innerText();
      expect(text).toContain("Đã có kết quả");
      expect(text).toContain("L**** T** H***");
      expect(text).not.toContain("0934");
      await expectNoSeriousA11yViolations(publicPage, "the public lookup page");
      await saveScreenshot(publicPage, "one-stop-lookup.png");
    } finally {
      await publicPage.close();
    }
  });
});
