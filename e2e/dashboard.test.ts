/**
 * Browser test of the dashboards against the real built app and a fresh database: the clerk
 * of Phường Bãi Cháy receives a dossier in March 2026 and closes it after its due date; the unit's
 * dashboard for that month then shows one more resolved dossier and no more on time, fewer 766
 * points for the progress indicator and in total, and the "late" drill-down lists the dossier.
 * Every date is explicit (the dossier's receipt and closing, the dashboard's period in its URL):
 * nothing depends on today's date. The upper level's page and the phone width are checked too.
 *
 * The province, the ward (Phường Bãi Cháy, with its desk and procedure 1.004873) and two more
 * communes under the province, the ward's clerk and the province's reviewer are the file's own,
 * made with the test factories; the month starts with two dossiers resolved on time, entered
 * through the API, so there is a rate and a score to move.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  signInAndWait,
  type Browser,
  chooseProcedure,
} from "./support/browser.ts";
import {
  apiSession,
  newPage,
  startAppAndBrowser,
  stopAppAndBrowser,
  type App,
} from "./support/setup.ts";
import { makeDeskWard, type DeskWard } from "./support/worlds/desk-ward.ts";

const MARCH_2026 = "period=month&year=2026&number=3";
const APOLOGISE = "Lập văn bản xin lỗi";

let app: App;
let browser: Browser;
let world: DeskWard;
beforeAll(async () => {
  // Two more communes under the province, named so that only a Vietnamese sort orders them
  // right (Đ comes after D, not after X as its code point would put it).
  ({ app, browser, world } = await startAppAndBrowser((db) =>
    makeDeskWard(db, {
      otherWards: [
        { name: "Xã Yên Thanh", kind: "xa" },
        { name: "Đặc khu Cô Tô", kind: "dac_khu" },
      ],
    }),
  ));
});

/**
 * Two dossiers received and resolved on their day of receipt in March 2026, through the API with
 * the clerk's session: the month's on-time rate and 766 progress points start from them.
 */
async function resolvedOnTime(page: Page) {
  const api = await apiSession(page, app.url);
  for (const day of ["2026-03-02", "2026-03-03"]) {
    const received = await api.post(
      "/api/dossiers",
      {
        procedureId: world.procedure.id,
        applicantName: "Trịnh Văn Nam",
        applicantPhone: "0913 444 555",
        channel: "in_person",
        receivedAt: `${day} 08:30`,
      },
      201,
    );
    const path = `/api/dossiers/${received.data.id}/transitions`;
    await api.post(path, { action: "hand_over", at: `${day} 09:00`, note: "Chuyển xử lý" }, 200);
    await api.post(path, { action: "resolve", at: `${day} 15:00`, note: "Có kết quả" }, 200);
  }
}
afterAll(() => stopAppAndBrowser(browser, app));

/** "1.234" → 1234; "13,33" → 13.33 */
const number = (text: string) => Number(text.trim().replaceAll(".", "").replace(",", "."));

interface Figures {
  onTime: { numerator: number; denominator: number; text: string };
  progressPoints: number;
  total: number;
}

async function readDashboard(page: Page): Promise<Figures> {
  await page.goto(`${app.url}/bang-dieu-khien?${MARCH_2026}`);
  await page.getByRole("heading", { name: "Bảng điều khiển", level: 1 }).waitFor();
  const card = page.getByTestId("rate-on_time_rate");
  await card.waitFor();
  const fraction = await card.getByTestId("rate-fraction").innerText();
  const match = /^([\d.]+) trên ([\d.]+)$/.exec(fraction.trim());
  expect(match, fraction).not.toBeNull();
  await page.getByTestId("index-766-total").waitFor();
  return {
    onTime: {
      numerator: number(match![1]!),
      denominator: number(match![2]!),
      text: await card.getByTestId("rate-value").innerText(),
    },
    progressPoints: number(await page.getByTestId("points-ON_TIME").innerText()),
    total: number(await page.getByTestId("index-766-total").innerText()),
  };
}

/** Takes a step on the dossier page at the given moment (dd/mm/yyyy HH:mm). */
async function act(page: Page, label: string, at: string) {
  await page.getByRole("button", { name: label, exact: true }).click();
  const modal = page.getByRole("dialog", { name: label });
  await modal.getByRole("textbox", { name: /^Thời điểm/ }).fill(at);
  await modal.getByRole("button", { name: "Xác nhận" }).click();
  await modal.waitFor({ state: "detached" });
}

