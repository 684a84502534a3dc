/**
 * Browser test of the applicant's ID number at the desk (issue 13): a wrong number is refused
 * with its message at the field and nothing is sent; a right one, typed with spaces, is received
 * and the dossier page shows it masked (its last three digits). Screens at 390 px and 1366 px,
 * each checked with axe.
 *
 * The moment of reception is explicit (02/03/2026); nothing depends on today's date. The ward,
 * its desk, its clerk and the procedure are the file's own, made with the test factories.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APPLICANT_ID_FORMAT_MESSAGE,
  APPLICANT_ID_LABEL,
} from "../src/core/dossier/applicant-id.ts";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  recordWrites,
  signInAndWait,
  type Browser,
  chooseProcedure,
} from "./support/browser.ts";
import { startAppWithPage, stopAppAndBrowser, type App } from "./support/setup.ts";
import { DESK_PROCEDURE, makeDeskWard, type DeskWard } from "./support/worlds/desk-ward.ts";

const WIDTHS = [
  { name: "390", width: 390, height: 844 },
  { name: "1366", width: 1366, height: 900 },
] as const;

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

/** Screenshots and axe at both widths, back to the wide one. */
async function atBothWidths(name: string, where: string) {
  for (const { name: width, ...size } of WIDTHS) {
    await page.setViewportSize(size);
    await expectNoSeriousA11yViolations(page, `${where} at ${width} px`);
    await saveScreenshot(page, `applicant-id/${name}-${width}.png`);
  }
}

describe("the applicant's ID number at the desk", () => {
  let dialog: Locator;
  let idField: Locator;

  it("refuses a wrong number with its message at the field, and sends nothing", async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${app.url}/mot-cua`);
    await page.getByRole("button", { name: "Tiếp nhận hồ sơ" }).click();
    dialog = page.getByRole("dialog", { name: "Tiếp nhận hồ sơ" });
    await chooseProcedure(page, dialog, DESK_PROCEDURE.code);
    await dialog.getByRole("textbox", { name: "Họ và tên người nộp" }).fill("Trịnh Văn Định");
    await dialog.getByRole("textbox", { name: "Số điện thoại" }).fill("0977 111 222");
    await dialog.getByRole("textbox", { name: /^Thời điểm tiếp nhận/ }).fill("02/03/2026 09:00");
    idField = dialog.getByRole("textbox", { name: APPLICANT_ID_LABEL });

    writes.length = 0;
    await idField.fill("0012 0300 456");
    await dialog.getByRole("button", { name: "Tiếp nhận và cấp mã" }).click();
    await dialog.getByText(APPLICANT_ID_FORMAT_MESSAGE, { exact: true }).waitFor();
    expect(await idField.getAttribute("aria-invalid")).toBe("true");
    // The message is the field's own (read with it by a screen reader).
    const describedBy = (await idField.getAttribute("aria-describedby")) ?? "";
    const messages = await Promise.all(
      describedBy
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(messages).toContain(APPLICANT_ID_FORMAT_MESSAGE);

    // Twelve digits, but 999 is no province's code.
    await idField.fill("999 203 004 567");
    await dialog.getByRole("button", { name: "Tiếp nhận và cấp mã" }).click();
    await dialog.getByText(/3 chữ số đầu \(999\)/).waitFor();
    await atBothWidths("receive-refused", "the receive form with a refused ID number");
    expect(await dialog.isVisible()).toBe(true);
    expect(writes).toEqual([]);
  });

  it("receives a right number, typed with spaces, and the dossier page shows it masked", async () => {
    await idField.fill("001 203 004 567");
    await expect.poll(() => idField.getAttribute("aria-invalid")).not.toBe("true");
    await dialog.getByRole("button", { name: "Tiếp nhận và cấp mã" }).click();
    await page.getByRole("heading", { level: 1, name: /^Mã hồ sơ / }).waitFor();
    expect(writes).toEqual(["POST /api/dossiers"]);
    await page.getByText("*********567", { exact: true }).waitFor();
    const body = (await page.locator("body").textContent()) ?? "";
    expect(body).not.toContain("001203004567");
    expect(body).not.toContain("001 203 004 567");
    await atBothWidths("dossier-masked", "the dossier page with the masked ID number");
  });
});
