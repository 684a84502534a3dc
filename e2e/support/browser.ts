/**
 * Browser support for the e2e tests: Debian's Chromium driven by playwright-core on a fresh
 * profile folder, and axe-core checks.
 */
import type { PrepareData } from "./server.ts";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";

export const CHROMIUM_PATH = process.env.CCHC_CHROMIUM_PATH ?? "/usr/bin/chromium";

export const ARTIFACTS_DIR = resolve("test-artifacts/e2e");

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launch headless Chromium on a fresh profile folder, removed again on close. */
export async function launchBrowser(): Promise<Browser> {
  const profileDir = await mkdtemp(join(tmpdir(), "cchc-e2e-chromium-"));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 800 },
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** Save a full-page screenshot under test-artifacts/e2e/ and return its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS_DIR, name);
  await mkdir(dirname(path), { recursive: true });
  // Transitions finished first (Playwright measures the full page after that): narrowed from
  // 1366 to 390 px, the shell's sidebar slides out and the main area's padding shrinks over
  // 200 ms; measured mid-way, the page was as tall as a squeezed column and the picture ended
  // with a long blank area.
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  return path;
}

interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

let axeSource: string | undefined;

async function loadAxeSource(): Promise<string> {
  if (!axeSource) {
    const require = createRequire(import.meta.url);
    axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  }
  return axeSource;
}

/** Run axe-core on the current page; returns the violations of the given impacts. */
export async function axeViolations(
  page: Page,
  impacts: AxeViolation["impact"][] = ["serious", "critical"],
): Promise<AxeViolation[]> {
  // Let fades finish (a half-faded dropdown would fail the contrast check); spinners loop forever.
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every(
          (animation) =>
            animation.playState !== "running" ||
            animation.effect?.getTiming().iterations === Infinity,
        ),
    undefined,
    { timeout: 5_000 },
  );
  const hasAxe = await page.evaluate(() => "axe" in window);
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy forbids inline
  // scripts, and the test must not weaken it.
  if (!hasAxe) await page.evaluate(await loadAxeSource());
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
      },
      resultTypes: ["violations"],
    });
    return result.violations;
  });
  return (violations as AxeViolation[]).filter((violation) => impacts.includes(violation.impact));
}

/** A readable report of axe violations for a failed assertion. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (violation) =>
        `[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})\n` +
        violation.nodes
          .slice(0, 5)
          .map((node) => `    ${JSON.stringify(node.target)} ${node.failureSummary ?? ""}`)
          .join("\n"),
    )
    .join("\n");
}

/** Fail with a readable report when axe finds serious or critical violations. */
export async function expectNoSeriousA11yViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `axe violations on ${where}:\n${formatViolations(violations)}`).toEqual([]);
}

export const DEMO_PASSWORD = "cchc-demo-2026";

/** Who signs in: a demo account's username (demo password), or a user a factory made. */
export type Credentials = string | { username: string; password: string };

const usernameOf = (who: Credentials) => (typeof who === "string" ? who : who.username);
const passwordOf = (who: Credentials, password?: string) =>
  password ?? (typeof who === "string" ? DEMO_PASSWORD : who.password);

/** Fill and submit the sign-in form (the page must show it). */
export async function signIn(page: Page, who: Credentials, password?: string): Promise<void> {
  await page.getByRole("textbox", { name: "Tên đăng nhập", exact: true }).fill(usernameOf(who));
  await page
    .getByRole("textbox", { name: "Mật khẩu", exact: true })
    .fill(passwordOf(who, password));
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
}

/**
 * Open the sign-in page, sign in and wait for the home page ("Trang chủ"): leaving before the
 * sign-in has answered would drop its cookie and land back on the sign-in page.
 */
export async function signInAndWait(
  page: Page,
  url: string,
  who: Credentials,
  password?: string,
): Promise<void> {
  await page.goto(`${url}/dang-nhap`);
  await signIn(page, who, password);
  await waitForHome(page);
}

/** Wait for the home page's heading ("Trang chủ"), e.g. after signing in from a page that shows the form. */
export async function waitForHome(page: Page): Promise<void> {
  await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();
}

/**
 * Sign in as another user on a page of a shared profile: the previous session's cookies go
 * first, then as `signInAndWait`.
 */
export async function switchUser(page: Page, url: string, who: Credentials): Promise<void> {
  await page.context().clearCookies();
  await signInAndWait(page, url, who);
}

/**
 * Picks an option of a Mantine Select: opens it, types `search` first when given (a searchable
 * select), clicks the first option named `option` (the whole name when a string), and waits until
 * the field shows that option's label. Without that wait a click the select never took went
 * unnoticed: the field still held the typed text, which the select clears on blur, and the form
 * then stopped at the browser's own check of a required field, with no message to wait for (CI,
 * a loaded machine). Such a click is tried once more; a select that never takes the choice fails.
 */
export async function chooseOption(
  page: Page,
  select: Locator,
  option: string | RegExp,
  search?: string,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await select.click();
    if (search !== undefined) await select.fill(search);
    const choice = page
      .getByRole(
        "option",
        typeof option === "string" ? { name: option, exact: true } : { name: option },
      )
      .first();
    const label = (await choice.innerText()).trim();
    await choice.click();
    try {
      await expect
        .poll(() => select.inputValue(), attempt === 1 ? { timeout: 5_000 } : {})
        .toBe(label);
      return;
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}

/**
 * Picks the procedure of `code` in a receive form's searchable "Thủ tục hành chính" (its options
 * read "code — name"), typed to narrow the list, checked as `chooseOption` checks.
 */
export async function chooseProcedure(page: Page, form: Locator, code: string): Promise<void> {
  const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await chooseOption(
    page,
    form.getByLabel("Thủ tục hành chính"),
    new RegExp(`^${escaped} — `),
    code,
  );
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Đăng xuất" }).click();
  await page.getByRole("heading", { name: "Đăng nhập", level: 1 }).waitFor();
}

/**
 * The app under test: CCHC_E2E_URL when set (an already running server, only for the files that
 * use the demo data), otherwise a fresh server from `startTestServer()` with an empty embedded
 * database — filled by `prepare` (the test's factories), or with the demo data without it.
 */
export async function appUnderTest<W = undefined>(
  prepare?: PrepareData<W>,
): Promise<{ url: string; world: W; stop(): Promise<void> }> {
  if (process.env.CCHC_E2E_URL) {
    if (prepare) {
      throw new Error(
        "This browser test builds its own data in a fresh server's data folder: unset CCHC_E2E_URL to run it.",
      );
    }
    return {
      url: process.env.CCHC_E2E_URL.replace(/\/$/, ""),
      world: undefined as W,
      stop: async () => {},
    };
  }
  const { startTestServer } = await import("../support/server.ts");
  const server = await startTestServer({ prepare });
  return { url: server.url.replace(/\/$/, ""), world: server.world, stop: () => server.stop() };
}

/** How far the page, or any table region in it, scrolls sideways (0 when everything fits). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const regions = [...document.querySelectorAll<HTMLElement>(".cchc-table-wrap")];
    return Math.max(
      root.scrollWidth - root.clientWidth,
      ...regions.map((region) => region.scrollWidth - region.clientWidth),
    );
  });
}

/**
 * The API writes a page sends from now on ("POST /api/dossiers"), in order: a test empties the
 * array before a step and reads what the step sent.
 */
export function recordWrites(page: Page): string[] {
  const writes: string[] = [];
  page.on("request", (request) => {
    if (request.method() !== "GET" && request.url().includes("/api/")) {
      writes.push(`${request.method()} ${new URL(request.url()).pathname}`);
    }
  });
  return writes;
}
