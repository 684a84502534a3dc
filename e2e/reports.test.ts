/**
 * Browser test of the periodic report flow against the real built app on the file's own world
 * (e2e/support/worlds/reports.ts, made with the test factories before the server starts): the
 * province's reviewer (Sở Nội vụ) publishes a quarterly report kind; the focal officer of the
 * report's ward opens what the ward owes for Quý I/2026, builds the report from live data,
 * edits the starter text and submits it; the reviewer finds it in the province's consolidated
 * report, returns it with a comment; the ward reads the comment and resubmits; the reviewer
 * accepts it and downloads the Word report.
 *
 * The year (2026, the ward plan's year) is in the page's address and the quarter is chosen
 * explicitly; Quý I/2026 is over, so its figures are as of its last day whatever today is.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDocx, texts } from "../test/support/docx-xml.ts";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  switchUser,
  type Browser,
  chooseOption,
} from "./support/browser.ts";
import { startAppWithPage, stopAppAndBrowser, type App } from "./support/setup.ts";
import { makeReportWorld, WARD_NAME, type ReportWorld } from "./support/worlds/reports.ts";
import type { MadeUser } from "../test/support/factories.ts";

const YEAR = 2026;
const QUARTER = "Quý I/2026";
const WARD = WARD_NAME;
const KIND = "Báo cáo CCHC quý (kiểm thử)";
const EDIT = "Phường đã rà soát, đơn giản hóa 12 thủ tục hành chính trong quý.";
const CORRECTION = "Bổ sung: đã niêm yết công khai 12 thủ tục tại Bộ phận Một cửa.";
const COMMENT = "Đề nghị bổ sung kết quả niêm yết thủ tục hành chính.";

let app: App;
let browser: Browser;
let page: Page;
let world: ReportWorld;
beforeAll(
  async () => ({ app, browser, page, world } = await startAppWithPage(30_000, makeReportWorld)),
);
afterAll(() => stopAppAndBrowser(browser, app));

const signInAs = (user: MadeUser) => switchUser(page, app.url, user);

async function openReportsPage() {
  await page.goto(`${app.url}/bao-cao?nam=${YEAR}`);
  await page.getByRole("heading", { name: "Báo cáo định kỳ", level: 1 }).waitFor();
}

const statusBadge = (text: string) => page.getByText(text, { exact: true }).first();

/** As the province's reviewer: the kind and quarter on the upper unit's board. */
async function chooseQuarter() {
  await openReportsPage();
  const choice = page.getByRole("combobox", { name: "Loại báo cáo và kỳ", exact: true });
  await chooseOption(page, choice, `${KIND} — ${QUARTER}`);
  await page.getByRole("listbox").waitFor({ state: "hidden" });
  const overview = page.getByRole("table", { name: "Tổng quan các đơn vị trực thuộc" });
  await overview.getByRole("row").filter({ hasText: WARD }).waitFor();
  return overview;
}

/** The ward's row of the leader's overview, once it shows the given state. */
async function wardRow(overview: ReturnType<Page["getByRole"]>, state: string) {
  const row = overview.getByRole("row").filter({ hasText: WARD });
  await row.getByText(state, { exact: true }).waitFor();
  return row;
}

/** As the province's reviewer: the ward's report, opened from the leader's overview. */
async function openWardReportFromOverview(state: string) {
  const overview = await chooseQuarter();
  const row = await wardRow(overview, state);
  await row.getByRole("link", { name: WARD, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: `${KIND} — ${QUARTER}` }).waitFor();
}

const narrativeField = (label: string) => page.getByRole("textbox", { name: label, exact: true });

