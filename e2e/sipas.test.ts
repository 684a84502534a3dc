/**
 * Browser test of the SIPAS survey against the real built app, on the file's own ward (made with
 * the test factories: its desk, a procedure, the clerk and the focal officer): a citizen
 * answers on the public page at phone width (reached by a desk's QR code), another at the desk's
 * kiosk, which starts again by itself after the answer and after a pause; the clerk then sees the
 * answers in the ward's indices, with the small-sample warning, and types in a paper form. A plan's
 * satisfaction target measured from a few dated paper forms carries the same warning on the plan
 * page (dates fixed in 2025; nothing depends on today's date).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  signIn,
  signInAndWait,
  type Browser,
  type Credentials,
} from "./support/browser.ts";
import { newPage, startAppAndBrowser, stopAppAndBrowser, type App } from "./support/setup.ts";
import type { Executor } from "../src/server/db/database.ts";
import { makeWardWorld, type WardWorld } from "../test/support/desk-fixtures.ts";
import { makeProcedure } from "../test/support/factories.ts";

/** A ward with its desk, its staff and one procedure (its field is offered on the survey). */
async function surveyedWard(db: Executor): Promise<WardWorld> {
  const world = await makeWardWorld(db);
  await makeProcedure(db, world.ward, { code: "1.001193", name: "Thủ tục đăng ký khai sinh" });
  return world;
}

let app: App;
let browser: Browser;
let world: WardWorld;
beforeAll(async () => ({ app, browser, world } = await startAppAndBrowser(surveyedWard)));
afterAll(() => stopAppAndBrowser(browser, app));

