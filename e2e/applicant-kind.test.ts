/**
 * Browser test of issue 12's two desk settings:
 * - the applicant's kind on the receive form: pre-selected from the name as the clerk types,
 *   changed by the clerk to "Tổ chức" for a name that reads like a person's; the dossier page
 *   shows it, and the apology letter and the refusal notice (.docx) address the organisation by
 *   its name, never "Ông/Bà";
 * - the applicant's kind corrected on the dossier page ("Sửa thông tin người nộp"): a cooperative
 *   the clerk received as "Cá nhân" becomes "Tổ chức", said, and its address is corrected too;
 * - the register book's starting point: the clerk sets the next line from the register page, a
 *   lower one is refused with its message, and the next dossier received takes the line set;
 * - the printed register book of a period ("In sổ theo dõi"): the dialog counts the period's
 *   lines and its Word file lists them.
 * Screens at 1366 px and 390 px (no sideways scroll at 390), checked with axe.
 *
 * The first dossier's moment is explicit (02/03/2026). The register book is this year's by the
 * server's clock (that is the book a desk sets); the line asked for (120) is above any the file
 * writes first, so the test holds whatever the day.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cells, openDocx, rows, tables, texts } from "../test/support/docx-xml.ts";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  sidewaysOverflow,
  signInAndWait,
  type Browser,
  chooseProcedure,
} from "./support/browser.ts";
import { apiSession, startAppWithPage, stopAppAndBrowser, type App } from "./support/setup.ts";
import { DESK_PROCEDURE, makeDeskWard, type DeskWard } from "./support/worlds/desk-ward.ts";

const WIDTHS = [
  { name: "390", width: 390, height: 844 },
  { name: "1366", width: 1366, height: 900 },
] as const;

let app: App;
let browser: Browser;
let page: Page;
let world: DeskWard;

beforeAll(async () => {
  ({ app, browser, page, world } = await startAppWithPage(20_000, (db) => makeDeskWard(db)));
  await signInAndWait(page, app.url, world.users.clerk);
});

afterAll(() => stopAppAndBrowser(browser, app));

/** Screenshots and axe at both widths (no sideways scroll at 390), back to the wide one. */
async function atBothWidths(name: string, where: string) {
  for (const { name: width, ...size } of WIDTHS) {
    await page.setViewportSize(size);
    await expectNoSeriousA11yViolations(page, `${where} at ${width} px`);
    if (width === "390") expect(await sidewaysOverflow(page), `${where} at 390 px`).toBe(0);
    await saveScreenshot(page, `applicant-kind/${name}-${width}.png`);
  }
}

async function docxText(path: string) {
  const response = await page.request.get(`${app.url}${path}`);
  expect(response.status(), path).toBe(200);
  const { document } = await openDocx(Buffer.from(await response.body()));
  return texts(document).join("");
}

const kindChecked = (dialog: Locator, label: string) =>
  dialog.getByRole("radio", { name: label, exact: true }).isChecked();

