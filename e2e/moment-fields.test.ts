/**
 * Browser test of the desk's and the feedback's moment fields (dd/mm/yyyy HH:mm), all the one
 * DateField with `withTime`: an impossible day or hour is refused with its message at the field,
 * the text stays as typed, and nothing is sent (an empty moment means "now", so a refused one must
 * never be sent as empty); a good moment is saved and shown as typed.
 *
 * Every moment is explicit (March 2026); nothing depends on today's date. The ward, its desk, its
 * clerk and the procedure are the file's own, made with the test factories.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  recordWrites,
  signInAndWait,
  type Browser,
  chooseOption,
  chooseProcedure,
} from "./support/browser.ts";
import { startAppWithPage, stopAppAndBrowser, type App } from "./support/setup.ts";
import { DESK_PROCEDURE, makeDeskWard, type DeskWard } from "./support/worlds/desk-ward.ts";

let app: App;
let browser: Browser;
let page: Page;
/** The writes the page sent ("POST /api/dossiers"). */
let writes: string[];

beforeAll(async () => {
  let world: DeskWard;
  ({ app, browser, page, world } = await startAppWithPage(20_000, (db) => makeDeskWard(db)));
  writes = recordWrites(page);
  await signInAndWait(page, app.url, world.users.clerk);
});

afterAll(() => stopAppAndBrowser(browser, app));

/** Types a moment, and waits for the field's message (or for none). */
async function typeMoment(dialog: Locator, field: Locator, text: string, message: string | null) {
  await field.fill(text);
  await field.blur();
  if (message) await dialog.getByText(message, { exact: true }).waitFor();
  else await expect.poll(() => field.getAttribute("aria-invalid")).not.toBe("true");
  expect(await field.inputValue()).toBe(text);
}

describe("moment fields (dd/mm/yyyy HH:mm)", () => {
  it("the desk: receiving and moving a dossier refuse an impossible moment at the field", async () => {
    await page.goto(`${app.url}/mot-cua`);
    await page.getByRole("button", { name: "Tiếp nhận hồ sơ" }).click();
    const dialog = page.getByRole("dialog", { name: "Tiếp nhận hồ sơ" });
    await chooseProcedure(page, dialog, DESK_PROCEDURE.code);
    await dialog.getByRole("textbox", { name: "Họ và tên người nộp" }).fill("Hoàng Văn Tùng");
    await dialog.getByRole("textbox", { name: "Số điện thoại" }).fill("0912 345 678");
    const receivedAt = dialog.getByRole("textbox", { name: /^Thời điểm tiếp nhận/ });

    writes.length = 0;
    await typeMoment(dialog, receivedAt, "31/02/2026 08:30", "Ngày 31/02/2026 không có trên lịch.");
    await dialog.getByRole("button", { name: "Tiếp nhận và cấp mã" }).click();
    await typeMoment(dialog, receivedAt, "10/03/2026 25:00", "Giờ không hợp lệ (00:00–23:59).");
    await dialog.getByRole("button", { name: "Tiếp nhận và cấp mã" }).click();
    await expectNoSeriousA11yViolations(page, "the receive form with a refused moment");
    await saveScreenshot(page, "moment-fields/receive-refused.png");
    // Refused twice: still open, nothing sent (an empty moment would have been "now").
    expect(await dialog.isVisible()).toBe(true);
    expect(writes).toEqual([]);

    await typeMoment(dialog, receivedAt, "10/03/2026 08:30", null);
    await dialog.getByRole("button", { name: "Tiếp nhận và cấp mã" }).click();
    await page.getByRole("heading", { level: 1, name: /^Mã hồ sơ / }).waitFor();
    expect(writes).toEqual(["POST /api/dossiers"]);
    await page.getByText("10/03/2026 08:30", { exact: true }).first().waitFor();

    // A step's moment: refused at the field, the step cannot be confirmed until it is right.
    await page.getByRole("button", { name: "Chuyển xử lý", exact: true }).click();
    const step = page.getByRole("dialog", { name: "Chuyển xử lý" });
    const at = step.getByRole("textbox", { name: /^Thời điểm/ });
    await typeMoment(step, at, "32/03/2026 09:00", "Ngày 32/03/2026 không có trên lịch.");
    expect(await step.getByRole("button", { name: "Xác nhận" }).isDisabled()).toBe(true);
    await typeMoment(step, at, "10/03/2026 09:15", null);
    await step.getByRole("button", { name: "Xác nhận" }).click();
    await step.waitFor({ state: "detached" });
    await page.getByText("10/03/2026 09:15", { exact: false }).first().waitFor();
    expect(writes.filter((w) => w.endsWith("/transitions"))).toHaveLength(1);
  });

  it("feedback: registering and a step refuse an impossible moment at the field", async () => {
    await page.goto(`${app.url}/phan-anh-kien-nghi`);
    await page.getByRole("button", { name: "Tiếp nhận phản ánh" }).click();
    const dialog = page.getByRole("dialog", { name: "Tiếp nhận phản ánh, kiến nghị" });
    await dialog.getByRole("textbox", { name: "Họ và tên người gửi" }).fill("Ngô Thị Lan");
    await dialog.getByRole("textbox", { name: "Số điện thoại" }).fill("0987 654 321");
    await dialog.getByRole("textbox", { name: "Tiêu đề" }).fill("Đèn đường tổ 5 không sáng");
    await dialog
      .getByRole("textbox", { name: "Nội dung phản ánh, kiến nghị" })
      .fill("Đèn đường tổ 5 khu 3 không sáng từ đầu tháng.");
    const receivedAt = dialog.getByRole("textbox", { name: /^Thời điểm tiếp nhận/ });

    writes.length = 0;
    // 2026 is not a leap year.
    await typeMoment(dialog, receivedAt, "29/02/2026 10:00", "Ngày 29/02/2026 không có trên lịch.");
    await dialog.getByRole("button", { name: "Tiếp nhận", exact: true }).click();
    expect(await dialog.isVisible()).toBe(true);
    expect(writes).toEqual([]);

    await typeMoment(dialog, receivedAt, "02/03/2026 10:15", null);
    await dialog.getByRole("button", { name: "Tiếp nhận", exact: true }).click();
    await page.getByRole("button", { name: "Phân loại", exact: true }).waitFor();
    expect(writes).toEqual(["POST /api/feedback"]);
    await page.getByText("02/03/2026 10:15", { exact: true }).first().waitFor();

    await page.getByRole("button", { name: "Phân loại", exact: true }).click();
    const step = page.getByRole("dialog", { name: "Phân loại" });
    await chooseOption(
      page,
      step.getByRole("combobox", { name: "Loại phản ánh, kiến nghị" }),
      "Quy định hành chính",
    );
    const at = step.getByRole("textbox", { name: /^Thời điểm/ });
    await typeMoment(step, at, "03/03/2026 24:00", "Giờ không hợp lệ (00:00–23:59).");
    await step.getByRole("button", { name: "Xác nhận" }).click();
    expect(await step.isVisible()).toBe(true);
    expect(writes.filter((w) => w.endsWith("/transitions"))).toEqual([]);
    await typeMoment(step, at, "03/03/2026 08:05", null);
    await step.getByRole("button", { name: "Xác nhận" }).click();
    await step.waitFor({ state: "detached" });
    await page.getByText("Đã phân loại", { exact: true }).first().waitFor();
    await page.getByText("03/03/2026 08:05", { exact: false }).first().waitFor();
    expect(writes.filter((w) => w.endsWith("/transitions"))).toHaveLength(1);
  });
});
