/**
 * Browser journey of the lists on a phone (390 px) and on a laptop (1366 px): the dossier
 * register, the feedback register, the tasks list, the plans list, a plan's targets, the
 * scorecards list, what the unit owes on the reports board and the admin users and agencies
 * lists read as cards on a phone (no sideways scrolling, each value with its column's label, a
 * known row's fields on its card, a long task text clamped with a "Xem thêm" button), and as
 * their tables at 1366 px.
 *
 * Dates: nothing here depends on today. The plans created here are of 2019 (the long task's
 * issued with explicit dates); the scorecard and the owed reports are of 2026, a fixed year, and
 * the due date checked comes from the report kind's rule. The province, the ward, its agencies,
 * its staff, one dossier at its desk and one feedback item are the file's own, made with the test
 * factories before the server starts.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  switchUser,
  type Browser,
  sidewaysOverflow,
} from "./support/browser.ts";
import { startAppWithPage, stopAppAndBrowser, type App } from "./support/setup.ts";
import { seedDossier, seedFeedback } from "./support/worlds/desk.ts";
import type { Executor } from "../src/server/db/database.ts";
import { makeWardWorld, type WardWorld } from "../test/support/desk-fixtures.ts";
import { makeProcedure, type MadeUser } from "../test/support/factories.ts";

/** A ward with its whole staff, one dossier received at its desk and one feedback item. */
async function wardWithRecords(db: Executor): Promise<WardWorld> {
  const world = await makeWardWorld(db);
  await seedDossier(db, await makeProcedure(db, world.ward, { name: "Thủ tục đăng ký khai sinh" }));
  await seedFeedback(db, world.ward);
  return world;
}

let app: App;
let browser: Browser;
let page: Page;
let world: WardWorld;
const suffix = "271604";
const LONG_TASK =
  `Rà soát, đánh giá, đơn giản hóa thủ tục hành chính thuộc thẩm quyền giải quyết của phường ` +
  `trong các lĩnh vực hộ tịch, chứng thực, đất đai, xây dựng, kinh doanh, lao động, thương binh ` +
  `và xã hội; công khai đầy đủ, kịp thời kết quả rà soát trên cổng thông tin điện tử ${suffix}`;

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 900 };

beforeAll(
  async () => ({ app, browser, page, world } = await startAppWithPage(20_000, wardWithRecords)),
);
afterAll(() => stopAppAndBrowser(browser, app));

/** Signs in as another user: the profile is shared, so the previous session's cookies go first. */
const signInAs = (user: MadeUser) => switchUser(page, app.url, user);

/** Calls the API with the page's session (and its CSRF token): the answer's body, or an error text. */
async function callApi(method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch("/api/auth/me")).json();
      const response = await fetch(path, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": me.data.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = await response.json();
      return response.ok
        ? { body: json, error: null }
        : { body: null, error: JSON.stringify(json) };
    },
    { method, path, body },
  );
}

/** The labels of the first card of a list. */
async function firstCardLabels(listName: string): Promise<string[]> {
  const list = page.getByRole("list", { name: listName, exact: true });
  await list.getByRole("listitem").first().waitFor();
  return list.getByRole("listitem").first().locator("dt").allInnerTexts();
}

/** A list read as cards on a phone: no table of that name, its cards labelled, nothing wider. */
async function expectCards(listName: string, labels: string[]) {
  expect(await firstCardLabels(listName)).toEqual(expect.arrayContaining(labels));
  expect(await page.getByRole("table", { name: listName, exact: true }).count()).toBe(0);
  expect(await sidewaysOverflow(page), `sideways scrolling of ${listName}`).toBeLessThanOrEqual(0);
}

/** The same list at 1366 px: its table again, with every header, and no card list. */
async function expectTable(listName: string, headers: string[]) {
  const table = page.getByRole("table", { name: listName, exact: true });
  await table.waitFor();
  expect(await table.locator("thead th").allInnerTexts()).toEqual(expect.arrayContaining(headers));
  expect(await page.getByRole("list", { name: listName, exact: true }).count()).toBe(0);
}

