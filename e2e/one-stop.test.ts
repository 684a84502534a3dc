/**
 * Browser test of the one-stop desk against the real built app: the clerk of the file's own ward
 * (made with the test factories: its desk, with agency code 000.01.22.H99, and procedure
 * 1.004873; one dossier already in the register) receives a dossier, hands it over, requests a supplement, receives it
 * back and resolves it; a citizen then follows it on the public lookup page without signing in.
 * The clerk then refuses one dossier and stops another and downloads their notices (.docx).
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  signInAndWait,
  type Browser,
  chooseProcedure,
} from "./support/browser.ts";
import { newPage, startAppAndBrowser, stopAppAndBrowser, type App } from "./support/setup.ts";
import { seedDossier } from "./support/worlds/desk.ts";
import type { Executor } from "../src/server/db/database.ts";
import { makeWardWorld, type WardWorld } from "../test/support/desk-fixtures.ts";
import { makeProcedure } from "../test/support/factories.ts";

/** A ward whose desk receives procedure 1.004873, with one dossier already in its register. */
async function deskWard(db: Executor): Promise<WardWorld> {
  const world = await makeWardWorld(db, { agencyCode: "000.01.22.H99" });
  const procedure = await makeProcedure(db, world.ward, {
    code: "1.004873",
    name: "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
    processingDays: 3,
  });
  await seedDossier(db, procedure);
  return world;
}

/** Receives a dossier of procedure 1.004873 from the register; answers its code. */
async function receiveDossier(page: Page, applicantName: string, phone: string) {
  await page.getByRole("button", { name: "Tiếp nhận hồ sơ" }).click();
  const dialog = page.getByRole("dialog", { name: "Tiếp nhận hồ sơ" });
  await chooseProcedure(page, dialog, "1.004873");
  await dialog.getByRole("textbox", { name: "Họ và tên người nộp" }).fill(applicantName);
  await dialog.getByRole("textbox", { name: "Số điện thoại" }).fill(phone);
  await dialog.getByRole("button", { name: "Tiếp nhận và cấp mã" }).click();
  const heading = page.getByRole("heading", { level: 1, name: /^Mã hồ sơ / });
  await heading.waitFor();
  return (await heading.innerText()).replace("Mã hồ sơ ", "").trim();
}

/** Takes a step on the dossier page through its dialog, with a note when given. */
async function act(page: Page, label: string, note?: string) {
  await page.getByRole("button", { name: label, exact: true }).click();
  const modal = page.getByRole("dialog", { name: label });
  if (note) await modal.getByRole("textbox", { name: /Ghi chú/ }).fill(note);
  await modal.getByRole("button", { name: "Xác nhận" }).click();
  await modal.waitFor({ state: "detached" });
}

/** Clicks a download link; answers the file name the browser was given and the file's bytes. */
async function download(page: Page, linkName: string) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: linkName }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

let app: App;
let browser: Browser;
let world: WardWorld;
beforeAll(async () => ({ app, browser, world } = await startAppAndBrowser(deskWard)));
afterAll(() => stopAppAndBrowser(browser, app));

describe("one-stop desk in the browser", () => {
  it("receives, supplements and resolves a dossier; a citizen looks it up", async () => {
    const page = await newPage(browser, 15_000);
    let code: string | undefined;
    try {
      await signInAndWait(page, app.url, world.users.clerk);
      const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
      await nav.getByRole("link", { name: "Một cửa", exact: true }).click();
      await page.getByRole("heading", { name: "Sổ theo dõi hồ sơ", level: 1 }).waitFor();
      await page.getByRole("table", { name: "Sổ theo dõi hồ sơ" }).waitFor();
      await expectNoSeriousA11yViolations(page, "the dossier register");

      code = await receiveDossier(page, "Lương Thị Hạnh", "0934 567 890");
      expect(code).toMatch(/^000\.01\.22\.H99-\d{6}-\d{4}$/);
      expect(
        await page.getByRole("link", { name: "Tải Giấy tiếp nhận (.docx)" }).getAttribute("href"),
      ).toContain("/receipt.docx");

      await act(page, "Chuyển xử lý");
      await act(page, "Yêu cầu bổ sung", "Bổ sung bản sao căn cước");
      await page.getByText("Chờ bổ sung", { exact: true }).first().waitFor();
      await act(page, "Nhận hồ sơ bổ sung");
      // The supplement request prints from the browser: "In" opens the PDF the server renders
      // (inline, one A5 page of its own) in a new tab.
      const print = page.getByRole("link", {
        name: "In phiếu yêu cầu bổ sung (mở bản PDF trong thẻ mới)",
      });
      expect(await print.getAttribute("target")).toBe("_blank");
      const href = (await print.getAttribute("href"))!;
      expect(href).toMatch(/\/supplement-request\.pdf$/);
      const pdf = await page.request.get(`${app.url}${href}`, { timeout: 180_000 });
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      expect(pdf.headers()["content-disposition"]).toMatch(/^inline/);
      expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
      await act(page, "Có kết quả giải quyết");
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

  it("refuses one dossier and stops another, and downloads their notices", async () => {
    const page = await newPage(browser, 15_000);
    try {
      await signInAndWait(page, app.url, world.users.clerk);
      await page.goto(`${app.url}/mot-cua`);
      await page.getByRole("table", { name: "Sổ theo dõi hồ sơ" }).waitFor();

      const refused = await receiveDossier(page, "Ngô Thị Bích", "0912 345 678");
      expect(await page.getByRole("link", { name: /Tải thông báo/ }).count()).toBe(0);
      await act(page, "Từ chối giải quyết", "Hồ sơ không thuộc thẩm quyền của phường");
      const refusal = await download(page, "Tải thông báo từ chối (.docx)");
      expect(refusal.name).toBe(`khong-giai-quyet-${refused}.docx`);
      expect(refusal.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
      expect(await page.getByRole("link", { name: /dừng giải quyết/ }).count()).toBe(0);

      await page.goto(`${app.url}/mot-cua`);
      await page.getByRole("table", { name: "Sổ theo dõi hồ sơ" }).waitFor();
      const stopped = await receiveDossier(page, "Đỗ Văn Hùng", "0987 654 321");
      await act(page, "Chuyển xử lý");
      await act(page, "Dừng giải quyết", "Người nộp có đơn đề nghị dừng giải quyết");
      const stop = await download(page, "Tải thông báo dừng giải quyết (.docx)");
      expect(stop.name).toBe(`dung-giai-quyet-${stopped}.docx`);
      expect(stop.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
      expect(await page.getByRole("link", { name: "Tải thông báo từ chối (.docx)" }).count()).toBe(
        0,
      );
      await page.waitForFunction(
        () => document.querySelectorAll(".mantine-Notification-root").length === 0,
        null,
        { timeout: 20_000 },
      );
      await expectNoSeriousA11yViolations(page, "the stopped dossier's page");
      await saveScreenshot(page, "one-stop-stopped-dossier.png");
    } finally {
      await page.close();
    }
  });
});
