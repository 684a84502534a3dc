/**
 * Browser test of voiding wrongly imported dossiers: the administrator imports two files for
 * Phường Bãi Cháy (through the API, as the import page would), voids one dossier from its page with
 * a reason ("Hủy hồ sơ nhập sai") and a whole run from the import page's list of recent runs.
 * The clerk sees neither action.
 *
 * The ward (Phường Bãi Cháy, 06658, its desk's agency code 000.01.22.H99), the procedure 1.004873,
 * the province's administrator and the ward's clerk are the file's own, made with the test
 * factories (e2e/support/worlds/desk-ward.ts).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  signIn,
  signInAndWait,
  signOut,
  type Browser,
  chooseOption,
} from "./support/browser.ts";
import { newPage, startAppAndBrowser, stopAppAndBrowser, type App } from "./support/setup.ts";
import {
  DESK_PROCEDURE,
  DESK_WARD,
  makeDeskWard,
  type DeskWard,
} from "./support/worlds/desk-ward.ts";

const HEADER = "Mã hồ sơ;Mã TTHC;Tên người nộp;Số điện thoại;Ngày tiếp nhận;Hạn xử lý;Trạng thái";

let app: App;
let browser: Browser;
let world: DeskWard;
beforeAll(async () => {
  ({ app, browser, world } = await startAppAndBrowser((db) => makeDeskWard(db)));
});
afterAll(() => stopAppAndBrowser(browser, app));

/** Imports rows for Phường Bãi Cháy with the page's session; answers the finished run. */
async function importRows(page: Page, rows: [code: string, name: string][]) {
  const me = await page.request.get(`${app.url}/api/auth/me`);
  const csrf = (await me.json()).data.csrfToken as string;
  const units = (await (await page.request.get(`${app.url}/api/units`)).json()).data;
  const unitId = units.find((u: { code: string }) => u.code === DESK_WARD.wardCode).id as string;
  expect(unitId).toBe(world.ward.id);
  const lines = rows.map(([code, name]) =>
    [
      code,
      DESK_PROCEDURE.code,
      name,
      "0911 222 333",
      "10/03/2026 08:00",
      "13/03/2026",
      "Đã tiếp nhận",
    ].join(";"),
  );
  const started = await page.request.post(`${app.url}/api/dossier-imports`, {
    headers: { "x-csrf-token": csrf },
    multipart: {
      unitId,
      file: {
        name: "nhap-nham.csv",
        mimeType: "text/csv",
        buffer: Buffer.from([HEADER, ...lines, ""].join("\r\n"), "utf8"),
      },
    },
  });
  expect(started.status(), await started.text()).toBe(202);
  const id = (await started.json()).data.id as string;
  for (let i = 0; i < 300; i++) {
    const run = (await (await page.request.get(`${app.url}/api/dossier-imports/${id}`)).json())
      .data;
    if (run.state !== "running") return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("import did not finish");
}

describe("voiding wrongly imported dossiers in the browser", () => {
  it("voids one dossier from its page and a whole run from the import page", async () => {
    const page = await newPage(browser, 15_000);
    try {
      await signInAndWait(page, app.url, world.users.admin);
      const single = await importRows(page, [["000.01.22.H99-260310-8801", "Nhập Nhầm Một"]]);
      expect(single.inserted).toBe(1);
      const run = await importRows(page, [
        ["000.01.22.H99-260310-8802", "Nhập Nhầm Hai"],
        ["000.01.22.H99-260310-8803", "Nhập Nhầm Ba"],
      ]);
      expect(run.inserted).toBe(2);

      // One dossier, from its page.
      await page.goto(`${app.url}/mot-cua`);
      await page.getByRole("textbox", { name: /Tìm theo mã hồ sơ/ }).fill("260310-8801");
      await page.getByText("1 hồ sơ", { exact: true }).waitFor(); // the search has answered
      await page.getByRole("link", { name: "000.01.22.H99-260310-8801" }).click();
      await page.getByRole("heading", { level: 1, name: /260310-8801/ }).waitFor();
      await page.getByRole("button", { name: "Hủy hồ sơ nhập sai" }).click();
      const dialog = page.getByRole("dialog", { name: /Hủy hồ sơ nhập sai/ });
      await dialog
        .getByRole("textbox", { name: /Lý do hủy/ })
        .fill("Nhập nhầm tệp của phường khác");
      await expectNoSeriousA11yViolations(page, "the void dialog");
      await dialog.getByRole("button", { name: "Hủy hồ sơ" }).click();
      await dialog.waitFor({ state: "detached" });
      const alert = page.getByRole("alert").filter({ hasText: "Hồ sơ đã bị hủy (nhập sai)" });
      await alert.waitFor();
      expect(await alert.innerText()).toContain("Lý do: Nhập nhầm tệp của phường khác");
      expect(await page.getByRole("button", { name: "Hủy hồ sơ nhập sai" }).count()).toBe(0);
      await saveScreenshot(page, "dossier-voided.png");

      // A whole run, from the import page's recent runs.
      await page.goto(`${app.url}/mot-cua/nhap-ho-so`);
      await chooseOption(
        page,
        page.getByRole("combobox", { name: /Đơn vị nhận hồ sơ/ }),
        /Phường Bãi Cháy \(06658\)/,
        "Bãi Cháy",
      );
      const table = page.getByRole("region", { name: "Các lượt nhập gần đây" });
      await table.waitFor();
      await table.getByRole("button", { name: "Hủy các hồ sơ của lượt nhập" }).first().click();
      const runDialog = page.getByRole("dialog", { name: /Hủy các hồ sơ nhập sai của lượt nhập/ });
      await runDialog.getByRole("textbox", { name: /Lý do hủy/ }).fill("Tệp xuất sai kỳ");
      await runDialog.getByRole("button", { name: "Hủy hồ sơ" }).click();
      await runDialog.waitFor({ state: "detached" });
      await table.getByText("Đã hủy 2 hồ sơ. Lý do: Tệp xuất sai kỳ").waitFor();
      await saveScreenshot(page, "import-run-voided.png");

      // The clerk sees the dossiers neither in the register nor with a void action.
      await signOut(page);
      await signIn(page, world.users.clerk);
      await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();
      const list = await page.request.get(`${app.url}/api/dossiers?q=260310-88`);
      expect((await list.json()).total).toBe(0);
      const voided = await page.request.get(`${app.url}/api/dossiers?q=260310-88&voided=true`);
      const rows = (await voided.json()).data as { can: { void: boolean } }[];
      expect(rows).toHaveLength(3);
      expect(rows.every((d) => !d.can.void)).toBe(true);
    } catch (error) {
      await saveScreenshot(page, "dossier-void-failure.png");
      throw error;
    } finally {
      await page.close();
    }
  });
});