describe("lists on a phone", () => {
  it("clerk: the dossier and feedback registers are cards at 390 px, tables at 1366 px", async () => {
    await page.setViewportSize(PHONE);
    await signInAs(world.users.clerk);

    await page.goto(`${app.url}/mot-cua`);
    await page.getByRole("heading", { name: "Sổ theo dõi hồ sơ", level: 1 }).waitFor();
    await expectCards("Sổ theo dõi hồ sơ", [
      "Người nộp",
      "Thủ tục",
      "Tiếp nhận",
      "Hẹn trả",
      "Trạng thái",
      "Tiến độ",
    ]);
    // The card's title is the dossier's code, a link to the dossier.
    const dossierLink = page
      .getByRole("list", { name: "Sổ theo dõi hồ sơ", exact: true })
      .getByRole("listitem")
      .first()
      .getByRole("link")
      .first();
    expect(await dossierLink.getAttribute("href")).toMatch(/^\/mot-cua\/.+/);
    await expectNoSeriousA11yViolations(page, "the dossier register at 390 px");
    await saveScreenshot(page, "phone-lists/dossier-register-390.png");

    await page.goto(`${app.url}/phan-anh-kien-nghi`);
    await page.getByRole("heading", { name: "Phản ánh, kiến nghị", level: 1 }).waitFor();
    await expectCards("Phản ánh, kiến nghị", ["Nội dung", "Người gửi", "Hạn trả lời", "Tiến độ"]);
    await expectNoSeriousA11yViolations(page, "the feedback register at 390 px");
    await saveScreenshot(page, "phone-lists/feedback-register-390.png");

    await page.setViewportSize(LAPTOP);
    await expectTable("Phản ánh, kiến nghị", ["Mã", "Nội dung", "Người gửi", "Hạn trả lời"]);
    await saveScreenshot(page, "phone-lists/feedback-register-1366.png");
    await page.goto(`${app.url}/mot-cua`);
    await expectTable("Sổ theo dõi hồ sơ", ["Mã hồ sơ", "Người nộp", "Thủ tục", "Tiến độ"]);
    await saveScreenshot(page, "phone-lists/dossier-register-1366.png");
  });

  it("focal officer: tasks and plans are cards at 390 px, a long task text clamped", async () => {
    await page.setViewportSize(PHONE);
    await signInAs(world.users.focal);
    // An issued plan (of 2019) with one long task, so the task list has a text to clamp.
    const created = await page.evaluate(async (text) => {
      const me = await (await fetch("/api/auth/me")).json();
      const headers = { "content-type": "application/json", "x-csrf-token": me.data.csrfToken };
      const plan = await fetch("/api/plans", {
        method: "POST",
        headers,
        body: JSON.stringify({
          unitId: me.data.user.unit.id,
          title: `Thử danh sách trên điện thoại ${text.slice(-6)}`,
          period: { kind: "year", year: 2019 },
          tasks: [{ areaKey: "procedures", text, timeline: "Quý IV/2019" }],
        }),
      });
      const planBody = await plan.json();
      if (!plan.ok) return { error: JSON.stringify(planBody) };
      const issued = await fetch(`/api/plans/${planBody.data.id}/issue`, {
        method: "POST",
        headers,
        body: JSON.stringify({ issuedDate: "2019-01-15", confirmTasksWithoutLead: true }),
      });
      return issued.ok ? { error: null } : { error: JSON.stringify(await issued.json()) };
    }, LONG_TASK);
    expect(created.error).toBeNull();

    await page.goto(`${app.url}/nhiem-vu?xem=all&q=${suffix}`);
    await page.getByRole("heading", { name: "Nhiệm vụ", level: 1 }).waitFor();
    await expectCards("Danh sách nhiệm vụ", ["TT", "Kế hoạch", "Chủ trì", "Hạn", "Tiến độ"]);
    const card = page
      .getByRole("list", { name: "Danh sách nhiệm vụ", exact: true })
      .getByRole("listitem")
      .filter({ hasText: suffix });
    const more = card.getByRole("button", { name: "Xem thêm" });
    await more.waitFor();
    expect(await more.getAttribute("aria-expanded")).toBe("false");
    const text = page.locator(`[id="${await more.getAttribute("aria-controls")}"]`);
    const clamped = await text.evaluate((el) => ({
      cut: el.scrollHeight > el.clientHeight + 1,
      height: el.getBoundingClientRect().height,
    }));
    expect(clamped.cut).toBe(true);
    await saveScreenshot(page, "phone-lists/tasks-390-clamped.png");
    await more.click();
    const less = card.getByRole("button", { name: "Thu gọn" });
    expect(await less.getAttribute("aria-expanded")).toBe("true");
    const expanded = await text.evaluate((el) => ({
      cut: el.scrollHeight > el.clientHeight + 1,
      height: el.getBoundingClientRect().height,
    }));
    expect(expanded.cut).toBe(false);
    expect(expanded.height).toBeGreaterThan(clamped.height);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations(page, "the tasks list at 390 px");
    await saveScreenshot(page, "phone-lists/tasks-390-expanded.png");
    await less.click();
    await card.getByRole("button", { name: "Xem thêm" }).waitFor();

    await page.goto(`${app.url}/ke-hoach`);
    await page.getByRole("heading", { name: "Kế hoạch", level: 1 }).first().waitFor();
    await expectCards("Danh sách kế hoạch", ["Thời kỳ", "Trạng thái", "Tiến độ"]);
    expect(
      await page
        .getByRole("list", { name: "Danh sách kế hoạch", exact: true })
        .getByRole("link", { name: `Thử danh sách trên điện thoại ${suffix}` })
        .count(),
    ).toBe(1);
    await expectNoSeriousA11yViolations(page, "the plans list at 390 px");
    await saveScreenshot(page, "phone-lists/plans-390.png");

    await page.setViewportSize(LAPTOP);
    await expectTable("Danh sách kế hoạch", ["Trích yếu", "Thời kỳ", "Trạng thái", "Tiến độ"]);
    await saveScreenshot(page, "phone-lists/plans-1366.png");
    await page.goto(`${app.url}/nhiem-vu?xem=all&q=${suffix}`);
    await expectTable("Danh sách nhiệm vụ", ["TT", "Nội dung", "Kế hoạch", "Chủ trì", "Hạn"]);
    // On a laptop the table shows the whole text, without the phone's clamp.
    expect(await page.getByRole("button", { name: "Xem thêm" }).count()).toBe(0);
    await saveScreenshot(page, "phone-lists/tasks-1366.png");
  });

  it("focal officer: a plan's targets and the scorecards list are cards at 390 px", async () => {
    // The province publishes the commune methodology for 2026 (a fixed year), so the ward may
    // open its scorecard of that year.
    await page.setViewportSize(PHONE);
    await signInAs(world.users.reviewer);
    const units = await callApi("GET", "/api/units");
    const province = (units.body.data as { id: string; name: string }[]).find(
      (unit) => unit.id === world.province.id,
    );
    expect(province).toBeDefined();
    const template = await callApi("GET", "/api/scorecard-templates/par-commune");
    expect(template.error).toBeNull();
    const imported = await callApi("POST", "/api/methodologies/import", {
      unitId: province!.id,
      level: "commune",
      document: template.body,
    });
    expect(imported.error).toBeNull();
    const published = await callApi(
      "POST",
      `/api/methodologies/${imported.body.data.id}/publish`,
      {},
    );
    expect(published.error).toBeNull();

    await signInAs(world.users.focal);
    const me = await callApi("GET", "/api/auth/me");
    const ward = me.body.data.user.unit as { id: string; name: string };
    const opened = await callApi("POST", "/api/scorecards", { unitId: ward.id, year: 2026 });
    expect(opened.error).toBeNull();
    const target = `Giải quyết đúng hạn từ 98% số hồ sơ trở lên ${suffix}`;
    const plan = await callApi("POST", "/api/plans", {
      unitId: ward.id,
      title: `Thử chỉ tiêu trên điện thoại ${suffix}`,
      period: { kind: "year", year: 2019 },
      targets: [
        { text: target, metric: "on_time_rate", comparator: "gte", value: 98, unit: "percent" },
      ],
    });
    expect(plan.error).toBeNull();

    await page.goto(`${app.url}/ke-hoach/${plan.body.data.id}?tab=chi-tieu`);
    await expectCards("Chỉ tiêu của kế hoạch", ["Cách đo", "Mục tiêu", "Kết quả", "Đánh giá"]);
    const targetCard = page
      .getByRole("list", { name: "Chỉ tiêu của kế hoạch", exact: true })
      .getByRole("listitem")
      .filter({ hasText: target });
    // The card's lines: how it is measured and the target, each under its label.
    const cardText = await targetCard.innerText();
    expect(cardText).toContain("Tỷ lệ hồ sơ giải quyết đúng hạn");
    expect(cardText).toContain("từ 98% trở lên");
    // A draft plan's editor keeps the target's actions on the card.
    await targetCard.getByRole("button", { name: `Sửa chỉ tiêu: ${target}` }).waitFor();
    await expectNoSeriousA11yViolations(page, "a plan's targets at 390 px");
    await saveScreenshot(page, "phone-lists/plan-targets-390.png");

    await page.goto(`${app.url}/chi-so`);
    await page.getByRole("heading", { name: "Phiếu chấm điểm Chỉ số CCHC", level: 2 }).waitFor();
    await expectCards("Danh sách phiếu chấm điểm", [
      "Năm",
      "Trạng thái",
      "Tự chấm (%)",
      "Thẩm định (%)",
    ]);
    const scorecardCard = page
      .getByRole("list", { name: "Danh sách phiếu chấm điểm", exact: true })
      .getByRole("listitem")
      .filter({ has: page.getByRole("link", { name: ward.name, exact: true }) });
    expect(await scorecardCard.locator("dd").first().innerText()).toBe("2026");
    expect(
      await scorecardCard.getByRole("link", { name: ward.name, exact: true }).getAttribute("href"),
    ).toBe(`/chi-so/phieu-cham/${opened.body.data.id}`);
    await expectNoSeriousA11yViolations(page, "the scorecards list at 390 px");
    await saveScreenshot(page, "phone-lists/scorecards-390.png");

    await page.setViewportSize(LAPTOP);
    await expectTable("Danh sách phiếu chấm điểm", [
      "Đơn vị",
      "Năm",
      "Trạng thái",
      "Tự chấm (%)",
      "Thẩm định (%)",
    ]);
    await saveScreenshot(page, "phone-lists/scorecards-1366.png");
    await page.goto(`${app.url}/ke-hoach/${plan.body.data.id}?tab=chi-tieu`);
    await expectTable("Chỉ tiêu của kế hoạch", [
      "Chỉ tiêu",
      "Cách đo",
      "Mục tiêu",
      "Kết quả",
      "Đánh giá",
    ]);
    await saveScreenshot(page, "phone-lists/plan-targets-1366.png");
  });

  it("focal officer: what the unit owes on the reports board is cards at 390 px", async () => {
    // The province publishes a quarterly report kind; the ward owes it each quarter of 2026 (a
    // fixed year in the address; due dates are from the kind's rule, not from today).
    await page.setViewportSize(PHONE);
    await signInAs(world.users.reviewer);
    const units = await callApi("GET", "/api/units");
    const province = (units.body.data as { id: string; name: string }[]).find(
      (unit) => unit.id === world.province.id,
    );
    const kind = `Báo cáo CCHC quý trên điện thoại ${suffix}`;
    const created = await callApi("POST", `/api/report-kinds?unitId=${province!.id}`, {
      name: kind,
      periodKind: "quarterly",
      dueText: "trước ngày 15 tháng cuối quý",
      publish: true,
    });
    expect(created.error).toBeNull();

    await signInAs(world.users.focal);
    await page.goto(`${app.url}/bao-cao?nam=2026`);
    await page.getByRole("heading", { name: "Báo cáo định kỳ", level: 1 }).waitFor();
    await expectCards("Báo cáo đơn vị phải nộp", [
      "Kỳ báo cáo",
      "Hạn nộp",
      "Tình trạng",
      "Báo cáo",
    ]);
    const card = page
      .getByRole("list", { name: "Báo cáo đơn vị phải nộp", exact: true })
      .getByRole("listitem")
      .filter({ hasText: kind })
      .filter({ hasText: "Quý I/2026" });
    // "trước ngày 15 tháng cuối quý": quarter I is due on 15/03/2026.
    expect(await card.innerText()).toContain("15/03/2026");
    await card.getByRole("button", { name: "Lập báo cáo" }).waitFor();
    await expectNoSeriousA11yViolations(page, "the reports board at 390 px");
    await saveScreenshot(page, "phone-lists/reports-owed-390.png");

    await page.setViewportSize(LAPTOP);
    await expectTable("Báo cáo đơn vị phải nộp", [
      "Loại báo cáo",
      "Kỳ báo cáo",
      "Hạn nộp",
      "Tình trạng",
      "Báo cáo",
    ]);
    await saveScreenshot(page, "phone-lists/reports-owed-1366.png");
  });

  it("administrator: the users list is cards at 390 px, its table at 1366 px", async () => {
    await page.setViewportSize(PHONE);
    await signInAs(world.users.admin);
    await page.goto(`${app.url}/quan-tri/nguoi-dung`);
    await page.getByRole("heading", { name: "Người dùng", level: 1 }).waitFor();
    const focal = world.users.focal.username;
    await page.getByRole("textbox", { name: "Tìm người dùng" }).fill(focal);
    const card = page
      .getByRole("list", { name: "Người dùng", exact: true })
      .getByRole("listitem")
      .filter({ hasText: focal });
    await card.waitFor();
    await expectCards("Người dùng", [
      "Tên đăng nhập",
      "Đơn vị",
      "Vai trò",
      "Đăng nhập gần nhất",
      "Trạng thái",
    ]);
    // The ward's focal officer: the unit and the role on the card, and its edit button.
    const cardText = await card.innerText();
    expect(cardText).toContain(world.ward.name);
    expect(cardText).toContain("Công chức đầu mối CCHC");
    await card.getByRole("button", { name: /^Sửa người dùng / }).waitFor();
    await expectNoSeriousA11yViolations(page, "the users list at 390 px");
    await saveScreenshot(page, "phone-lists/users-390.png");

    await page.setViewportSize(LAPTOP);
    await expectTable("Người dùng", [
      "Tên đăng nhập",
      "Họ và tên",
      "Đơn vị",
      "Vai trò",
      "Đăng nhập gần nhất",
      "Trạng thái",
    ]);
    await saveScreenshot(page, "phone-lists/users-1366.png");
  });

  it("administrator: a unit's agencies are cards at 390 px, their table at 1366 px", async () => {
    await page.setViewportSize(PHONE);
    await signInAs(world.users.admin);
    const units = await callApi("GET", "/api/units");
    const ward = (units.body.data as { id: string; code: string | null }[]).find(
      (unit) => unit.code === world.ward.code,
    );
    expect(ward).toBeDefined();
    await page.goto(`${app.url}/quan-tri/co-quan?don-vi=${ward!.id}`);
    await page.getByRole("heading", { name: "Cơ quan, bộ phận", level: 1 }).waitFor();
    await expectCards("Cơ quan, bộ phận", ["Mã", "Loại", "Trạng thái"]);
    const card = page
      .getByRole("list", { name: "Cơ quan, bộ phận", exact: true })
      .getByRole("listitem")
      .filter({ hasText: "Văn phòng HĐND và UBND" });
    expect(await card.innerText()).toContain("Đang hoạt động");
    await card.getByRole("button", { name: "Sửa cơ quan Văn phòng HĐND và UBND" }).waitFor();
    await expectNoSeriousA11yViolations(page, "the agencies list at 390 px");
    await saveScreenshot(page, "phone-lists/agencies-390.png");

    await page.setViewportSize(LAPTOP);
    await expectTable("Cơ quan, bộ phận", ["Mã", "Tên cơ quan, bộ phận", "Loại", "Trạng thái"]);
    await saveScreenshot(page, "phone-lists/agencies-1366.png");
  });
});
