/**
 * Pages of a Word file as LibreOffice prints it, for the tests that check a form's layout: the
 * project's own converter (`docxToPdf`), `pdfinfo` for the page count and `pdftoppm` for a PNG of
 * page 1 kept under test-artifacts/ (poppler-utils). `missingPdfTools()` names what is not
 * installed, so a test can skip with the reason.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { docxToPdf, sofficeBinary } from "../../src/server/documents/pdf-convert.ts";

function onPath(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v "$0"`, command], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The commands the page checks need that are not on PATH. */
export function missingPdfTools(): string[] {
  return [sofficeBinary(), "pdfinfo", "pdftoppm", "pdftotext"].filter((c) => !onPath(c));
}

export interface PrintedDocument {
  pdf: Buffer;
  /** Pages as `pdfinfo` counts them. */
  pages: number;
  /** The text of each page, laid out as printed (`pdftotext -layout`). */
  pageTexts: string[];
}

/** `docx` printed to PDF by LibreOffice, with its page count and the text of its pages. */
export async function printDocx(docx: Buffer): Promise<PrintedDocument> {
  const pdf = await docxToPdf(docx);
  const folder = mkdtempSync(join(tmpdir(), "cchc-pages-"));
  try {
    const file = join(folder, "document.pdf");
    writeFileSync(file, pdf);
    const info = execFileSync("pdfinfo", [file]).toString();
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? Number.NaN);
    const pageTexts = execFileSync("pdftotext", ["-layout", file, "-"])
      .toString()
      .split("\f")
      .slice(0, pages);
    return { pdf, pages, pageTexts };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Page 1 of `pdf` as `<folder>/<name>-page1.png` (and the PDF beside it) under test-artifacts/;
 * returns the PNG's path.
 */
export function keepFirstPage(pdf: Buffer, folder: string, name: string, dpi = 90): string {
  const target = join(process.cwd(), "test-artifacts", folder);
  mkdirSync(target, { recursive: true });
  const file = join(target, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync("pdftoppm", [
    "-png",
    "-r",
    String(dpi),
    "-f",
    "1",
    "-l",
    "1",
    "-singlefile",
    file,
    join(target, `${name}-page1`),
  ]);
  return join(target, `${name}-page1.png`);
}
