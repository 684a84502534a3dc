/**
 * Browser test of the leader's overview drilling down to the records behind a figure, against
 * the real built app on the file's own world (e2e/support/worlds/reports.ts, made with the test
 * factories before the server starts: a province, its administrator and reviewer, and its
 * wards). Set up through the API (as the province's administrator): three dossiers resolved on
 * time — the report's ward in March 2026, the same ward in April 2026 (another quarter) and
 * another ward with a desk of its own in March 2026 — a quarterly report kind of the province,
 * and the ward's report for Quý I/2026 built and submitted (its figures frozen). Then, in
 * the browser, the province's reviewer opens the overview for that quarter and clicks the
 * ward's one-stop figure: the register of the dossiers behind it lists the ward's March dossier
 * and neither the April one nor the other ward's. Every date is explicit.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  switchUser,
  type Browser,
  chooseOption,
} from "./support/browser.ts";
import {
  apiSession,
  startAppWithPage,
  stopAppAndBrowser,
  type ApiSession,
  type App,
} from "./support/setup.ts";
import {
  makeReportWorld,
  PROCEDURE_CODE as PROCEDURE,
  type ReportWorld,
} from "./support/worlds/reports.ts";
import type { MadeUser } from "../test/support/factories.ts";

const RUN = "truy vết";
const KIND = `Báo cáo quý (${RUN})`;
const QUARTER = "Quý I/2026";

let app: App;
let browser: Browser;
let page: Page;
let world: ReportWorld;
beforeAll(
  async () => ({ app, browser, page, world } = await startAppWithPage(30_000, makeReportWorld)),
);
afterAll(() => stopAppAndBrowser(browser, app));

const signInAs = (user: MadeUser) => switchUser(page, app.url, user);
const api = () => apiSession(page, app.url);

/** A dossier of the unit received and resolved on the given moments ("YYYY-MM-DD HH:mm"). */
async function resolvedDossier(
  { get, post }: ApiSession,
  unitId: string,
  applicantName: string,
  receivedAt: string,
  resolvedAt: string,
): Promise<string> {
  const procedures = (await get(`/api/procedures?unitId=${unitId}`)).data;
  const procedure = procedures.find((p: { code: string }) => p.code === PROCEDURE);
  expect(procedure, `procedure ${PROCEDURE} of ${unitId}`).toBeTruthy();
  const received = await post("/api/dossiers", {
    procedureId: procedure.id,
    applicantName,
    applicantPhone: "0915000111",
    channel: "in_person",
    receivedAt,
  });
  const { id, code } = received.data;
  await post(`/api/dossiers/${id}/transitions`, { action: "hand_over", at: receivedAt });
  await post(`/api/dossiers/${id}/transitions`, { action: "resolve", at: resolvedAt });
  return code as string;
}