describe("periodic report flow in the browser", () => {
  let reportUrl = "";
  let taskTotal = "";

  it("the province publishes a quarterly report kind", async () => {
    await signInAs(world.users.reviewer);
    await openReportsPage();
    await page.getByRole("button", { name: "Thêm loại báo cáo" }).click();
    const dialog = page.getByRole("dialog", { name: "Thêm loại báo cáo" });
    await dialog.getByRole("textbox", { name: "Tên báo cáo" }).fill(KIND);
    expect(await dialog.getByRole("textbox", { name: /^Hạn nộp/ }).inputValue()).toBe(
      "trước ngày 15 tháng cuối quý",
    );
    expect(await dialog.getByRole("checkbox", { name: /Ban hành ngay/ }).isChecked()).toBe(true);
    await dialog.getByRole("button", { name: "Lưu", exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    const row = page
      .getByRole("table", { name: "Loại báo cáo đơn vị ban hành cho cấp dưới" })
      .getByRole("row", { name: new RegExp(KIND.replace(/[()]/g, "\\$&")) });
    await row.getByText("Đã ban hành").waitFor();
    // "trước ngày 15 tháng cuối quý": quarter I is due on 15/03 of the year.
    expect(await row.innerText()).toContain(`${QUARTER}: 15/03/${YEAR}`);
  });

  it("the ward builds the report from live data, edits the starter text and submits", async () => {
    await signInAs(world.users.focal);
    await openReportsPage();
    const owed = page.getByRole("table", { name: "Báo cáo đơn vị phải nộp" });
    const row = owed.getByRole("row").filter({ hasText: KIND }).filter({ hasText: QUARTER });
    await row.getByRole("button", { name: "Lập báo cáo" }).click();
    await page.getByRole("heading", { level: 1, name: `${KIND} — ${QUARTER}` }).waitFor();
    reportUrl = page.url();
    await statusBadge("Đang soạn").waitFor();
    // Live figures as of the quarter's last day (it is over), and starter text written from them.
    await page.getByRole("heading", { name: `Số liệu (tại ngày 31/03/${YEAR})` }).waitFor();
    const tasks = page.getByRole("table", { name: "Nhiệm vụ theo lĩnh vực" });
    const totalRow = tasks.getByRole("row").filter({ hasText: /^Tổng/ });
    taskTotal = (await totalRow.locator("td").last().innerText()).trim();
    expect(taskTotal).toMatch(/^\d+$/);
    const results = narrativeField("Kết quả đạt được");
    const starter = await results.inputValue();
    expect(starter).toContain(`trong tổng số ${taskTotal} nhiệm vụ đến hạn trong kỳ`);
    await expectNoSeriousA11yViolations(page, "the ward's draft report");

    await results.fill(`${starter}\n${EDIT}`);
    await page.getByRole("button", { name: "Gửi cấp trên" }).click();
    await statusBadge("Đã gửi — lần 1").waitFor();
    await page.getByText("Số liệu đã chốt khi gửi (phiên bản 1)", { exact: false }).waitFor();
    expect(await results.inputValue()).toContain(EDIT);
    await saveScreenshot(page, "reports-ward-submitted.png");
  });

  it("the province's reviewer finds it on the leader's overview and returns it", async () => {
    await signInAs(world.users.reviewer);
    await openWardReportFromOverview("Đã gửi");
    await statusBadge("Đã gửi — lần 1").waitFor();
    // What the reviewer reads is the frozen version: the ward's text and figures.
    expect(await narrativeField("Kết quả đạt được").inputValue()).toContain(EDIT);
    const totalRow = page
      .getByRole("table", { name: "Nhiệm vụ theo lĩnh vực" })
      .getByRole("row")
      .filter({ hasText: /^Tổng/ });
    expect((await totalRow.locator("td").last().innerText()).trim()).toBe(taskTotal);
    await page.getByRole("textbox", { name: "Ý kiến khi trả lại" }).fill(COMMENT);
    await page.getByRole("button", { name: "Trả lại", exact: true }).click();
    await statusBadge("Bị trả lại — lần 1").waitFor();
  });

  it("the ward reads the comment, corrects and resubmits", async () => {
    await signInAs(world.users.focal);
    await page.goto(reportUrl);
    await statusBadge("Bị trả lại — lần 1").waitFor();
    await page.getByText(`bị trả lại: ${COMMENT}`, { exact: false }).waitFor();
    const results = narrativeField("Kết quả đạt được");
    expect(await results.isEditable()).toBe(true);
    const text = await results.inputValue();
    expect(text).toContain(EDIT);
    await results.fill(`${text}\n${CORRECTION}`);
    await page.getByRole("button", { name: "Gửi cấp trên" }).click();
    await statusBadge("Đã gửi — lần 2").waitFor();
    // The comparison with the returned version shows the corrected section.
    await page.getByText("Thay đổi so với lần 1").waitFor();
    await page.getByText(CORRECTION, { exact: false }).first().waitFor();
  });

  it("the reviewer accepts the second version and downloads the Word report", async () => {
    await signInAs(world.users.reviewer);
    await openWardReportFromOverview("Đã gửi");
    await statusBadge("Đã gửi — lần 2").waitFor();
    expect(await narrativeField("Kết quả đạt được").inputValue()).toContain(CORRECTION);
    await page.getByRole("button", { name: "Tiếp nhận", exact: true }).click();
    await statusBadge("Đã tiếp nhận — lần 2").waitFor();
    await expectNoSeriousA11yViolations(page, "the accepted report");
    await saveScreenshot(page, "reports-accepted.png");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải báo cáo (Word)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const body = texts((await openDocx(bytes)).document).join("");
    expect(body).toContain("BÁO CÁO");
    expect(body).toContain(`Kết quả thực hiện công tác cải cách hành chính quý I/${YEAR}`);
    expect(body).toContain(CORRECTION);
  });

  it("the leader's overview shows the ward accepted with its figures, sortable; the roll-up counts it", async () => {
    const overview = await chooseQuarter();
    const row = await wardRow(overview, "Đã tiếp nhận");
    // Task completion from the frozen version: done of the tasks due, as numerator/denominator.
    const completion = row.locator("td").nth(3);
    const text = await completion.innerText();
    expect(text).toMatch(new RegExp(`/${taskTotal}(\\s|$)`));
    expect(text).toMatch(/^(\d{1,3}(,\d{1,2})?%|không phát sinh)/);
    // Falling behind first: the other wards owe the quarter (it is past due), so the accepted
    // ward comes last; sorting by name puts the rows in Vietnamese order.
    const names = () => overview.locator("tbody tr td:first-child").allInnerTexts();
    expect((await names()).at(-1)).toBe(WARD);
    await page.getByRole("button", { name: "Sắp xếp theo Đơn vị" }).click();
    // The header's aria-sort and the rows change in the same render.
    await overview.locator('th[aria-sort="ascending"]', { hasText: "Đơn vị" }).waitFor();
    const sorted = await names();
    expect(sorted).toEqual([...sorted].sort(new Intl.Collator("vi").compare));
    const reset = page.getByRole("button", { name: "Xếp đơn vị chậm lên trước" });
    await reset.click();
    await reset.waitFor({ state: "detached" });
    expect((await names()).at(-1)).toBe(WARD);
    await expectNoSeriousA11yViolations(page, "the leader's overview");
    await saveScreenshot(page, "reports-overview.png");

    const byUnit = page.getByRole("table", { name: "Theo đơn vị" });
    await byUnit.getByRole("link", { name: WARD, exact: true }).waitFor();
  });
});