describe("the applicant's kind at the desk", () => {
  it("is pre-selected from the name, chosen by the clerk, and addresses the letters", async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${app.url}/mot-cua`);
    await page.getByRole("button", { name: "Tiếp nhận hồ sơ" }).click();
    const dialog = page.getByRole("dialog", { name: "Tiếp nhận hồ sơ" });
    await chooseProcedure(page, dialog, DESK_PROCEDURE.code);
    const name = dialog.getByRole("textbox", { name: "Họ và tên người nộp" });

    await name.fill("Công ty TNHH An Phát");
    await expect.poll(() => kindChecked(dialog, "Tổ chức")).toBe(true);
    await name.fill("Nguyễn Gia Phát");
    await expect.poll(() => kindChecked(dialog, "Cá nhân")).toBe(true);
    // The clerk knows better: a business named after its owner.
    await dialog.locator("label", { hasText: /^Tổ chức$/ }).click();
    await expect.poll(() => kindChecked(dialog, "Tổ chức")).toBe(true);
    await name.fill("Nguyễn Gia Phát Group");
    expect(await kindChecked(dialog, "Tổ chức")).toBe(true);
    await name.fill("Nguyễn Gia Phát");

    await dialog.getByRole("textbox", { name: "Số điện thoại" }).fill("0977 111 222");
    await atBothWidths("receive-organisation", "the receive form with Tổ chức chosen");
    await dialog.getByRole("textbox", { name: /^Thời điểm tiếp nhận/ }).fill("02/03/2026 09:00");
    await dialog.getByRole("button", { name: "Tiếp nhận và cấp mã" }).click();
    await page.getByRole("heading", { level: 1, name: /^Mã hồ sơ / }).waitFor();
    await page.getByText("Loại người nộp").waitFor();
    await page.getByText("Tổ chức", { exact: true }).waitFor();
    await atBothWidths("dossier-organisation", "the dossier page of an organisation");

    const id = new URL(page.url()).pathname.split("/").pop()!;
    const api = await apiSession(page, app.url);
    const apology = await api.post(`/api/dossiers/${id}/apologies`, {
      reason: "Chờ xác minh của cơ quan phối hợp",
      newDueDate: "2026-03-10",
      at: "2026-03-04 08:00",
    });
    const letter = await docxText(
      `/api/dossiers/${id}/apologies/${apology.data.apologies[0].id}/document.docx`,
    );
    expect(letter).toContain("Kính gửi: Nguyễn Gia Phát");
    expect(letter).toContain("Quý tổ chức");
    expect(letter).not.toContain("Ông/Bà");
    await api.post(`/api/dossiers/${id}/transitions`, {
      action: "refuse",
      at: "2026-03-04 09:00",
      note: "Không thuộc thẩm quyền",
    });
    const notice = await docxText(`/api/dossiers/${id}/refusal-notice.docx`);
    expect(notice).toContain("Kính gửi: Nguyễn Gia Phát");
    expect(notice).not.toContain("Ông/Bà");
  });
});

describe("the applicant's kind corrected on the dossier page", () => {
  it("turns a cooperative received as a person into an organisation, said", async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    const api = await apiSession(page, app.url);
    const received = await api.post("/api/dossiers", {
      procedureId: world.procedure.id,
      applicantName: "Hợp tác xã Bình Minh",
      applicantKind: "person",
      applicantPhone: "0966 333 444",
      channel: "in_person",
      receivedAt: "2026-03-03 10:00",
    });
    const id: string = received.data.id;
    await page.goto(`${app.url}/mot-cua/ho-so/${id}`);
    await page.getByRole("heading", { level: 1, name: /^Mã hồ sơ / }).waitFor();
    await page.getByText("Cá nhân", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Sửa thông tin người nộp" }).click();
    const dialog = page.getByRole("dialog", { name: "Sửa thông tin người nộp" });
    expect(await kindChecked(dialog, "Cá nhân")).toBe(true);
    await dialog.locator("label", { hasText: /^Tổ chức$/ }).click();
    await expect.poll(() => kindChecked(dialog, "Tổ chức")).toBe(true);
    await dialog.getByRole("textbox", { name: "Địa chỉ" }).fill("Thôn 2, phường Bãi Cháy");
    await atBothWidths("applicant-edit", "the applicant correction dialog");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await page.getByText("Đã sửa thông tin người nộp.").waitFor();
    await dialog.waitFor({ state: "detached" });
    await page.getByText("Tổ chức", { exact: true }).waitFor();
    await page.getByText("Thôn 2, phường Bãi Cháy").waitFor();
    await atBothWidths("dossier-corrected", "the dossier page after the correction");
    const read = await api.get(`/api/dossiers/${id}`);
    expect(read.data).toMatchObject({
      applicantKind: "organisation",
      applicantKindSaid: true,
      applicantName: "Hợp tác xã Bình Minh",
      applicantAddress: "Thôn 2, phường Bãi Cháy",
    });
  });
});

describe("the register book's starting point", () => {
  it("is set from the register page, only forward, and the next dossier takes the line", async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${app.url}/mot-cua`);
    await page.getByRole("table", { name: "Sổ theo dõi hồ sơ" }).waitFor();
    await atBothWidths("register-page", "the register page with its register book button");
    await page.getByRole("button", { name: "Số của sổ theo dõi" }).click();
    const dialog = page.getByRole("dialog", {
      name: "Quyển số và số thứ tự của Sổ theo dõi hồ sơ",
    });
    await dialog.getByText(/Hồ sơ tiếp nhận tiếp theo sẽ vào quyển 01\/\d{4}/).waitFor();
    const next = dialog.getByRole("textbox", { name: "Số thứ tự của hồ sơ tiếp theo" });
    await atBothWidths("register-book-dialog", "the register book dialog");

    await next.fill("1");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await dialog.getByText(/không được nhỏ hơn/).waitFor();
    await atBothWidths("register-book-refused", "the register book dialog refusing a lower line");

    await next.fill("120");
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await page
      .getByText(/Đã đặt Sổ theo dõi hồ sơ: hồ sơ tiếp theo vào quyển 01\/\d{4}, số thứ tự 000120/)
      .waitFor();
    await dialog.waitFor({ state: "detached" });

    // A dossier received now (this year's book) takes line 120.
    await page.getByRole("button", { name: "Tiếp nhận hồ sơ" }).click();
    const receive = page.getByRole("dialog", { name: "Tiếp nhận hồ sơ" });
    await chooseProcedure(page, receive, DESK_PROCEDURE.code);
    await receive.getByRole("textbox", { name: "Họ và tên người nộp" }).fill("Hoàng Thị Mai");
    await receive.getByRole("textbox", { name: "Số điện thoại" }).fill("0911 222 333");
    await receive.getByRole("button", { name: "Tiếp nhận và cấp mã" }).click();
    await page.getByRole("heading", { level: 1, name: /^Mã hồ sơ / }).waitFor();
    await page.getByText(/quyển 01\/\d{4}, số 000120/).waitFor();
  });
});

