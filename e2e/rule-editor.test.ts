/**
 * Browser test of the rule editor: the focal officer of the file's own ward has a PAR criteria draft
 * (a tree with maximum points and no rules, as the plan import saves it); on its page, “Chỉnh sửa
 * quy tắc” lets her choose a rule for each leaf (threshold, manual levels, step table, ratio), its
 * parameters, the metric it binds to and its zero-denominator policy. Saving with one leaf left
 * without a rule is refused by the server and the message shows at that leaf; once it has a rule,
 * the version is saved, listed, and scores as computed by hand. Editing that version again saves
 * a new version (the one already saved is refused at the version field).
 *
 * The year is fixed (2026); nothing depends on today's date. The province, the ward and its
 * focal officer are the file's own, made with the test factories.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chooseOption,
  expectNoSeriousA11yViolations,
  saveScreenshot,
  signInAndWait,
  switchUser,
  type Browser,
} from "./support/browser.ts";
import {
  apiSession,
  newPage,
  startAppAndBrowser,
  stopAppAndBrowser,
  type ApiSession,
  type App,
} from "./support/setup.ts";
import { makeWardTeam, type WardTeam } from "../test/support/plan-fixtures.ts";
import type { Executor } from "../src/server/db/database.ts";

const YEAR = 2026;
const NAME = "Chỉ số CCHC phường Thử 2026 (thử quy tắc)";

/** A province with one ward and the ward's focal officer. */
const wardWithFocal = (db: Executor) => makeWardTeam(db, ["focal"]);

let app: App;
let browser: Browser;
let world: WardTeam<"focal">;
beforeAll(async () => ({ app, browser, world } = await startAppAndBrowser(wardWithFocal)));
afterAll(() => stopAppAndBrowser(browser, app));

/** Picks an option of a Mantine Select, typing `search` first when the select is searchable. */
async function choose(page: Page, scope: Locator, label: string, option: string, search?: string) {
  await chooseOption(
    page,
    scope.getByRole("combobox", { name: label, exact: true }),
    option,
    search,
  );
}

const leafOf = (page: Page, legend: string) =>
  page.getByRole("group", { name: legend, exact: true });

/** A leaf's choices after its rule: the metric it binds to (option, search) and the zero-denominator policy. */
async function chooseBinding(
  page: Page,
  leaf: Locator,
  ref: string,
  choices: { rule?: string; metric?: [option: string, search: string]; whenNone: string },
) {
  if (choices.rule) await choose(page, leaf, `Quy tắc chấm mục ${ref}`, choices.rule);
  if (choices.metric) await choose(page, leaf, `Chỉ số đo mục ${ref}`, ...choices.metric);
  await choose(page, leaf, `Khi không phát sinh mục ${ref}`, choices.whenNone);
}

/** Waits for the saved version's line on its page; answers the version's id from the address. */
async function savedVersionId(page: Page, version: string) {
  await page
    .getByText(`Phương pháp chấm điểm phiên bản ${version}, hiệu lực từ 01/01/2026.`, {
      exact: false,
    })
    .waitFor();
  return /\/chi-so\/bo-tieu-chi\/([0-9a-f-]+)$/.exec(new URL(page.url()).pathname)![1]!;
}

/** At phone width (390 px) nothing is wider than the screen. */
async function expectFitsPhoneWidth(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(390);
}

type Criterion = { ref: string; parentRef?: string; text: string; maxPoints: number };

/** Saves a criteria draft of the ward through the API and opens its rule editor; answers its id. */
async function openDraftInEditor(
  page: Page,
  ward: ApiSession,
  name: string,
  criteria: Criterion[],
) {
  const draft = await ward.post("/api/methodologies", {
    unitId: world.ward.id,
    name,
    year: YEAR,
    criteria,
  });
  const draftId = draft.data.id as string;
  await page.goto(`${app.url}/chi-so/bo-tieu-chi/${draftId}`);
  await page.getByRole("heading", { name, level: 1 }).waitFor();
  await page.getByRole("button", { name: "Chỉnh sửa quy tắc" }).click();
  await page.getByRole("heading", { name: "Chỉnh sửa quy tắc chấm điểm", level: 2 }).waitFor();
  return draftId;
}

