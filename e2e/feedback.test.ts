/**
 * Browser test of citizens' feedback (PAKN) against the real built app and a fresh database:
 * a citizen sends a feedback from the public page (reached from /tra-cuu) without signing in; the
 * clerk of Phường Bãi Cháy classifies it, answers it, reviews the public text with the personal
 * data found masked and confirms its publication; the citizen reads the published answer, with
 * her name and phone masked in the texts too, and rates it.
 *
 * The ward (Phường Bãi Cháy, with its one-stop desk), its clerk and the province's administrator
 * are the file's own, made with the test factories.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  signInAndWait,
  type Browser,
  chooseOption,
} from "./support/browser.ts";
import { newPage, startAppAndBrowser, stopAppAndBrowser, type App } from "./support/setup.ts";
import { DESK_WARD } from "./support/worlds/desk-ward.ts";
import { makeWardWorld, type WardWorld } from "../test/support/desk-fixtures.ts";

let app: App;
let browser: Browser;
let world: WardWorld;
beforeAll(async () => {
  ({ app, browser, world } = await startAppAndBrowser((db) => makeWardWorld(db, DESK_WARD)));
});
afterAll(() => stopAppAndBrowser(browser, app));

type Page = Awaited<ReturnType<Browser["context"]["newPage"]>>;

/** Mantine notifications fade with low-contrast text mid-animation: wait until they are gone. */
async function waitForNotificationsGone(page: Page) {
  await page.waitForFunction(
    () => document.querySelectorAll(".mantine-Notification-root").length === 0,
    null,
    { timeout: 20_000 },
  );
}

const ANSWER = "Bộ phận Một cửa đã niêm yết công khai mức phí chứng thực tại quầy số 2.";
const CONTENT =
  "Tôi là Đặng Thị Lan. Tại Bộ phận Một cửa chưa thấy niêm yết phí chứng thực. Gọi tôi: 0977.246.810.";