describe("the leader's overview opens the records behind a figure", () => {
  const codes = { ward: "", wardLater: "", other: "" };
  let wardName = "";
  let wardUnitId = "";

  it("sets up the dossiers, the report kind and the ward's submitted quarter I report", async () => {
    await signInAs(world.users.admin);
    const admin = await api();
    const units = (await admin.get("/api/units")).data as {
      id: string;
      code: string;
      name: string;
    }[];
    const ward = units.find((u) => u.id === world.ward.id)!;
    wardName = ward.name;
    wardUnitId = ward.id;
    const other = units.find((u) => u.id === world.otherWard.id);
    expect(other, "another ward with a one-stop desk").toBeTruthy();
    // Received on Tuesday 10/03/2026 (3 working days: due 13/03), resolved on 12/03: on time.
    codes.ward = await resolvedDossier(
      admin,
      ward.id,
      `Người nộp quý I ${RUN}`,
      "2026-03-10 08:30",
      "2026-03-12 10:00",
    );
    codes.wardLater = await resolvedDossier(
      admin,
      ward.id,
      `Người nộp quý II ${RUN}`,
      "2026-04-07 08:30",
      "2026-04-08 10:00",
    );
    codes.other = await resolvedDossier(
      admin,
      other!.id,
      `Người nộp phường khác ${RUN}`,
      "2026-03-10 08:30",
      "2026-03-12 10:00",
    );

    await signInAs(world.users.reviewer);
    const reviewer = await api();
    const kind = await reviewer.post(`/api/report-kinds?unitId=${reviewer.user.unit.id}`, {
      name: KIND,
      periodKind: "quarterly",
      dueText: "trước ngày 15 tháng cuối quý",
      publish: true,
    });

    await signInAs(world.users.focal);
    const focal = await api();
    const report = await focal.post(`/api/reports?unitId=${ward.id}`, {
      kindId: kind.data.id,
      periodKey: "2026-Q1",
    });
    await focal.post(`/api/reports/${report.data.id}/submit`, {});
  });

  it("the reviewer clicks the ward's one-stop figure and sees exactly its dossiers of the quarter", async () => {
    await signInAs(world.users.reviewer);
    await page.goto(`${app.url}/bao-cao?nam=2026`);
    await page.getByRole("heading", { name: "Báo cáo định kỳ", level: 1 }).waitFor();
    const choice = page.getByRole("combobox", { name: "Loại báo cáo và kỳ", exact: true });
    await chooseOption(page, choice, `${KIND} — ${QUARTER}`);
    await page.getByRole("listbox").waitFor({ state: "hidden" });
    const overview = page.getByRole("table", { name: "Tổng quan các đơn vị trực thuộc" });
    const row = overview.getByRole("row").filter({ hasText: wardName });
    await row.getByText("Đã gửi", { exact: true }).waitFor();

    const figure = row.getByTestId("figure-link-oneStopOnTime");
    // The link says that the register is live while the report's figures were frozen.
    expect(await figure.getAttribute("title")).toContain(
      "Mở hồ sơ hiện tại của kỳ này; số liệu trong báo cáo được chốt lúc gửi",
    );
    expect(await figure.getAttribute("aria-label")).toMatch(
      new RegExp(`^Hồ sơ đúng hạn của ${wardName}: `),
    );
    await expectNoSeriousA11yViolations(page, "the overview with its figure links");
    const wardId = new URL(`${app.url}${await figure.getAttribute("href")}`).searchParams.get(
      "unitId",
    );
    expect(wardId).toBe(wardUnitId);
    await figure.click();

    await page.getByRole("heading", { level: 1, name: /Hồ sơ đã giải quyết/ }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe("/bang-dieu-khien/ho-so");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      period: "quarter",
      year: "2026",
      number: "1",
      set: "resolved",
    });
    const list = page.getByRole("table", { name: "Danh sách hồ sơ" });
    await list.getByRole("link", { name: codes.ward, exact: true }).waitFor();
    const shown = await list.locator("tbody tr td:first-child").allInnerTexts();
    expect(shown.map((c) => c.trim())).toContain(codes.ward);
    expect(shown.map((c) => c.trim())).not.toContain(codes.wardLater);
    expect(shown.map((c) => c.trim())).not.toContain(codes.other);
    // Every row is the ward's.
    const unitsShown = await list.locator("tbody tr td:nth-child(2)").allInnerTexts();
    expect(new Set(unitsShown.map((u) => u.trim()))).toEqual(new Set([wardName]));
    await saveScreenshot(page, "reports-overview-drill-down.png");

    // The task completion figure opens the ward's tasks due from 01/01 to the quarter's end.
    await page.goBack();
    const tasksLink = overview
      .getByRole("row")
      .filter({ hasText: wardName })
      .getByTestId("figure-link-taskCompletion");
    await tasksLink.click();
    await page.getByRole("heading", { name: "Nhiệm vụ", level: 1 }).waitFor();
    expect(await page.getByTestId("task-due-range").innerText()).toContain(
      "Hạn hoàn thành từ 01/01/2026 đến 31/03/2026",
    );
    const taskUrl = new URL(page.url());
    expect(taskUrl.pathname).toBe("/nhiem-vu");
    expect(taskUrl.searchParams.get("don-vi")).toBe(wardId);
    // Only the tasks the report counted (no parent, no cancelled task), and the page says so.
    expect(taskUrl.searchParams.get("tinh")).toBe("bao-cao");
    expect(await page.getByTestId("task-counted-note").innerText()).toBe(
      "Các nhiệm vụ được tính trong báo cáo (không gồm nhiệm vụ cha và nhiệm vụ đã hủy)",
    );
  });
});