describe("dashboards in the browser", () => {
  it("a dossier closed late moves the on-time rate and the 766 points; the drill-down lists it", async () => {
    await browser.context.clearCookies();
    const page = await newPage(browser, 20_000);
    try {
      await signInAndWait(page, app.url, world.users.clerk);
      await resolvedOnTime(page);
      const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
      await nav.getByRole("link", { name: "Bảng điều khiển", exact: true }).waitFor();

      const before = await readDashboard(page);
      expect(before.onTime).toMatchObject({ numerator: 2, denominator: 2 });
      expect(await page.getByTestId("dashboard-period").innerText()).toContain("Tháng 3/2026");
      await expectNoSeriousA11yViolations(page, "the unit's dashboard");

      // Received on Tuesday 10/03/2026 (3 working days: due 13/03), resolved on 25/03: late.
      await page.goto(`${app.url}/mot-cua`);
      await page.getByRole("button", { name: "Tiếp nhận hồ sơ" }).click();
      const dialog = page.getByRole("dialog", { name: "Tiếp nhận hồ sơ" });
      await chooseProcedure(page, dialog, "1.004873");
      await dialog.getByRole("textbox", { name: "Họ và tên người nộp" }).fill("Vũ Thị Thu");
      await dialog.getByRole("textbox", { name: "Số điện thoại" }).fill("0915 222 333");
      await dialog.getByRole("textbox", { name: /^Thời điểm tiếp nhận/ }).fill("10/03/2026 08:30");
      await dialog.getByRole("button", { name: "Tiếp nhận và cấp mã" }).click();
      const heading = page.getByRole("heading", { level: 1, name: /^Mã hồ sơ / });
      await heading.waitFor();
      const code = (await heading.innerText()).replace("Mã hồ sơ ", "").trim();
      await act(page, "Chuyển xử lý", "10/03/2026 09:00");
      // Past its due date the desk closes a dossier only after its apology letter (which never
      // makes it on time).
      await page.getByRole("button", { name: APOLOGISE, exact: true }).click();
      const apology = page.getByRole("dialog", { name: /xin lỗi/ });
      await apology.getByRole("textbox", { name: /^Lý do chậm trễ/ }).fill("Cần xác minh thêm");
      await apology.getByRole("textbox", { name: /^Ngày hẹn trả mới/ }).fill("24/03/2026");
      await apology.getByRole("textbox", { name: /^Thời điểm/ }).fill("16/03/2026 09:00");
      await apology.getByRole("button", { name: "Xác nhận" }).click();
      await apology.waitFor({ state: "detached" });
      // The new return date replaces the due date, the original one shown struck through.
      expect(await page.getByTestId("original-due-date").innerText()).toMatch(/\d\d\/03\/2026/);
      await act(page, "Có kết quả giải quyết", "25/03/2026 10:00");
      await page.getByText("Đã có kết quả", { exact: true }).first().waitFor();

      const after = await readDashboard(page);
      // One more dossier resolved in March, not on time: the rate is recomputed from its counts.
      expect(after.onTime.numerator).toBe(before.onTime.numerator);
      expect(after.onTime.denominator).toBe(before.onTime.denominator + 1);
      expect(after.onTime.text).not.toBe(before.onTime.text);
      // 766 "Tiến độ giải quyết": one more dossier to process, none more within its due date.
      expect(after.progressPoints).toBeLessThan(before.progressPoints);
      expect(after.total).toBeLessThan(before.total);
      await saveScreenshot(page, "dashboard-unit.png");

      // The drill-down of the late dossiers lists it, and links to its page.
      await page
        .getByRole("table", { name: "Số hồ sơ trong kỳ" })
        .getByRole("link", { name: /^Hồ sơ giải quyết trễ hạn: / })
        .click();
      await page.getByRole("heading", { level: 1, name: /Hồ sơ giải quyết trễ hạn/ }).waitFor();
      const list = page.getByRole("table", { name: "Danh sách hồ sơ" });
      await list.waitFor();
      await expectNoSeriousA11yViolations(page, "the drill-down list");
      await list.getByRole("link", { name: code }).click();
      await page.getByRole("heading", { level: 1, name: `Mã hồ sơ ${code}` }).waitFor();

      // The register and the citizen's public lookup show the new date the same way.
      await page.goto(`${app.url}/mot-cua`);
      await page.getByRole("textbox", { name: "Tìm theo mã hồ sơ hoặc tên người nộp" }).fill(code);
      const registerRow = page.getByRole("row").filter({ hasText: "Vũ Thị Thu" });
      await registerRow.getByText("24/03/2026").waitFor();
      await registerRow.getByTestId("original-due-date").waitFor();
      await page.goto(`${app.url}/tra-cuu?ma=${encodeURIComponent(code)}`);
      // The whole number, as the citizen would type it, proves the phone like its last four digits.
      await page.getByRole("textbox", { name: /^4 số cuối điện thoại/ }).fill("0915 222 333");
      await page.getByRole("button", { name: "Tra cứu" }).click();
      const result = page.getByRole("region", { name: "Kết quả tra cứu" });
      await result.getByText("24/03/2026").waitFor();
      await result.getByTestId("original-due-date").waitFor();
      await saveScreenshot(page, "dossier-lookup-new-date.png");
    } finally {
      await page.close();
    }
  });

  it("the upper level sees its units side by side, and the dashboard reads at 390 px", async () => {
    await browser.context.clearCookies();
    const page = await newPage(browser, 20_000);
    try {
      await signInAndWait(page, app.url, world.users.reviewer);
      await page.goto(`${app.url}/bang-dieu-khien/don-vi-truc-thuoc?${MARCH_2026}`);
      const table = page.getByRole("table", { name: "Các đơn vị trực thuộc" });
      await table.waitFor();
      const rows = table.locator("tbody tr");
      expect(await rows.count()).toBeGreaterThan(0);
      expect(await table.locator("tfoot").innerText()).toContain("Tổng của đơn vị");
      // Sorting by name puts the rows in Vietnamese order.
      await page.getByRole("button", { name: "Sắp xếp theo Đơn vị" }).click();
      const names = await rows.locator("td:first-child").allInnerTexts();
      expect(names).toEqual([...names].sort(new Intl.Collator("vi").compare));
      await expectNoSeriousA11yViolations(page, "the units side by side");
      await saveScreenshot(page, "dashboard-units.png");

      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${app.url}/bang-dieu-khien?${MARCH_2026}`);
      await page.getByTestId("index-766-total").waitFor();
      await page.getByTestId("trend-chart").locator("svg").waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await saveScreenshot(page, "dashboard-phone.png");
    } finally {
      await page.close();
    }
  });
});