describe("citizen feedback in the browser", () => {
  it("a citizen sends feedback; the clerk classifies, answers and publishes; the citizen reads it", async () => {
    let code: string;
    const citizen = await newPage(browser, 15_000);
    try {
      await citizen.goto(`${app.url}/tra-cuu`);
      await citizen.getByRole("link", { name: "Gửi phản ánh, kiến nghị" }).click();
      await citizen.getByRole("heading", { name: "Gửi phản ánh, kiến nghị", level: 1 }).waitFor();
      await chooseOption(
        citizen,
        citizen.getByRole("combobox", { name: "Gửi đến đơn vị" }),
        /Phường Bãi Cháy/,
        "Bãi Cháy",
      );
      await citizen.getByRole("textbox", { name: "Họ và tên" }).fill("Đặng Thị Lan");
      await citizen.getByRole("textbox", { name: "Số điện thoại" }).fill("0977 246 810");
      await citizen
        .getByRole("textbox", { name: "Tiêu đề" })
        .fill("Đề nghị niêm yết phí chứng thực");
      await citizen.getByRole("textbox", { name: "Nội dung phản ánh, kiến nghị" }).fill(CONTENT);
      await expectNoSeriousA11yViolations(citizen, "the public feedback form");
      await citizen.getByRole("button", { name: "Gửi phản ánh" }).click();
      const sent = citizen.getByRole("region", { name: "Đã gửi phản ánh, kiến nghị" });
      await sent.waitFor();
      code = (await citizen.getByTestId("feedback-code").innerText()).trim();
      expect(code).toMatch(/^PAKN\.\d{8}\.\d{4}$/);
      await saveScreenshot(citizen, "feedback-public-sent.png");
    } finally {
      await citizen.close();
    }

    const clerk = await newPage(browser, 15_000);
    try {
      await signInAndWait(clerk, app.url, world.users.clerk);
      const nav = clerk.getByRole("navigation", { name: "Điều hướng chính" });
      await nav.getByRole("link", { name: "Phản ánh kiến nghị", exact: true }).click();
      await clerk.getByRole("heading", { name: "Phản ánh, kiến nghị", level: 1 }).waitFor();
      await clerk.getByRole("textbox", { name: "Tìm theo mã, người gửi, tiêu đề" }).fill(code);
      await clerk.getByRole("link", { name: code }).click();
      await clerk.getByRole("heading", { name: code, level: 1 }).waitFor();

      const act = async (
        label: string,
        fill?: (dialog: ReturnType<Page["getByRole"]>) => Promise<void>,
      ) => {
        await clerk.getByRole("button", { name: label, exact: true }).click();
        const dialog = clerk.getByRole("dialog", { name: label });
        await dialog.waitFor();
        if (fill) await fill(dialog);
        await dialog.getByRole("button", { name: "Xác nhận" }).click();
        await dialog.waitFor({ state: "detached" });
      };
      await act("Phân loại", async (dialog) => {
        await chooseOption(
          clerk,
          dialog.getByRole("combobox", { name: "Loại phản ánh, kiến nghị" }),
          "Quy định hành chính",
        );
      });
      await clerk.getByText("Đã phân loại", { exact: true }).first().waitFor();
      await act("Trả lời", async (dialog) => {
        await dialog
          .getByRole("textbox", { name: "Nội dung trả lời" })
          .fill(`Trả lời chị Lan: ${ANSWER}`);
      });
      await clerk.getByRole("region", { name: "Kết quả trả lời" }).waitFor();
      await clerk.getByRole("button", { name: "Công khai kết quả", exact: true }).click();
      const review = clerk.getByRole("dialog", { name: "Xem lại nội dung công khai" });
      const content = review.getByRole("textbox", { name: "Nội dung công khai" });
      await content.waitFor();
      const proposed = await content.inputValue();
      expect(proposed).toBe(
        "Tôi là Đ*** T** L**. Tại Bộ phận Một cửa chưa thấy niêm yết phí chứng thực. Gọi tôi: *******810.",
      );
      expect(
        await review.getByRole("textbox", { name: "Câu trả lời công khai" }).inputValue(),
      ).toBe(`Trả lời chị L**: ${ANSWER}`);
      const found = await review
        .getByRole("table", { name: "Thông tin cá nhân đã phát hiện và che" })
        .innerText();
      expect(found).toContain("0977.246.810");
      expect(found).toContain("Đặng Thị Lan");
      await review.getByRole("region", { name: "Xem trước: Nội dung công khai" }).waitFor();
      await waitForNotificationsGone(clerk);
      await expectNoSeriousA11yViolations(clerk, "the publication review");
      await saveScreenshot(clerk, "feedback-publication-review.png");
      // Typing the phone back is caught before sending: the confirmation waits until it is masked.
      const confirm = review.getByRole("button", { name: "Xác nhận công bố" });
      await content.fill(`${proposed} Zalo 0977 246 810`);
      await review
        .getByRole("alert")
        .filter({ hasText: "Còn thông tin cá nhân chưa che" })
        .waitFor();
      expect(await confirm.isDisabled()).toBe(true);
      await content.fill(proposed);
      await confirm.click();
      await review.waitFor({ state: "detached" });
      await clerk.getByText("Đã công khai", { exact: true }).first().waitFor();
      const history = await clerk.getByRole("table", { name: "Lịch sử xử lý" }).innerText();
      for (const step of ["Tiếp nhận", "Phân loại", "Trả lời", "Công khai kết quả"]) {
        expect(history).toContain(step);
      }
      const published = await clerk
        .getByRole("region", { name: "Nội dung đã công khai" })
        .innerText();
      expect(published).toContain("*******810");
      expect(published).not.toContain("0977.246.810");
      await waitForNotificationsGone(clerk);
      await expectNoSeriousA11yViolations(clerk, "the feedback page");
      await saveScreenshot(clerk, "feedback-detail.png");
    } finally {
      await clerk.close();
    }

    await browser.context.clearCookies();
    const reader = await newPage(browser, 15_000);
    try {
      await reader.goto(`${app.url}/phan-anh-da-tra-loi`);
      await reader
        .getByRole("heading", { name: "Kết quả trả lời phản ánh, kiến nghị", level: 1 })
        .waitFor();
      await chooseOption(
        reader,
        reader.getByRole("combobox", { name: "Gửi đến đơn vị" }),
        /Phường Bãi Cháy/,
        "Bãi Cháy",
      );
      const article = reader.getByRole("article", { name: new RegExp(code.replace(/\./g, "\\.")) });
      await article.waitFor();
      const text = await article.innerText();
      expect(text).toContain(`Trả lời chị L**: ${ANSWER}`);
      expect(text).toContain("Đ*** T** L**");
      expect(text).toContain("*******810");
      for (const leak of ["0977", "246", "Đặng", "Lan:"]) expect(text).not.toContain(leak);

      await reader.getByRole("textbox", { name: "Mã phản ánh" }).fill(code);
      await reader.getByRole("textbox", { name: "4 số cuối điện thoại" }).fill("6810");
      await reader.getByRole("button", { name: "Tra cứu" }).click();
      const own = reader.getByRole("region", { name: code });
      await own.waitFor();
      expect(await own.innerText()).toContain("Đã công khai");
      await own.getByRole("radio", { name: "Hài lòng", exact: true }).check();
      await own.getByRole("button", { name: "Gửi đánh giá" }).click();
      await own.getByText("Bạn đã đánh giá").waitFor();
      expect(await own.innerText()).toContain("Hài lòng");
      await expectNoSeriousA11yViolations(reader, "the published answers page");
      await saveScreenshot(reader, "feedback-public-answers.png");
    } finally {
      await reader.close();
    }
  });

  it("an administrator keeps the official holiday schedules and the desk settings", async () => {
    await browser.context.clearCookies();
    const page = await newPage(browser, 15_000);
    try {
      await signInAndWait(page, app.url, world.users.admin);
      await page.goto(`${app.url}/quan-tri/mot-cua`);
      await page.getByRole("heading", { name: "Cấu hình Bộ phận Một cửa", level: 1 }).waitFor();
      const schedules = page.getByRole("table", { name: "Lịch nghỉ chính thức" });
      expect(await schedules.innerText()).toContain("9441/TB-BNV");

      await page.getByRole("button", { name: "Thêm phiên bản lịch" }).click();
      const dialog = page.getByRole("dialog", { name: "Thêm phiên bản lịch nghỉ chính thức" });
      await dialog.getByRole("textbox", { name: "Năm" }).fill("2027");
      await dialog.getByRole("textbox", { name: "Hiệu lực từ ngày" }).fill("01/01/2027");
      await dialog.getByRole("textbox", { name: "Hiệu lực từ ngày" }).press("Tab");
      await dialog
        .getByRole("textbox", { name: /Văn bản nguồn/ })
        .fill("Thông báo thử nghiệm lịch nghỉ năm 2027");
      await dialog.getByRole("button", { name: "Lưu phiên bản" }).click();
      await dialog.waitFor({ state: "detached" });
      await schedules.getByText("Thông báo thử nghiệm lịch nghỉ năm 2027").waitFor();

      await page.getByRole("tab", { name: "Ngày nghỉ trong năm" }).click();
      await page.getByRole("textbox", { name: "Năm" }).fill("2026");
      const holidays = page.getByRole("table", { name: "Ngày nghỉ trong năm 2026" });
      await holidays.waitFor();
      const text = await holidays.innerText();
      expect(text).toContain("17/02/2026");
      expect(text).toContain("27/04/2026");

      await page.getByRole("tab", { name: "Giờ chốt và mã cơ quan" }).click();
      // The unit list arrives after the tab opens; type again until the option shows.
      const unitPicker = page.getByRole("combobox", { name: "Đơn vị" });
      const option = page.getByRole("option", { name: /Phường Bãi Cháy/ });
      for (let attempt = 0; ; attempt++) {
        await unitPicker.fill("");
        await unitPicker.fill("Bãi Cháy");
        try {
          await option.click({ timeout: 5_000 });
          break;
        } catch (error) {
          if (attempt === 5) throw error;
        }
      }
      const cutoff = page.getByRole("textbox", { name: "Giờ chốt tiếp nhận (HH:mm)" });
      await expect.poll(() => cutoff.inputValue()).toBe("15:00");
      await cutoff.fill("25:00");
      await page.getByRole("button", { name: "Lưu cấu hình" }).click();
      await page.getByText("Giờ chốt tiếp nhận phải có dạng HH:mm (ví dụ 15:00).").waitFor();
      await cutoff.fill("16:30");
      await page.getByRole("button", { name: "Lưu cấu hình" }).click();
      await page.getByText("Đã lưu cấu hình Bộ phận Một cửa.").first().waitFor();
      await waitForNotificationsGone(page);
      await expectNoSeriousA11yViolations(page, "the desk administration page");
      await saveScreenshot(page, "desk-settings.png");
    } finally {
      await page.close();
    }
  });
  it("the clerk pages the feedback register by cursor: the next page, and back", async () => {
    await browser.context.clearCookies();
    const page = await newPage(browser, 15_000);
    try {
      await signInAndWait(page, app.url, world.users.clerk);
      const csrf = (await (await page.request.get(`${app.url}/api/auth/me`)).json()).data
        .csrfToken as string;
      const units = (await (await page.request.get(`${app.url}/api/units`)).json()).data;
      const unitId = units.find((u: { code: string }) => u.code === DESK_WARD.wardCode)
        .id as string;
      expect(unitId).toBe(world.ward.id);
      // One more than a page (50), received a minute apart so the newest is known.
      for (let n = 1; n <= 51; n++) {
        const sent = await page.request.post(`${app.url}/api/feedback`, {
          headers: { "x-csrf-token": csrf },
          data: {
            unitId,
            channel: "phone",
            senderName: "Hoàng Thị Thuỷ",
            senderPhone: "0912 000 111",
            title: `Phản ánh thử phân trang số ${n}`,
            content: "Nội dung thử phân trang.",
            receivedAt: `2026-03-04 ${String(8 + Math.floor(n / 60)).padStart(2, "0")}:${String(n % 60).padStart(2, "0")}`,
          },
        });
        expect(sent.status(), await sent.text()).toBe(201);
      }
      await page.goto(`${app.url}/phan-anh-kien-nghi`);
      await page.getByRole("heading", { name: "Phản ánh, kiến nghị", level: 1 }).waitFor();
      // Without tones, as a clerk types fast: the search folds them.
      await page
        .getByRole("textbox", { name: "Tìm theo mã, người gửi, tiêu đề" })
        .fill("thu phan trang");
      await page.getByText("Tổng số: 51 phản ánh, kiến nghị").waitFor();
      const table = page.getByRole("table", { name: "Phản ánh, kiến nghị" });
      const rows = table.locator("tbody tr");
      await expect.poll(() => rows.count()).toBe(50);
      await table.getByText("Phản ánh thử phân trang số 51", { exact: true }).waitFor();
      await page.getByRole("button", { name: "Trang sau" }).click();
      await table.getByText("Phản ánh thử phân trang số 1", { exact: true }).waitFor();
      await expect.poll(() => rows.count()).toBe(1);
      expect(await page.getByRole("button", { name: "Trang sau" }).isDisabled()).toBe(true);
      await page.getByRole("button", { name: "Trang trước" }).click();
      await table.getByText("Phản ánh thử phân trang số 51", { exact: true }).waitFor();
      await expect.poll(() => rows.count()).toBe(50);
      await saveScreenshot(page, "feedback-register-pages.png");
    } finally {
      await page.close();
    }
  });
});
