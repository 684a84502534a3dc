/**
 * Browser journey through "Dữ liệu cá nhân" (/quan-tri/du-lieu-ca-nhan) as a province's
 * administrator, against the real app on the file's own ward (made with the test factories: the
 * province's administrator, the ward's desk and clerk, one dossier in its register): a citizen's request to be
 * anonymised is refused while one of their records is open, and carried out once it is closed.
 * On the way, the registers' search box tells the administrator (who sees citizens masked) that
 * it searches codes only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request, type APIRequestContext, type Page } from "playwright-core";
import {
  expectNoSeriousA11yViolations,
  saveScreenshot,
  signInAndWait,
  appUnderTest,
  launchBrowser,
  type Browser,
} from "./support/browser.ts";
import { newPage, stopAppAndBrowser, type App } from "./support/setup.ts";
import { seedDossier } from "./support/worlds/desk.ts";
import type { Executor } from "../src/server/db/database.ts";
import { makeWardWorld, type WardWorld } from "../test/support/desk-fixtures.ts";
import { makeProcedure } from "../test/support/factories.ts";

/** A ward with its desk, clerk and province administrator; one dossier in the register. */
async function wardWithDesk(db: Executor): Promise<WardWorld> {
  const world = await makeWardWorld(db);
  await seedDossier(db, await makeProcedure(db, world.ward));
  return world;
}

let app: App;
let browser: Browser;
let page: Page;
let world: WardWorld;
/** The one-stop clerk, through the API (creating and closing the citizen's feedback). */
let clerk: APIRequestContext;
let csrf: string;
// A phone no other record has.
const PHONE = "0938 271 604";
const NAME = "Phùng Thị Yến";

beforeAll(async () => {
  ({ world, ...app } = await appUnderTest(wardWithDesk));
  clerk = await request.newContext({ baseURL: app.url });
  const signedIn = await clerk.post("/api/auth/sign-in", {
    data: { username: world.users.clerk.username, password: world.users.clerk.password },
  });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  csrf = (await signedIn.json()).data.csrfToken as string;
  browser = await launchBrowser();
  page = await newPage(browser, 30_000);
  await signInAndWait(page, app.url, world.users.admin);
});

afterAll(async () => {
  await clerk?.dispose();
  await stopAppAndBrowser(browser, app);
});

async function asClerk(path: string, data: Record<string, unknown>) {
  const response = await clerk.post(path, { data, headers: { "x-csrf-token": csrf } });
  const body = await response.json();
  expect(response.status(), JSON.stringify(body)).toBeLessThan(300);
  return body.data;
}

describe("personal data administration", () => {
  it("tells a masked reader the registers search codes only", async () => {
    await page.goto(`${app.url}/mot-cua`);
    await page.getByRole("heading", { name: "Sổ theo dõi hồ sơ", level: 1 }).waitFor();
    await page.getByRole("table", { name: "Sổ theo dõi hồ sơ" }).waitFor();
    await page.getByRole("textbox", { name: "Tìm theo mã hồ sơ", exact: true }).waitFor();
    await page.goto(`${app.url}/phan-anh-kien-nghi`);
    await page.getByRole("heading", { name: "Phản ánh, kiến nghị", level: 1 }).waitFor();
    await page.getByRole("textbox", { name: "Tìm theo mã phản ánh", exact: true }).waitFor();
  });

  it("refuses to anonymise a citizen with an open record, then anonymises once it is closed", async () => {
    const feedback = await asClerk("/api/feedback", {
      unitId: world.ward.id,
      channel: "phone",
      senderName: NAME,
      senderPhone: PHONE,
      title: "Cống thoát nước tổ 3 bị tắc",
      content: "Đề nghị phường cho nạo vét cống thoát nước tổ 3.",
      receivedAt: "2026-03-05 09:00",
    });
    const code = feedback.code as string;

    await page.goto(`${app.url}/quan-tri/du-lieu-ca-nhan`);
    await page.getByRole("heading", { name: "Dữ liệu cá nhân", level: 1 }).waitFor();
    // The province's administrator is not the installation's: the retention card says who runs it
    // instead of a permission error, and offers no "Chạy ngay".
    await page.getByTestId("retention-not-mine").waitFor();
    expect(await page.getByRole("button", { name: "Chạy ngay" }).count()).toBe(0);
    expect(await page.getByText("Bạn không có quyền").count()).toBe(0);
    const form = page.getByRole("form", { name: "Tra cứu dữ liệu của một người" });
    // Another way of writing the same phone: the lookup folds it.
    await form.getByRole("textbox", { name: "Số điện thoại" }).fill(`+84${PHONE.slice(1)}`);
    await form.getByRole("button", { name: "Tra cứu" }).click();
    const found = page.getByRole("region", {
      name: "Phản ánh, kiến nghị của người được tra cứu",
    });
    await found.getByText(code).waitFor();
    await found.getByText(NAME).waitFor();

    await page.getByRole("button", { name: "Ẩn danh theo yêu cầu" }).click();
    const dialog = page.getByRole("dialog", { name: "Ẩn danh theo yêu cầu của người dân" });
    await dialog
      .getByRole("textbox", { name: /Lý do/ })
      .fill("Đơn yêu cầu số 12/ĐN ngày 06/03/2026");
    await expectNoSeriousA11yViolations(page, "the anonymise dialog");
    await dialog.getByRole("button", { name: "Ẩn danh", exact: true }).click();
    // Still being handled: refused, naming the record, nothing changed.
    const refusal = dialog.getByText(/Chưa thể ẩn danh vì còn hồ sơ, phản ánh đang giải quyết/);
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(code);
    await saveScreenshot(page, "personal-data-anonymise-refused.png");
    const stillThere = await clerk.get(`/api/feedback/${feedback.id}`);
    expect((await stillThere.json()).data.senderName).toBe(NAME);

    // The desk closes it (not handled: a duplicate), then the same request goes through.
    await asClerk(`/api/feedback/${feedback.id}/transitions`, {
      action: "reject",
      note: "Trùng với phản ánh đã trả lời",
      at: "2026-03-05 15:00",
    });
    await dialog.getByRole("button", { name: "Ẩn danh", exact: true }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Đã ẩn danh theo yêu cầu 0 hồ sơ và 1 phản ánh, kiến nghị." })
      .waitFor();
    await dialog.waitFor({ state: "hidden" });
    const anonymised = (await (await clerk.get(`/api/feedback/${feedback.id}`)).json()).data;
    expect(anonymised).toMatchObject({ code, state: "rejected" });
    expect(JSON.stringify(anonymised)).not.toContain(NAME);
    expect(JSON.stringify(anonymised)).not.toContain(PHONE.replaceAll(" ", ""));
    expect(JSON.stringify(anonymised)).not.toContain(PHONE);
  });
});