describe("SIPAS survey in the browser", () => {
  it("a citizen answers on a phone from the desk's QR code", async () => {
    const page = await newPage(browser, 15_000);
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(
        `${app.url}/danh-gia/${world.ward.code}?quay=${encodeURIComponent("Quầy số 2")}`,
      );
      await page.getByRole("heading", { name: "Đánh giá sự hài lòng", level: 1 }).waitFor();
      await page.getByText(`${world.ward.name} — Quầy: Quầy số 2`).waitFor();
      const item = (text: string) => page.getByRole("radiogroup", { name: text });
      await item("23. Công chức có thái độ lịch sự, tôn trọng người dân")
        .getByRole("radio", { name: "Rất hài lòng", exact: true })
        .check();
      await item("28. Nhận kết quả đúng hẹn")
        .getByRole("radio", { name: "Hài lòng", exact: true })
        .check();
      await item("21. Phí, lệ phí phải nộp đúng quy định")
        .getByRole("radio", { name: "Bình thường", exact: true })
        .check();
      // Nothing overflows the phone's width.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await expectNoSeriousA11yViolations(page, "the public survey page");
      await page.getByRole("button", { name: "Gửi đánh giá" }).click();
      const sent = page.getByRole("region", { name: "Cảm ơn Ông/Bà đã đánh giá" });
      await sent.waitFor();
      expect(await sent.innerText()).toContain(world.ward.name);
      await saveScreenshot(page, "sipas-phone-sent.png");
    } finally {
      await page.close();
    }
  });

  it("the kiosk takes one answer at a time and starts again by itself", async () => {
    const page = await newPage(browser, 15_000);
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      // A long pause first: the checks below take a while on a busy machine.
      await page.goto(`${app.url}/danh-gia/${world.ward.code}/kiosk?nghi=300`);
      const start = page.getByRole("button", { name: "Bắt đầu đánh giá" });
      await start.click();
      const progress = page.getByTestId("kiosk-progress");
      await expect.poll(() => progress.innerText()).toBe("Câu 1/19");
      await expectNoSeriousA11yViolations(page, "the kiosk");
      await saveScreenshot(page, "sipas-kiosk-question.png");
      for (let i = 1; i <= 19; i++) {
        await expect.poll(() => progress.innerText()).toBe(`Câu ${i}/19`);
        const choice = i === 5 ? "Bỏ qua" : i % 3 === 0 ? "Hài lòng" : "Rất hài lòng";
        await page.getByRole("button", { name: choice, exact: true }).click();
      }
      await page.getByRole("heading", { name: "Cảm ơn Ông/Bà!" }).waitFor();
      // The next citizen finds the start screen, not the previous answers.
      await start.waitFor({ timeout: 20_000 });

      // A citizen who walks away half-way: the form is dropped after the pause (here 5 s).
      await page.goto(`${app.url}/danh-gia/${world.ward.code}/kiosk?nghi=5`);
      await start.click();
      await page.getByRole("button", { name: "Không hài lòng", exact: true }).click();
      await start.waitFor({ timeout: 20_000 });
      await start.click();
      await expect.poll(() => progress.innerText()).toBe("Câu 1/19");
    } finally {
      await page.close();
    }
  });

  it("the clerk sees the ward's indices with the small-sample warning and types in a paper form", async () => {
    const page = await newPage(browser, 15_000);
    try {
      await signInAndWait(page, app.url, world.users.clerk);
      const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
      await nav.getByRole("link", { name: "Khảo sát", exact: true }).click();
      await page.getByRole("heading", { name: "Khảo sát sự hài lòng (SIPAS)", level: 1 }).waitFor();
      const overall = page.getByTestId("sipas-overall");
      await expect.poll(() => overall.innerText()).toMatch(/%$/);
      // The phone's and the kiosk's answers: two forms, under the minimum sample.
      await page.getByRole("alert").filter({ hasText: "Chỉ có 2 phiếu" }).waitFor();
      expect(await page.getByText("Số phiếu: 2").count()).toBe(1);
      await expectNoSeriousA11yViolations(page, "the surveys page");
      await saveScreenshot(page, "sipas-indices.png");

      await page.getByRole("link", { name: "Nhập phiếu giấy" }).click();
      await page.getByRole("heading", { name: "Nhập phiếu khảo sát giấy", level: 1 }).waitFor();
      await page
        .getByRole("radiogroup", { name: "24. Công chức trả lời, giải thích kịp thời, đầy đủ" })
        .getByRole("radio", { name: "Không hài lòng", exact: true })
        .check();
      await page.getByRole("button", { name: "Lưu phiếu" }).click();
      await page.getByText("Đã lưu phiếu khảo sát.").waitFor();
      await page.getByRole("link", { name: "Về trang khảo sát" }).click();
      await page.getByRole("alert").filter({ hasText: "Chỉ có 3 phiếu" }).waitFor();
    } finally {
      await page.close();
    }
  });

  it("a plan's satisfaction target measured from a small sample is shown with the warning", async () => {
    const page = await newPage(browser, 15_000);
    try {
      const session = async (who: Credentials) => {
        await browser.context.clearCookies();
        await page.goto(`${app.url}/dang-nhap`);
        await signIn(page, who);
        await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();
        const me = await (await page.request.get(`${app.url}/api/auth/me`)).json();
        return {
          unitId: me.data.user.unit.id as string,
          async post(path: string, data: unknown) {
            const response = await page.request.post(`${app.url}${path}`, {
              headers: { "x-csrf-token": me.data.csrfToken },
              data,
            });
            expect(response.status(), `${path}: ${await response.text()}`).toBe(201);
            return response.json();
          },
        };
      };
      // Three paper forms in March 2025, two satisfied.
      const clerk = await session(world.users.clerk);
      for (const [answeredOn, value] of [
        ["2025-03-03", 5],
        ["2025-03-10", 4],
        ["2025-03-17", 2],
      ] as const) {
        await clerk.post(`/api/sipas/responses?unitId=${clerk.unitId}`, {
          answeredOn,
          answers: { "15": value },
        });
      }
      const focal = await session(world.users.focal);
      const plan = await focal.post("/api/plans", {
        unitId: focal.unitId,
        title: "Kế hoạch thử mức độ hài lòng tháng 3/2025",
        period: { kind: "other", start: "2025-03-01", end: "2025-03-31" },
        targets: [
          {
            text: "Mức độ hài lòng của người dân, doanh nghiệp đạt từ 90% trở lên",
            metric: "satisfaction_rate",
            comparator: "gte",
            value: 90,
            unit: "percent",
          },
        ],
      });
      await page.goto(`${app.url}/ke-hoach/${plan.data.id}?tab=chi-tieu`);
      const row = page
        .getByRole("row")
        .filter({ hasText: "Mức độ hài lòng của người dân, doanh nghiệp đạt từ 90% trở lên" });
      await row.getByText("66,67%").waitFor();
      expect(await row.innerText()).toContain("Mẫu khảo sát nhỏ (n = 3 < 30): chưa đủ tin cậy");
      await expectNoSeriousA11yViolations(page, "the plan's targets with a small sample");
      await saveScreenshot(page, "sipas-plan-target-small-sample.png");
    } finally {
      await page.close();
    }
  });
});
