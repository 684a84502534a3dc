/**
 * The set-up every e2e file shares: the app under test and a fresh browser (with a first page,
 * when the file drives one page throughout), stopped again after the file; and the API called
 * with a signed-in page's session.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { appUnderTest, launchBrowser, type Browser } from "./browser.ts";
import type { PrepareData } from "./server.ts";

export type App = { url: string; stop(): Promise<void> };

/**
 * Start the app under test and a fresh browser. `prepare` builds the file's own units, agencies,
 * users and records with the test factories before the server starts (no demo data); what it
 * answers is `world`. Without it the server loads the demo, as `npm start` does.
 */
export async function startAppAndBrowser<W = undefined>(
  prepare?: PrepareData<W>,
): Promise<{ app: App; browser: Browser; world: W }> {
  const { world, ...app } = await appUnderTest(prepare);
  const browser = await launchBrowser();
  return { app, browser, world };
}

/** Start the app under test and a fresh browser, and open a page with the given default timeout. */
export async function startAppWithPage<W = undefined>(
  timeout: number,
  prepare?: PrepareData<W>,
): Promise<{ app: App; browser: Browser; page: Page; world: W }> {
  const { app, browser, world } = await startAppAndBrowser(prepare);
  const page = await newPage(browser, timeout);
  return { app, browser, page, world };
}

/** Close the browser (and its pages), then stop the app; either may be missing after a failed start. */
export async function stopAppAndBrowser(
  browser: Browser | undefined,
  app: App | undefined,
): Promise<void> {
  await browser?.close();
  await app?.stop();
}

/** A new page of the browser's profile with the given default timeout. */
export async function newPage(browser: Browser, timeout: number): Promise<Page> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(timeout);
  return page;
}

export interface ApiSession {
  csrfToken: string;
  /** The signed-in user, as /api/auth/me answers it. */
  user: any;
  /** GET, expecting 200; answers the body. */
  get(path: string): Promise<any>;
  /** POST with the CSRF token, expecting `status` (any 2xx when not given); answers the body. */
  post(path: string, data: unknown, status?: number): Promise<any>;
  /** POST a multipart form with the CSRF token, expecting any 2xx; answers the body. */
  upload(path: string, multipart: Record<string, unknown>): Promise<any>;
  /** The unit id of a unit code (e.g. "06658", Phường Bãi Cháy). */
  unitId(code: string): Promise<string>;
}

/** The API with a signed-in page's session (and its CSRF token on writes). */
export async function apiSession(page: Page, url: string): Promise<ApiSession> {
  const me = await page.request.get(`${url}/api/auth/me`);
  expect(me.status()).toBe(200);
  const { csrfToken, user } = (await me.json()).data;
  const headers = { "x-csrf-token": csrfToken as string };
  const get = async (path: string) => {
    const response = await page.request.get(`${url}${path}`);
    expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
    return response.json();
  };
  return {
    csrfToken,
    user,
    get,
    async post(path, data, status) {
      const response = await page.request.post(`${url}${path}`, { headers, data });
      if (status === undefined) {
        expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
      } else {
        expect(response.status(), `${path}: ${await response.text()}`).toBe(status);
      }
      return response.json();
    },
    async upload(path, multipart) {
      const response = await page.request.post(`${url}${path}`, {
        headers,
        multipart: multipart as never,
      });
      expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300);
      return response.json();
    },
    async unitId(code) {
      const units = (await get("/api/units")).data as { id: string; code: string | null }[];
      const unit = units.find((candidate) => candidate.code === code);
      expect(unit, `unit ${code}`).toBeDefined();
      return unit!.id;
    },
  };
}
