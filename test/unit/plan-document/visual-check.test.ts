import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatePlanDocument } from "../../../src/server/documents/plan-document/plan-document.ts";
import { makePlanDocumentInput } from "./plan-document-factory.ts";

function onPath(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const missing = ["soffice", "pdftoppm", "pdftotext"].filter((command) => !onPath(command));
const ARTIFACTS = join(process.cwd(), "test-artifacts", "plan-document");

describe("plan Word document rendered by LibreOffice", () => {
  it.skipIf(missing.length > 0)(
    `renders page 1 to test-artifacts/plan-document/page1.png${
      missing.length > 0
        ? ` (skipped: ${missing.join(", ")} not on PATH; install libreoffice-writer-nogui, fonts-liberation2, poppler-utils)`
        : ""
    }`,
    async () => {
      const folder = mkdtempSync(join(tmpdir(), "plan-document-"));
      try {
        const docx = join(folder, "plan.docx");
        writeFileSync(docx, await generatePlanDocument(makePlanDocumentInput({ taskCount: 60 })));
        execFileSync(
          "soffice",
          [
            `-env:UserInstallation=file://${folder}/profile`,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            docx,
          ],
          { stdio: "ignore", timeout: 90_000 },
        );
        const pdf = join(folder, "plan.pdf");
        const firstPage = execFileSync("pdftotext", [
          "-f",
          "1",
          "-l",
          "1",
          "-layout",
          pdf,
          "-",
        ]).toString();
        expect(firstPage).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        expect(firstPage).toContain("Số: 28/QĐ-UBND");
        expect(firstPage).toMatch(/Hòa Phong, ngày 02 tháng 02 năm 2026/);
        expect(firstPage).toContain("KT. CHỦ TỊCH");

        mkdirSync(ARTIFACTS, { recursive: true });
        execFileSync("pdftoppm", [
          "-png",
          "-r",
          "90",
          "-f",
          "1",
          "-l",
          "1",
          "-singlefile",
          pdf,
          join(folder, "page1"),
        ]);
        copyFileSync(join(folder, "page1.png"), join(ARTIFACTS, "page1.png"));
        copyFileSync(pdf, join(ARTIFACTS, "plan.pdf"));
        expect(statSync(join(ARTIFACTS, "page1.png")).size).toBeGreaterThan(10_000);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
