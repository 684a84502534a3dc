/**
 * Browser test of the required documents (thành phần hồ sơ) at the desk: the clerk of the file's
 * own ward (made with the test factories, with its desk and the birth registration's list of
 * three documents) adds a document to a procedure's list in the catalogue,
 * then receives a dossier of that procedure from its checklist — leaving a required document out
 * asks for confirmation, going back and ticking it receives the dossier — and the dossier page
 * and its receipt (Mẫu 01, .docx) list what was received with form and copies, and the dossier's
 * line in the ward's register book (Sổ theo dõi hồ sơ).
 */
import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  signInAndWait,
  type Browser,
  chooseProcedure,
} from "./support/browser.ts";
import { newPage, startAppAndBrowser, stopAppAndBrowser, type App } from "./support/setup.ts";
import type { ProcedureDocument } from "../src/core/dossier/required-documents.ts";
import type { Executor } from "../src/server/db/database.ts";
import { makeWardWorld, type WardWorld } from "../test/support/desk-fixtures.ts";
import { makeProcedure } from "../test/support/factories.ts";
import { seedDossier } from "./support/worlds/desk.ts";

const doc = (
  name: string,
  form: ProcedureDocument["form"],
  required = true,
): ProcedureDocument => ({ name, form, copies: 1, required });

/**
 * A ward with its desk and clerk, the birth registration with its three documents, and one
 * dossier of another procedure already in the register (so it shows its table).
 */
async function deskWithBirthRegistration(db: Executor): Promise<WardWorld> {
  const world = await makeWardWorld(db);
  await seedDossier(db, await makeProcedure(db, world.ward, { code: "1.000894" }));
  await makeProcedure(db, world.ward, {
    code: "1.001193",
    name: "Thủ tục đăng ký khai sinh",
    processingDays: 0,
    documents: [
      doc("Tờ khai đăng ký khai sinh", "original"),
      doc("Giấy chứng sinh", "original"),
      doc("Văn bản ủy quyền (trường hợp ủy quyền)", "certified_copy", false),
    ],
  });
  return world;
}

let app: App;
let browser: Browser;
let world: WardWorld;
beforeAll(
  async () => ({ app, browser, world } = await startAppAndBrowser(deskWithBirthRegistration)),
);
afterAll(() => stopAppAndBrowser(browser, app));

