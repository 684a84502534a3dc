/**
 * The federation admin page (Quản trị → Liên thông) in a real browser, on a server started with
 * CCHC_FEDERATION_SECRET: the instance's id and public key to exchange, declaring the parent,
 * registering a child instance for a unit and revoking it; axe-core on the page. The exchange
 * between two instances itself is tested in test/integration/federation.test.ts.
 *
 * The province, its ward (named Phường Bãi Cháy, the unit the child instance stands for) and the
 * province's administrator are the file's own, made with the test factories.
 */
import { generateKeyPairSync, randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chooseOption,
  expectNoSeriousA11yViolations,
  launchBrowser,
  saveScreenshot,
  signIn,
  type Browser,
} from "./support/browser.ts";
import { startTestServer } from "./support/server.ts";
import { makeWardTeam } from "../test/support/plan-fixtures.ts";

let app: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;

/** A public key as another CCHC instance would show it (base64 of the SPKI DER). */
function otherInstanceKey() {
  const { publicKey } = generateKeyPairSync("ed25519");
  return publicKey.export({ format: "der", type: "spki" }).toString("base64");
}

/** The server with the federation secret, on the province, its ward and its administrator. */
function startServer() {
  return startTestServer({
    env: { CCHC_FEDERATION_SECRET: "bi-mat-lien-thong-trinh-duyet-2026" },
    prepare: (db) => makeWardTeam(db, ["admin"], { wardName: "Phường Bãi Cháy" }),
  });
}

beforeAll(async () => {
  app = await startServer();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${app.url}/dang-nhap`);
  await signIn(page, app.world.users.admin);
  await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("federation admin page", () => {
  it("shows the identity, declares the parent, registers and revokes a child", async () => {
    await page.goto(`${app.url}/quan-tri/lien-thong`);
    await page
      .getByRole("heading", { name: "Liên thông giữa các hệ thống CCHC", level: 1 })
      .waitFor();
    const instanceId = await page.getByTestId("federation-instance-id").textContent();
    expect(instanceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.getByTestId("federation-public-key").textContent()).toMatch(
      /^[A-Za-z0-9+/]+=*$/,
    );

    await page.getByLabel("Địa chỉ hệ thống cấp trên").fill("https://cchc.quangninh.gov.vn");
    await page.getByLabel("Mã định danh của hệ thống cấp trên").fill(randomUUID());
    await page.getByLabel("Khóa công khai của hệ thống cấp trên").fill(otherInstanceKey());
    await page.getByRole("button", { name: "Lưu hệ thống cấp trên" }).click();
    await expect
      .poll(() => page.getByTestId("federation-parent").textContent())
      .toContain("https://cchc.quangninh.gov.vn");

    // A key that is not one is refused with the server's message.
    const childId = randomUUID();
    await page.getByLabel("Tên hệ thống").fill("CCHC Phường Bãi Cháy");
    const unit = page.getByRole("combobox", { name: "Đơn vị mà hệ thống đại diện", exact: true });
    await chooseOption(page, unit, /^Phường Bãi Cháy \(/, "Bãi Cháy");
    await page.getByLabel("Mã định danh của hệ thống cấp dưới").fill(childId);
    await page
      .getByLabel("Khóa công khai của hệ thống cấp dưới")
      .fill("bm90IGEga2V5IGF0IGFsbCwganVzdCBzb21lIGJ5dGVzIGluIGJhc2U2NA==");
    // Every required field is filled, so the browser sends the form and the refusal is the server's.
    const form = page.locator("form").filter({ has: unit });
    expect(await form.evaluate((element) => (element as HTMLFormElement).checkValidity())).toBe(
      true,
    );
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    await expect
      .poll(async () => (await form.getByRole("alert").allTextContents()).join(" "))
      .toContain("Khóa công khai không hợp lệ");
    await page.getByLabel("Khóa công khai của hệ thống cấp dưới").fill(otherInstanceKey());
    await page.getByRole("button", { name: "Đăng ký", exact: true }).click();
    const row = page.getByTestId("federation-children").getByRole("row", { name: /Bãi Cháy/ });
    await row.getByText("Đang liên thông").waitFor();
    await expectNoSeriousA11yViolations(page, "liên thông");
    await saveScreenshot(page, "federation-admin.png");

    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Thu hồi" }).click();
    await row.getByText(/Đã thu hồi \d{2}\/\d{2}\/\d{4}/).waitFor();
  });
});