const ON_TIME_METRIC: [string, string] = [
  "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn (đã và đang xử lý) (ON_TIME)",
  "dung han",
];
const ONLINE_METRIC: [string, string] = [
  "Tỷ lệ hồ sơ trực tuyến (ONLINE_DOSSIER)",
  "hồ sơ trực tuyến",
];

describe("the rule editor in the browser", () => {
  it("turns a criteria draft into a scoring document by choosing rules for its leaves", async () => {
    const page = await newPage(browser, 30_000);
    try {
      await signInAndWait(page, app.url, world.users.focal);

      // The draft, as the plan import saves a criteria table (rows with TT and maximum points).
      const ward = await apiSession(page, app.url);
      const draftId = await openDraftInEditor(page, ward, NAME, [
        { ref: "1", text: "Công tác chỉ đạo, điều hành", maxPoints: 10 },
        { ref: "1.1", text: "Tỷ lệ hồ sơ giải quyết đúng hạn", maxPoints: 6 },
        { ref: "1.2", text: "Ban hành kế hoạch CCHC năm", maxPoints: 4 },
        { ref: "2", text: "Hiện đại hóa nền hành chính", maxPoints: 10 },
        { ref: "2.1", text: "Hồ sơ trực tuyến", maxPoints: 5 },
        { ref: "2.2", text: "Kết quả giải quyết được số hóa", maxPoints: 5 },
      ]);
      const progress = page.getByRole("status").filter({ hasText: "Đã có quy tắc" });
      expect(await progress.innerText()).toBe("Đã có quy tắc: 0/4 chỉ tiêu");
      expect(await page.getByRole("textbox", { name: "Phiên bản mới" }).inputValue()).toBe(
        "2026.1",
      );

      // 1.1: 6 × min(1, rate / 80 %), bound to the on-time rate; nothing to count: full points.
      const onTime = leafOf(page, "1.1 Tỷ lệ hồ sơ giải quyết đúng hạn");
      await choose(
        page,
        onTime,
        "Quy tắc chấm mục 1.1",
        "Điểm tối đa × tỷ lệ / ngưỡng (đạt ngưỡng được tối đa)",
      );
      await onTime.getByRole("textbox", { name: "Ngưỡng (%) mục 1.1" }).fill("80");
      await onTime.getByRole("textbox", { name: "Tử số đếm gì mục 1.1" }).fill("hồ sơ đúng hạn");
      await chooseBinding(page, onTime, "1.1", {
        metric: ON_TIME_METRIC,
        whenNone: "Được điểm tối đa",
      });

      // 1.2: scored by hand on two levels (4 or 0 points), no points when not scored.
      const plan = leafOf(page, "1.2 Ban hành kế hoạch CCHC năm");
      await choose(page, plan, "Quy tắc chấm mục 1.2", "Chấm theo mức");
      await plan.getByRole("textbox", { name: "Tên mức 1 mục 1.2" }).fill("Ban hành đúng hạn");
      expect(await plan.getByRole("textbox", { name: "Điểm mức 1 mục 1.2" }).inputValue()).toBe(
        "4",
      );
      await choose(page, plan, "Khi không phát sinh mục 1.2", "Không được điểm");

      // 2.1: a step table 100 % → 5; 50 % → 2,5; below → 0, bound to the online share.
      const online = leafOf(page, "2.1 Hồ sơ trực tuyến");
      await choose(page, online, "Quy tắc chấm mục 2.1", "Theo bậc tỷ lệ");
      await online.getByRole("textbox", { name: "Từ tỷ lệ (%) bậc 2 mục 2.1" }).fill("50");
      await online.getByRole("textbox", { name: "Điểm bậc 2 mục 2.1" }).fill("2,5");
      await online.getByRole("button", { name: "Thêm bậc" }).click();
      await online.getByRole("textbox", { name: "Từ tỷ lệ (%) bậc 3 mục 2.1" }).fill("0");
      await online.getByRole("textbox", { name: "Điểm bậc 3 mục 2.1" }).fill("0");
      await chooseBinding(page, online, "2.1", {
        metric: ONLINE_METRIC,
        whenNone: "Không được điểm",
      });
      expect(await progress.innerText()).toBe("Đã có quy tắc: 3/4 chỉ tiêu");

      // 2.2 is left without a rule: the server refuses the document and says so at that leaf.
      await page.getByRole("button", { name: "Lưu thành phiên bản mới" }).click();
      const digitised = leafOf(page, "2.2 Kết quả giải quyết được số hóa");
      await digitised
        .getByText("Chỉ tiêu (mục không có mục con) cần quy tắc chấm (rule).")
        .waitFor();
      await page.getByText("1 lỗi nằm ở các mục trong cây tiêu chí (tô đỏ).").waitFor();
      expect(await onTime.getByText("cần quy tắc chấm").count()).toBe(0);
      await expectNoSeriousA11yViolations(page, "the rule editor");
      await saveScreenshot(page, "rule-editor-leaf-error.png");

      // 2.2: 5 × rate, bound to the digitised results; nothing to count: left out of area 2.
      await chooseBinding(page, digitised, "2.2", {
        rule: "Điểm tối đa × tỷ lệ",
        metric: ["Tỷ lệ số hóa kết quả giải quyết (ORIGINAL_RESULT_AVAILABLE)", "so hoa ket qua"],
        whenNone: "Không áp dụng (tính trên các chỉ tiêu còn lại)",
      });
      expect(await digitised.getByText("cần quy tắc chấm").count()).toBe(0);
      await page.getByRole("button", { name: "Lưu thành phiên bản mới" }).click();

      // The new version opens on its own page, with its version and effective date.
      await page.waitForURL((url) => {
        const match = /\/chi-so\/bo-tieu-chi\/([0-9a-f-]+)$/.exec(url.pathname);
        return match !== null && match[1] !== draftId;
      });
      await page.getByRole("heading", { name: NAME, level: 1 }).waitFor();
      const savedId = await savedVersionId(page, "2026.1");

      // The saved document carries the chosen rules and scores as computed by hand:
      // 1.1: 92 % ≥ 80 % → 6; 1.2: level 4; 2.1: 60 % reaches the 50 % step → 2,5; 2.2 has
      // nothing to count and is left out, so area 2 = 2,5 / 5 × 10 = 5. Total 15: “Khá”.
      const document = await ward.get(`/api/methodologies/${savedId}/document`);
      expect(document.nodes[1].children[0]).toMatchObject({
        code: "2.1",
        metric: "ONLINE_DOSSIER",
        rule: {
          type: "steps",
          steps: [
            { minRatio: 1, points: 5 },
            { minRatio: 0.5, points: 2.5 },
            { minRatio: 0, points: 0 },
          ],
        },
        zeroDenominator: "none",
      });
      const score = await ward.post(`/api/methodologies/${savedId}/score`, {
        indicators: {
          ON_TIME: { numerator: 920, denominator: 1000 },
          "1.2": { value: 4, source: "Tự chấm" },
          ONLINE_DOSSIER: { numerator: 60, denominator: 100 },
          ORIGINAL_RESULT_AVAILABLE: { numerator: 0, denominator: 0 },
        },
      });
      expect(score.data.total).toBe(15);
      expect(score.data.nodes[0].children[0].explanation).toContain(
        "920/1.000 hồ sơ đúng hạn = 92,00%, đạt ngưỡng 80%",
      );
      expect(score.data.band.label).toBe("Khá");

      // A rule change on the saved version is a new version: the editor suggests 2026.2; the
      // version already saved is refused at the version field.
      await page.getByRole("button", { name: "Chỉnh sửa quy tắc" }).click();
      const version = page.getByRole("textbox", { name: "Phiên bản mới" });
      await expect.poll(() => version.inputValue()).toBe("2026.2");
      const threshold = leafOf(page, "1.1 Tỷ lệ hồ sơ giải quyết đúng hạn").getByRole("textbox", {
        name: "Ngưỡng (%) mục 1.1",
      });
      expect(await threshold.inputValue()).toBe("80");
      const steps = leafOf(page, "2.1 Hồ sơ trực tuyến");
      expect(await steps.getByRole("textbox", { name: "Điểm bậc 2 mục 2.1" }).inputValue()).toBe(
        "2,5",
      );
      // At phone width the editor stacks its fields: nothing wider than the screen.
      await expectFitsPhoneWidth(page);
      await saveScreenshot(page, "rule-editor-phone.png");
      await page.setViewportSize({ width: 1280, height: 800 });
      await threshold.fill("90");
      await version.fill("2026.1");
      await page.getByRole("button", { name: "Lưu thành phiên bản mới" }).click();
      await page
        .getByRole("alert")
        .filter({ hasText: "Đơn vị đã có phương pháp chấm “par-index-2026” phiên bản 2026.1." })
        .waitFor();
      expect(await version.getAttribute("aria-invalid")).toBe("true");
      await version.fill("2026.2");
      await page.getByRole("button", { name: "Lưu thành phiên bản mới" }).click();
      const secondId = await savedVersionId(page, "2026.2");
      expect(secondId).not.toBe(savedId);
      const second = await ward.get(`/api/methodologies/${secondId}/document`);
      expect(second.nodes[0].children[0].rule).toEqual({ type: "threshold", threshold: 0.9 });

      // The draft and both scoring versions are listed under Chỉ số.
      await page.getByRole("link", { name: "Chỉ số", exact: true }).first().click();
      await page.getByRole("heading", { name: "Chỉ số", level: 1 }).waitFor();
      const list = page.getByRole("table", { name: "Danh sách dự thảo bộ tiêu chí" });
      await expect.poll(() => list.getByRole("row").filter({ hasText: NAME }).count()).toBe(3);
    } catch (error) {
      await saveScreenshot(page, "rule-editor-failure.png");
      throw error;
    } finally {
      await page.close();
    }
  });
  it("adds, renames, moves and removes criteria; the saved version scores on the new tree", async () => {
    const page = await newPage(browser, 30_000);
    const name = "Chỉ số CCHC phường Thử 2026 (thử cây tiêu chí)";
    try {
      await switchUser(page, app.url, world.users.focal);
      const ward = await apiSession(page, app.url);
      // Area 1 declares 10 but its rows add up to 11 (a 1-point 1.3 too many); area 2 holds a
      // sub-group 2.2 with two rows of its own.
      await openDraftInEditor(page, ward, name, [
        { ref: "1", text: "Công tác chỉ đạo, điều hành", maxPoints: 10 },
        { ref: "1.1", text: "Tỷ lệ hồ sơ giải quyết đúng hạn", maxPoints: 6 },
        { ref: "1.2", text: "Ban hành kế hoạch CCHC năm", maxPoints: 4 },
        { ref: "1.3", text: "Sáng kiến cải cách", maxPoints: 1 },
        { ref: "2", text: "Hiện đại hóa nền hành chính", maxPoints: 10 },
        { ref: "2.1", text: "Hồ sơ trực tuyến", maxPoints: 5 },
        { ref: "2.2", text: "Số hóa hồ sơ", maxPoints: 5 },
        { ref: "a", parentRef: "2.2", text: "Kết quả số hóa", maxPoints: 3 },
        { ref: "b", parentRef: "2.2", text: "Thành phần hồ sơ số hóa", maxPoints: 2 },
      ]);
      // Its own code: the other scenario saves "par-index-2026" 2026.1 for the same ward.
      await page
        .getByRole("textbox", { name: "Mã bộ chỉ số", exact: true })
        .fill("par-index-2026-cay");

      // The area's declared maximum against its children's sum, in the schema's words.
      const area1Problem = page.getByText("Điểm tối đa 10 khác tổng điểm tối đa các mục con (11).");
      await area1Problem.waitFor();
      await page.getByText("Tổng điểm tối đa các mục con: 11 / điểm tối đa của nhóm: 10").waitFor();

      // Removing a leaf takes it away at once, and the sum agrees again.
      await page.getByRole("button", { name: "Xoá mục 1.3" }).click();
      await expect.poll(() => leafOf(page, "1.3 Sáng kiến cải cách").count()).toBe(0);
      await expect.poll(() => area1Problem.count()).toBe(0);

      // Renaming: a code another criterion has is refused, naming that criterion.
      await page.getByRole("button", { name: "Đổi tên mục 1.2" }).click();
      await page.getByRole("textbox", { name: "Mã mục 1.2" }).fill("1.1");
      await page.getByRole("button", { name: "Lưu tên" }).click();
      await page
        .getByText(
          "Mã “1.1” đã được dùng cho mục “Tỷ lệ hồ sơ giải quyết đúng hạn”; mỗi mục cần một mã riêng.",
        )
        .waitFor();
      await page.getByRole("textbox", { name: "Mã mục 1.2" }).fill("KE_HOACH");
      await page
        .getByRole("textbox", { name: "Tên mục 1.2" })
        .fill("Kế hoạch CCHC năm ban hành đúng hạn");
      await page.getByRole("button", { name: "Lưu tên" }).click();
      const plan = leafOf(page, "KE_HOACH Kế hoạch CCHC năm ban hành đúng hạn");
      await plan.waitFor();
      // Moved above 1.1: it is first, so it cannot go further up.
      await page.getByRole("button", { name: "Chuyển mục KE_HOACH lên" }).click();
      await expect
        .poll(() => page.getByRole("button", { name: "Chuyển mục KE_HOACH lên" }).isDisabled())
        .toBe(true);

      // Removing a group with children asks first; cancelling keeps it.
      await page.getByRole("button", { name: "Xoá mục 2.2", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: "Xoá nhóm tiêu chí?" });
      await dialog.getByText("Xoá nhóm 2.2 “Số hóa hồ sơ” cùng 2 mục bên trong?").waitFor();
      await dialog.getByRole("button", { name: "Hủy" }).click();
      await expect.poll(() => dialog.count()).toBe(0);
      await leafOf(page, "2.2.a Kết quả số hóa").waitFor();
      await page.getByRole("button", { name: "Xoá mục 2.2", exact: true }).click();
      await dialog.getByRole("button", { name: "Xoá cả nhóm" }).click();
      await expect.poll(() => leafOf(page, "2.2.a Kết quả số hóa").count()).toBe(0);
      const area2Problem = page.getByText("Điểm tối đa 10 khác tổng điểm tối đa các mục con (5).");
      await area2Problem.waitFor();

      // A new criterion in area 2 opens with its name form; then it gets its points and rule.
      await page.getByRole("button", { name: "Thêm tiêu chí vào nhóm 2", exact: true }).click();
      await page.getByRole("textbox", { name: "Mã mục 2.2", exact: true }).fill("THANH_TOAN");
      await page
        .getByRole("textbox", { name: "Tên mục 2.2", exact: true })
        .fill("Thanh toán trực tuyến");
      await page.getByRole("button", { name: "Lưu tên" }).click();
      const payment = leafOf(page, "THANH_TOAN Thanh toán trực tuyến");
      await payment.getByRole("textbox", { name: "Điểm tối đa mục THANH_TOAN" }).fill("5");
      await expect.poll(() => area2Problem.count()).toBe(0);
      await choose(
        page,
        payment,
        "Quy tắc chấm mục THANH_TOAN",
        "Điểm tối đa × tỷ lệ / ngưỡng (đạt ngưỡng được tối đa)",
      );
      await payment.getByRole("textbox", { name: "Ngưỡng (%) mục THANH_TOAN" }).fill("80");
      await chooseBinding(page, payment, "THANH_TOAN", {
        metric: ["Tỷ lệ thanh toán trực tuyến (ONLINE_PAYMENT_DOSSIER)", "thanh toan truc tuyen"],
        whenNone: "Không được điểm",
      });

      // The other leaves' rules.
      const onTime = leafOf(page, "1.1 Tỷ lệ hồ sơ giải quyết đúng hạn");
      await chooseBinding(page, onTime, "1.1", {
        rule: "Điểm tối đa × tỷ lệ",
        metric: ON_TIME_METRIC,
        whenNone: "Được điểm tối đa",
      });
      await chooseBinding(page, plan, "KE_HOACH", {
        rule: "Chấm theo mức",
        whenNone: "Không được điểm",
      });
      const online = leafOf(page, "2.1 Hồ sơ trực tuyến");
      await chooseBinding(page, online, "2.1", {
        rule: "Điểm tối đa × tỷ lệ",
        metric: ONLINE_METRIC,
        whenNone: "Không được điểm",
      });
      const progress = page.getByRole("status").filter({ hasText: "Đã có quy tắc" });
      expect(await progress.innerText()).toBe("Đã có quy tắc: 4/4 chỉ tiêu");
      await page.getByText("Tổng điểm tối đa các nhóm: 20 / thang điểm: 20").waitFor();

      // At phone width the tree's buttons wrap: nothing wider than the screen.
      await expectFitsPhoneWidth(page);
      await expectNoSeriousA11yViolations(page, "the rule editor's criteria tree");
      await saveScreenshot(page, "rule-editor-tree-phone.png");
      await page.setViewportSize({ width: 1280, height: 800 });

      await page.getByRole("button", { name: "Lưu thành phiên bản mới" }).click();
      const savedId = await savedVersionId(page, "2026.1");

      // The saved document is the edited tree: nothing removed is exported.
      const saved = await ward.get(`/api/methodologies/${savedId}/document`);
      type Node = { code: string; name: string; children?: Node[] };
      const shape = (nodes: Node[]): unknown[] =>
        nodes.map((n) => (n.children ? [n.code, shape(n.children)] : n.code));
      expect(shape(saved.nodes)).toEqual([
        ["1", ["KE_HOACH", "1.1"]],
        ["2", ["2.1", "THANH_TOAN"]],
      ]);
      const text = JSON.stringify(saved);
      for (const gone of ["1.3", "2.2", "Sáng kiến cải cách", "Số hóa hồ sơ", "Kết quả số hóa"]) {
        expect(text).not.toContain(gone);
      }
      expect(saved.nodes[0].children[0].name).toBe("Kế hoạch CCHC năm ban hành đúng hạn");

      // Scored on the new tree: 1.1 6 × 0,9 = 5,4; KE_HOACH 4; 2.1 5 × 0,6 = 3; THANH_TOAN
      // 5 × min(1, 0,4 / 0,8) = 2,5. Total 14,9 of 20: “Khá” (from 14).
      const score = await ward.post(`/api/methodologies/${savedId}/score`, {
        indicators: {
          ON_TIME: { numerator: 900, denominator: 1000 },
          KE_HOACH: { value: 4, source: "Tự chấm" },
          ONLINE_DOSSIER: { numerator: 60, denominator: 100 },
          ONLINE_PAYMENT_DOSSIER: { numerator: 40, denominator: 100 },
        },
      });
      const area2 = score.data.nodes[1];
      expect(
        area2.children.map((c: { code: string; points: number }) => [c.code, c.points]),
      ).toEqual([
        ["2.1", 3],
        ["THANH_TOAN", 2.5],
      ]);
      expect(score.data.nodes[0].points).toBe(9.4);
      expect(score.data.total).toBe(14.9);
      expect(score.data.band.label).toBe("Khá");
    } catch (error) {
      await saveScreenshot(page, "rule-editor-tree-failure.png");
      throw error;
    } finally {
      await page.close();
    }
  });
});