describe("the printed register book", () => {
  it("counts a period's lines and downloads them as Word", async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${app.url}/mot-cua`);
    await page.getByRole("table", { name: "Sổ theo dõi hồ sơ" }).waitFor();
    await page.getByRole("button", { name: "In sổ theo dõi" }).click();
    const dialog = page.getByRole("dialog", { name: "In Sổ theo dõi hồ sơ" });
    await dialog.getByRole("textbox", { name: "Từ ngày" }).fill("01/03/2026");
    const to = dialog.getByRole("textbox", { name: "Đến ngày" });
    await to.fill("31/03/2026");
    await to.press("Escape"); // closes the calendar only
    // The two dossiers received in March 2026 above (the first refused later: still in the book).
    await dialog.getByText("2 hồ sơ trong kỳ, quyển số 01/2026.").waitFor();
    await atBothWidths("register-print", "the register print dialog");
    expect(await dialog.isVisible()).toBe(true);
    const href = await dialog.getByRole("link", { name: "Tải Word" }).getAttribute("href");
    expect(href).toContain("from=2026-03-01&to=2026-03-31");
    const response = await page.request.get(`${app.url}${href}`);
    expect(response.status()).toBe(200);
    const { document } = await openDocx(Buffer.from(await response.body()));
    const lines = rows(tables(document)[1]!).slice(3).map(cells);
    expect(lines.map((line) => [line[0], line[4]])).toEqual([
      ["1", "Nguyễn Gia Phát"],
      ["2", "Hợp tác xã Bình Minh"],
    ]);
    const print = dialog.getByRole("link", { name: /^In sổ theo dõi hồ sơ/ });
    expect(await print.getAttribute("href")).toContain("print.pdf?from=2026-03-01&to=2026-03-31");
  });
});