describe("required documents at the desk", () => {
  it("edits a procedure's list, receives from the checklist and prints what was received", async () => {
    const page = await newPage(browser, 15_000);
    try {
      await signInAndWait(page, app.url, world.users.clerk);

      // The catalogue: the birth registration's list, one optional document added.
      await page.goto(`${app.url}/mot-cua/thu-tuc`);
      await page.getByRole("table", { name: "Danh mục thủ tục hành chính" }).waitFor();
      await page.getByRole("button", { name: /thành phần hồ sơ thủ tục 1\.001193$/ }).click();
      const editor = page.getByRole("dialog", { name: /Thành phần hồ sơ — thủ tục 1\.001193/ });
      await editor.getByRole("textbox", { name: "Tên giấy tờ 2" }).waitFor();
      expect(await editor.getByRole("textbox", { name: "Tên giấy tờ 2" }).inputValue()).toBe(
        "Giấy chứng sinh",
      );
      await editor.getByRole("button", { name: "Thêm giấy tờ" }).click();
      await editor
        .getByRole("textbox", { name: "Tên giấy tờ 4" })
        .fill("Giấy tờ chứng minh nơi cư trú");
      await editor.getByRole("checkbox", { name: "Bắt buộc 4" }).uncheck();
      await expectNoSeriousA11yViolations(page, "the procedure's documents editor");
      await editor.getByRole("button", { name: "Lưu" }).click();
      await editor.waitFor({ state: "detached" });
      await page
        .getByRole("button", { name: /^4 giấy tờ — thành phần hồ sơ thủ tục 1\.001193$/ })
        .waitFor();

      // The receive form: the checklist, required documents ticked, optional ones not.
      await page.goto(`${app.url}/mot-cua`);
      await page.getByRole("table", { name: "Sổ theo dõi hồ sơ" }).waitFor();
      await page.getByRole("button", { name: "Tiếp nhận hồ sơ" }).click();
      const dialog = page.getByRole("dialog", { name: "Tiếp nhận hồ sơ" });
      await chooseProcedure(page, dialog, "1.001193");
      const checklist = dialog.getByRole("group", { name: "Thành phần hồ sơ đã nhận" });
      const birthCertificate = checklist.getByRole("checkbox", { name: /^Giấy chứng sinh/ });
      await birthCertificate.waitFor();
      expect(
        await checklist.getByRole("checkbox", { name: /^Tờ khai đăng ký khai sinh/ }).isChecked(),
      ).toBe(true);
      expect(await birthCertificate.isChecked()).toBe(true);
      expect(await checklist.getByRole("checkbox", { name: /^Văn bản ủy quyền/ }).isChecked()).toBe(
        false,
      );
      expect(
        await checklist
          .getByRole("checkbox", { name: /^Giấy tờ chứng minh nơi cư trú/ })
          .isChecked(),
      ).toBe(false);

      await dialog.getByRole("textbox", { name: "Họ và tên người nộp" }).fill("Đinh Thị Thủy");
      await dialog.getByRole("textbox", { name: "Số điện thoại" }).fill("0945 678 123");
      await checklist.getByRole("textbox", { name: "Số bản: Giấy chứng sinh" }).fill("2");
      await checklist.getByRole("button", { name: "Thêm giấy tờ khác" }).click();
      await checklist.getByRole("textbox", { name: "Tên giấy tờ khác 5" }).fill("Sổ hộ khẩu cũ");
      await dialog.getByRole("textbox", { name: "Số bộ hồ sơ" }).fill("1");
      await dialog.getByRole("textbox", { name: /^Thời điểm tiếp nhận/ }).fill("05/03/2026 09:00");

      // A required document left out: the clerk is asked, goes back and ticks it.
      await birthCertificate.uncheck();
      await dialog.getByRole("button", { name: "Tiếp nhận và cấp mã" }).click();
      const confirm = page.getByRole("dialog", { name: "Hồ sơ chưa đủ thành phần bắt buộc" });
      await confirm.waitFor();
      expect(await confirm.innerText()).toContain("Giấy chứng sinh (Bản chính)");
      await expectNoSeriousA11yViolations(page, "the incomplete-dossier confirmation");
      await saveScreenshot(page, "receive-checklist-incomplete.png");
      await confirm.getByRole("button", { name: "Quay lại" }).click();
      await confirm.waitFor({ state: "detached" });
      await birthCertificate.check();
      await expectNoSeriousA11yViolations(page, "the receive form's checklist");
      await saveScreenshot(page, "receive-checklist.png");
      await dialog.getByRole("button", { name: "Tiếp nhận và cấp mã" }).click();

      // The dossier page lists what was received.
      const heading = page.getByRole("heading", { level: 1, name: /^Mã hồ sơ / });
      await heading.waitFor();
      const received = page.getByRole("list", { name: "Thành phần hồ sơ đã nhận" });
      const text = await received.innerText();
      expect(text).toContain("Tờ khai đăng ký khai sinh (bản chính): 1 bản");
      expect(text).toContain("Giấy chứng sinh (bản chính): 2 bản");
      expect(text).toContain("Sổ hộ khẩu cũ (bản sao): 1 bản");
      expect(text).not.toContain("Văn bản ủy quyền");
      await page.getByText("Số lượng hồ sơ: 1 bộ").waitFor();
      // Entered in the ward's 2026 book after the dossier seeded on 02/03/2026.
      await page.getByText("quyển 01/2026, số 000002").waitFor();

      // The receipt lists them with form and copies instead of blank lines.
      const [file] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Tải Giấy tiếp nhận (.docx)" }).click(),
      ]);
      const zip = await JSZip.loadAsync(await readFile(await file.path()));
      const xml = await zip.file("word/document.xml")!.async("string");
      // Mẫu 01's table: TT, name, form, copies (one cell each, in this order).
      const cellsText = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
        .map((m) => m[1])
        .join("|");
      expect(cellsText).toContain("TT|Tên giấy tờ|Hình thức|Số lượng|");
      expect(cellsText).toContain("|1|Tờ khai đăng ký khai sinh|Bản chính|01|");
      expect(cellsText).toContain("|2|Giấy chứng sinh|Bản chính|02|");
      expect(cellsText).toContain("|3|Sổ hộ khẩu cũ|Bản sao|01|");
      expect(xml).toContain("Vào Sổ theo dõi hồ sơ: Quyển số ");
      expect(xml).toContain(">01/2026<");
      expect(xml).toContain(">000002<");
      await saveScreenshot(page, "receive-checklist-dossier.png");

      // On a phone (390 px) the checklist fits without scrolling sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${app.url}/mot-cua`);
      await page.getByRole("button", { name: "Tiếp nhận hồ sơ" }).click();
      const phoneDialog = page.getByRole("dialog", { name: "Tiếp nhận hồ sơ" });
      await chooseProcedure(page, phoneDialog, "1.001193");
      const phoneChecklist = phoneDialog.getByRole("group", { name: "Thành phần hồ sơ đã nhận" });
      await phoneChecklist.getByRole("button", { name: "Thêm giấy tờ khác" }).click();
      await phoneChecklist.getByRole("textbox", { name: "Tên giấy tờ khác 5" }).waitFor();
      const overflow = await phoneChecklist.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await phoneChecklist.scrollIntoViewIfNeeded();
      await saveScreenshot(page, "receive-checklist-390.png");
    } finally {
      await page.close();
    }
  });

  it("refuses a dossier at the counter with Mẫu 03: the form downloads, nothing is received", async () => {
    const page = await newPage(browser, 30_000);
    try {
      // The browser's context may still hold the clerk's session from the test above.
      await page.goto(`${app.url}/mot-cua`);
      const register = page.getByRole("table", { name: "Sổ theo dõi hồ sơ" });
      const signInForm = page.getByRole("textbox", { name: "Tên đăng nhập", exact: true });
      await register.or(signInForm).first().waitFor();
      if (await signInForm.isVisible()) {
        await signInAndWait(page, app.url, world.users.clerk);
        await page.goto(`${app.url}/mot-cua`);
      }
      await register.waitFor();
      const before = await register.locator("tbody tr").count();
      const listed = async () =>
        (await page.request.get(`${app.url}/api/dossiers?unitId=${world.ward.id}`)).json();
      const countBefore = (await listed()).data.length;

      await page.getByRole("button", { name: "Tiếp nhận hồ sơ" }).click();
      const dialog = page.getByRole("dialog", { name: "Tiếp nhận hồ sơ" });
      // Nothing typed yet: the refusal asks for the procedure and the applicant first.
      await dialog.getByRole("button", { name: "Từ chối tiếp nhận (Mẫu 03)" }).click();
      await dialog.getByText("Không được để trống.").first().waitFor();
      expect(await page.getByRole("dialog", { name: "Từ chối tiếp nhận hồ sơ" }).count()).toBe(0);

      await chooseProcedure(page, dialog, "1.001193");
      await dialog.getByRole("textbox", { name: "Họ và tên người nộp" }).fill("Lò Văn Hòa");
      await dialog.getByRole("textbox", { name: "Số điện thoại" }).fill("0912 345 670");
      await dialog.getByRole("button", { name: "Từ chối tiếp nhận (Mẫu 03)" }).click();
      const refusal = page.getByRole("dialog", { name: "Từ chối tiếp nhận hồ sơ" });
      await refusal.waitFor();
      // No reason: refused at the field, nothing sent.
      await refusal.getByRole("button", { name: "Lập phiếu từ chối" }).click();
      await refusal.getByText("Phải ghi lý do từ chối tiếp nhận.").waitFor();
      await refusal
        .getByRole("textbox", { name: "Lý do từ chối tiếp nhận" })
        .fill("Thủ tục không thuộc thẩm quyền giải quyết của UBND phường");
      await expectNoSeriousA11yViolations(page, "refusal at the counter");
      await saveScreenshot(page, "reception-refusal-1366.png");
      await page.setViewportSize({ width: 390, height: 844 });
      await expect
        .poll(() => refusal.evaluate((el) => el.scrollWidth - el.clientWidth))
        .toBeLessThanOrEqual(0);
      await saveScreenshot(page, "reception-refusal-390.png");
      // Back to the desktop width: the register is a table there (cards on a phone).
      await page.setViewportSize({ width: 1366, height: 900 });
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        refusal.getByRole("button", { name: "Lập phiếu từ chối" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("tu-choi-tiep-nhan.docx");
      const zip = await JSZip.loadAsync(await readFile((await download.path())!));
      const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
      const text = xml.replace(/<[^>]+>/g, "");
      expect(text).toContain("Lò Văn Hòa");
      expect(text).toContain("Thủ tục không thuộc thẩm quyền giải quyết của UBND phường");
      expect(text).toContain("Thủ tục đăng ký khai sinh");
      await page.getByText("Đã lập phiếu từ chối tiếp nhận; hồ sơ không được tiếp nhận.").waitFor();
      await page.getByRole("dialog", { name: "Tiếp nhận hồ sơ" }).waitFor({ state: "detached" });

      // Nothing was received: no code, no register line.
      expect((await listed()).data.length).toBe(countBefore);
      await page.reload();
      await register.waitFor();
      expect(await register.locator("tbody tr").count()).toBe(before);
    } finally {
      await page.close();
    }
  });
});
