/**
 * Browser test of the SIPAS trend chart against the real built app and a fresh database: a
 * clerk (of the file's own ward, made with the test factories) types in dated paper forms in two months of 2025 (30 forms in May, 4 in June; dates
 * fixed, nothing depends on today's date), then the surveys page draws the overall, service and
 * policy indices as lines, one point per month, June's points hollow because its sample is under
 * the questionnaire's minimum of 30 forms, with the same numbers in the table below; by quarter the
 * two months make one point. Also at phone width, without sideways scroll.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import {
  ARTIFACTS_DIR,
  expectNoSeriousA11yViolations,
  saveScreenshot,
  signInAndWait,
  type Browser,
} from "./support/browser.ts";
import { newPage, startAppAndBrowser, stopAppAndBrowser, type App } from "./support/setup.ts";
import { makeWardTeam, type WardTeam } from "../test/support/plan-fixtures.ts";

let app: App;
let browser: Browser;
let world: WardTeam<"clerk">;
beforeAll(async () => {
  ({ app, browser, world } = await startAppAndBrowser((db) => makeWardTeam(db, ["clerk"])));
});
afterAll(() => stopAppAndBrowser(browser, app));

/** The lines' colours, as `src/web/pages/sipas/trend-chart.tsx` draws them. */
const SERIES = { overall: "#1769b4", service: "#2b8a3e", policy: "#862e9c" };

/** Points drawn for a line: filled (sample large enough) and hollow (small sample). */
async function pointsOf(page: Page, color: string) {
  const svg = page.getByTestId("sipas-trend-chart").locator("svg");
  // ECharts draws each point as a path placed by a transform matrix; the legend's marks are not.
  const symbols = svg.locator(
    `path[transform^="matrix"][stroke="${color}"], path[transform^="matrix"][fill="${color}"]`,
  );
  const filled = await symbols.and(svg.locator(`path[fill="${color}"]`)).count();
  const hollow = await symbols.and(svg.locator(`path[fill="#fff"]`)).count();
  return { filled, hollow };
}

describe("SIPAS trend chart in the browser", () => {
  it("draws a point per month with June's small sample hollow, and one point per quarter", async () => {
    const page = await newPage(browser, 15_000);
    await page.setViewportSize({ width: 1366, height: 900 });
    try {
      await signInAndWait(page, app.url, world.users.clerk);
      const me = await (await page.request.get(`${app.url}/api/auth/me`)).json();
      const unitId = me.data.user.unit.id as string;
      expect(unitId).toBe(world.ward.id);
      const enter = async (answeredOn: string, answers: Record<string, number>) => {
        const response = await page.request.post(
          `${app.url}/api/sipas/responses?unitId=${unitId}`,
          {
            headers: { "x-csrf-token": me.data.csrfToken },
            data: { answeredOn, answers },
          },
        );
        expect(response.status(), await response.text()).toBe(201);
      };
      // May 2025: 30 forms; item 15 (service) 27 satisfied → 90 %, item 1 (policy) 20 → 66,67 %.
      for (let i = 0; i < 30; i++) {
        const day = `2025-05-${String(1 + (i % 28)).padStart(2, "0")}`;
        await enter(day, { "15": i < 27 ? 5 : 2, "1": i < 20 ? 4 : 1 });
      }
      // June 2025: 4 forms; service 3/4 → 75 %, policy 1/4 → 25 %.
      for (let i = 0; i < 4; i++) {
        await enter(`2025-06-${String(2 + i).padStart(2, "0")}`, {
          "15": i < 3 ? 5 : 2,
          "1": i < 1 ? 5 : 2,
        });
      }

      await page.goto(`${app.url}/khao-sat?don-vi=${unitId}&tu=2025-05-01&den=2025-06-30`);
      await page.getByRole("heading", { name: "Khảo sát sự hài lòng (SIPAS)", level: 1 }).waitFor();
      // The chart's numbers as a table below it: one row per month, June's with the warning.
      const table = page.getByRole("table", { name: "Diễn biến theo kỳ" });
      const rows = table.locator("tbody tr");
      await expect.poll(() => rows.count()).toBe(2);
      const may = await rows.nth(0).innerText();
      const june = await rows.nth(1).innerText();
      expect(may).toContain("Tháng 05/2025");
      expect(may).toContain("78,33 %");
      expect(may).not.toContain("Mẫu nhỏ");
      expect(june).toContain("Tháng 06/2025");
      expect(june).toContain("Mẫu nhỏ (dưới 30 phiếu)");

      // Three lines, two points each: May filled, June hollow.
      for (const color of Object.values(SERIES)) {
        await expect.poll(() => pointsOf(page, color)).toEqual({ filled: 1, hollow: 1 });
      }
      const note = page.getByTestId("sipas-trend-note");
      expect(await note.innerText()).toContain("Điểm rỗng ○: mẫu nhỏ (n < 30 phiếu)");
      expect(await note.innerText()).toContain("1/2 kỳ có mẫu nhỏ.");

      // The tooltip of May's points, decimal comma and sample size.
      const chart = page.getByTestId("sipas-trend-chart");
      const mayPoint = chart.locator(`svg path[transform^="matrix"][fill="${SERIES.overall}"]`);
      await chart.scrollIntoViewIfNeeded();
      const box = (await mayPoint.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await expect
        .poll(() => chart.innerText())
        .toContain("Chỉ số hài lòng chung: 78,33 % (30 phiếu)");
      expect(await chart.innerText()).toContain("Chính sách: 66,67 % (30 phiếu)");
      await page.mouse.move(0, 0);
      await expectNoSeriousA11yViolations(page, "the surveys page with the trend chart");
      await saveScreenshot(page, "sipas-trend-desktop.png");

      // At phone width: the chart and table fit, nothing scrolls sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload();
      await expect.poll(() => pointsOf(page, SERIES.overall)).toEqual({ filled: 1, hollow: 1 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.getByTestId("sipas-trend-chart").scrollIntoViewIfNeeded();
      await saveScreenshot(page, "sipas-trend-phone.png");
      // The trend part alone (the whole page is long at this width).
      const at = (await page.getByTestId("sipas-trend-chart").boundingBox())!;
      const scrollY = await page.evaluate(() => window.scrollY);
      await page.screenshot({
        path: join(ARTIFACTS_DIR, "sipas-trend-phone-chart.png"),
        fullPage: true,
        clip: { x: 0, y: scrollY + at.y - 80, width: 390, height: at.height + 420 },
      });

      // By quarter: one point per line, 34 forms, not a small sample.
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.locator("label").filter({ hasText: /^Quý$/ }).click();
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.nth(0).innerText()).toContain("Quý II/2025");
      for (const color of Object.values(SERIES)) {
        await expect.poll(() => pointsOf(page, color)).toEqual({ filled: 1, hollow: 0 });
      }
      expect(await note.innerText()).not.toContain("kỳ có mẫu nhỏ");
    } finally {
      await page.close();
    }
  });
});
