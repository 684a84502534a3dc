/**
 * Browser journey: the province's reviewer opens the province plan, reads its reporting schedule
 * under "Chế độ báo cáo" and turns it into report kinds with one button; the reports page then
 * lists them as drafts with the plan's deadlines. A world of its own, built with the factories.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Executor } from "../src/server/db/database.ts";
import { SYSTEM_ACTOR } from "../src/server/services/actor.ts";
import { createPlan } from "../src/server/services/plan.service.ts";
import { makeWardTeam } from "../test/support/plan-fixtures.ts";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  signIn,
  type Browser,
} from "./support/browser.ts";
import { startAppWithPage, stopAppAndBrowser, type App } from "./support/setup.ts";

async function provinceWithSchedule(db: Executor) {
  const team = await makeWardTeam(db, ["reviewer"], {
    provinceName: "Tỉnh Bắc Lâm",
    wardName: "Phường Lâm Hà",
  });
  const plan = await createPlan(db, SYSTEM_ACTOR, {
    unitId: team.province.id,
    title: "Cải cách hành chính tỉnh Bắc Lâm năm 2026",
    period: { kind: "year", year: 2026 },
    reportSchedule: [
      {
        kind: "quarterly",
        due: { rule: "day_of_last_month_of_quarter", day: 12 },
        text: "Các sở, ngành, địa phương báo cáo định kỳ hằng quý trước ngày 12 của tháng cuối quý",
      },
      {
        kind: "monthly",
        due: { rule: "day_of_month", day: 20 },
        text: "báo cáo hằng tháng trước ngày 20",
      },
      {
        kind: "yearly",
        due: { rule: "fixed_date", day: 20, month: 11 },
        text: "báo cáo năm trước ngày 20 tháng 11",
      },
    ],
  });
  return { ...team, planId: plan.data.id };
}

let app: App;
let browser: Browser;
let page: Page;
let world: Awaited<ReturnType<typeof provinceWithSchedule>>;

beforeAll(async () => {
  ({ app, browser, page, world } = await startAppWithPage(15_000, provinceWithSchedule));
  await page.goto(`${app.url}/dang-nhap`);
});

afterAll(() => stopAppAndBrowser(browser, app));

describe("a plan's reporting schedule", () => {
  it("becomes the province's report kinds from the plan page", async () => {
    await signIn(page, world.users.reviewer);
    await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();
    await page.goto(`${app.url}/ke-hoach/${world.planId}?tab=thong-tin`);
    const section = page.getByRole("heading", { name: "Chế độ báo cáo" });
    await section.waitFor();
    await page.getByText("Báo cáo quý: trước ngày 12 tháng cuối quý").waitFor();
    await page.getByText("Báo cáo năm: trước ngày 20/11").waitFor();
    await expectNoSeriousA11yViolations(page, "plan info with its reporting schedule");

    await page.getByRole("button", { name: "Tạo loại báo cáo theo chế độ này" }).click();
    const status = page.getByRole("status").filter({ hasText: "Đã tạo" });
    await status.waitFor();
    expect(await status.innerText()).toContain("Đã tạo 2 loại báo cáo (bản nháp).");
    expect(await status.innerText()).toContain(
      "Báo cáo tháng: lịch báo cáo chưa có kỳ báo cáo tháng.",
    );
    await saveScreenshot(page, "plan-report-schedule-created.png");

    await page.getByRole("link", { name: "Mở trang Báo cáo" }).click();
    const kinds = page.getByText("Báo cáo quý về công tác cải cách hành chính");
    await kinds.first().waitFor();
    await page.getByText("trước ngày 12 tháng cuối quý").first().waitFor();
    await page.getByText("Báo cáo năm về công tác cải cách hành chính").first().waitFor();
    await saveScreenshot(page, "plan-report-schedule-kinds.png");
  });
});
