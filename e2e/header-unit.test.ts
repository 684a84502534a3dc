/**
 * Browser test of the unit's name in the header at 320, 390 and 768 px: it wraps only between
 * words, never inside one ("Phườn g Bãi Cháy" was the bug), and no word is cut at the box's edge.
 * Measured with a DOM Range per word: a word split across lines has client rects on two lines,
 * and every line of the name starts with a word, at the box's left edge.
 *
 * First the clerk of Phường Bãi Cháy (the whole name readable at every width), then the admin
 * renames the province to a long name (wrapped between words on at most two lines, otherwise
 * cut after the last whole word that fits with "…", the full name in the title).
 *
 * The ward (named Phường Bãi Cháy, the name the bug was seen on), its clerk and the province's
 * administrator are the file's own, made with the test factories.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appUnderTest,
  launchBrowser,
  saveScreenshot,
  signIn,
  type Browser,
} from "./support/browser.ts";
import type { MadeUser } from "../test/support/factories.ts";
import { makeWardTeam, type WardTeam } from "../test/support/plan-fixtures.ts";

const WIDTHS = [320, 390, 768] as const;
const LONG_NAME = "Ủy ban nhân dân tỉnh Quảng Ninh — Trung tâm Phục vụ hành chính công";

let app: { url: string; stop(): Promise<void> };
let browser: Browser;
let page: Page;
let world: WardTeam<"clerk" | "admin">;

beforeAll(async () => {
  ({ world, ...app } = await appUnderTest((db) =>
    makeWardTeam(db, ["clerk", "admin"], { wardName: "Phường Bãi Cháy" }),
  ));
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await page?.close();
  await browser?.close();
  await app?.stop();
});

async function signInAs(user: MadeUser) {
  await browser.context.clearCookies();
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${app.url}/dang-nhap`);
  await signIn(page, user);
  await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();
}

interface Layout {
  text: string;
  /** Words whose glyphs lie on more than one line. */
  split: string[];
  /** Words on a shown line that reach past the box's left or right edge. */
  cut: string[];
  /** Shown lines that do not start at the box's left edge with a word. */
  badLineStarts: number[];
  shownLines: number;
  shownWords: number;
  words: number;
}

/** The name's line boxes, measured word by word with DOM ranges. */
function measure(): Promise<Layout> {
  return page.getByTestId("header-unit").evaluate((el): Layout => {
    const box = el.getBoundingClientRect();
    const text = el.textContent ?? "";
    const node = el.firstChild;
    if (!(node instanceof Text) || node.data !== text) throw new Error("one text node expected");
    const words = [...text.matchAll(/\S+/g)].map((m) => {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      return { word: m[0], rects };
    });
    const lineOf = (r: DOMRect) => Math.round(r.top);
    const split = words.filter((w) => new Set(w.rects.map(lineOf)).size > 1).map((w) => w.word);
    const shown = words.filter((w) => w.rects.every((r) => r.bottom <= box.bottom + 1));
    const cut = shown
      .filter((w) => w.rects.some((r) => r.left < box.left - 1 || r.right > box.right + 1))
      .map((w) => w.word);
    const lines = new Map<number, number>();
    for (const w of shown) {
      const first = w.rects[0]!;
      const top = lineOf(first);
      lines.set(top, Math.min(lines.get(top) ?? Infinity, first.left));
    }
    const badLineStarts = [...lines.values()]
      .map((left, index) => (Math.abs(left - box.left) > 1 ? index : -1))
      .filter((index) => index >= 0);
    return {
      text,
      split,
      cut,
      badLineStarts,
      shownLines: lines.size,
      shownWords: shown.length,
      words: words.length,
    };
  });
}

async function layoutAt(width: number): Promise<Layout> {
  await page.setViewportSize({ width, height: 844 });
  await page.getByTestId("header-unit").waitFor();
  // Layout settles after the resize (Mantine's responsive props are media queries).
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
  return measure();
}

describe("the unit's name in the header", () => {
  it("the clerk's ward: whole name, wrapped only between words, at 320, 390 and 768 px", async () => {
    await signInAs(world.users.clerk);
    for (const width of WIDTHS) {
      const layout = await layoutAt(width);
      expect(layout.text, `${width} px`).toBe("Phường Bãi Cháy");
      expect(layout.split, `${width} px: words split across lines`).toEqual([]);
      expect(layout.cut, `${width} px: words cut at the edge`).toEqual([]);
      expect(layout.badLineStarts, `${width} px: lines not starting with a word`).toEqual([]);
      expect(layout.shownWords, `${width} px: every word shown`).toBe(layout.words);
      await saveScreenshot(page, `header-unit/clerk-${width}.png`);
    }
  });

  it("a long name: wrapped between words, clamped to two lines, full name in its title", async () => {
    await signInAs(world.users.admin);
    const me = await page.request.get(`${app.url}/api/auth/me`);
    const session = (await me.json()).data as {
      csrfToken: string;
      user: { unit: { id: string } };
    };
    const renamed = await page.request.patch(`${app.url}/api/units/${session.user.unit.id}`, {
      headers: { "x-csrf-token": session.csrfToken },
      data: { name: LONG_NAME },
    });
    expect(renamed.status(), await renamed.text()).toBe(200);
    await page.reload();
    await page.getByRole("heading", { name: "Trang chủ", level: 1 }).waitFor();
    const widths = new Map<number, string>();
    for (const width of WIDTHS) {
      const layout = await layoutAt(width);
      // The whole name, or its first whole words and "…": never a word cut before the ellipsis.
      const shown = layout.text.replace(/…$/, "");
      expect(LONG_NAME.startsWith(shown), `${width} px: ${layout.text}`).toBe(true);
      if (shown !== LONG_NAME) {
        expect(layout.text, `${width} px`).toMatch(/…$/);
        expect(LONG_NAME[shown.length], `${width} px: ${layout.text}`).toBe(" ");
      }
      expect(layout.shownWords, `${width} px: every word kept is shown`).toBe(layout.words);
      expect(layout.split, `${width} px: words split across lines`).toEqual([]);
      expect(layout.cut, `${width} px: words cut at the edge`).toEqual([]);
      expect(layout.badLineStarts, `${width} px: lines not starting with a word`).toEqual([]);
      expect(layout.shownLines, `${width} px`).toBeLessThanOrEqual(2);
      expect(layout.shownWords, `${width} px`).toBeGreaterThan(1);
      widths.set(width, layout.text);
      expect(await page.getByTestId("header-unit").getAttribute("title")).toBe(LONG_NAME);
      await saveScreenshot(page, `header-unit/long-${width}.png`);
    }
    // Cut on a phone, longer where there is room.
    expect(widths.get(320)).toMatch(/…$/);
    expect(widths.get(768)!.length).toBeGreaterThan(widths.get(320)!.length);
  });
});
