import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatePlanDocument } from "../../../src/server/documents/plan-document/plan-document.ts";
import { receipt } from "../one-stop/one-stop-factory.ts";
import { makePlanDocumentInput } from "../plan-document/plan-document-factory.ts";

function onPath(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const missing = ["soffice", "pdftoppm", "pdftotext"].filter((command) => !onPath(command));
const ARTIFACTS = join(process.cwd(), "test-artifacts", "documents");

/** The text of a PDF laid out as printed, pages separated by form feeds. */
function pdfText(pdf: string): string {
  return execFileSync("pdftotext", ["-layout", pdf, "-"]).toString();
}

/** Page 1 of a PDF as a PNG under test-artifacts/documents/. */
function keepFirstPage(folder: string, name: string): string {
  execFileSync("pdftoppm", [
    "-png",
    "-r",
    "90",
    "-f",
    "1",
    "-l",
    "1",
    "-singlefile",
    join(folder, `${name}.pdf`),
    join(folder, `${name}-page1`),
  ]);
  const png = join(ARTIFACTS, `${name}-page1.png`);
  copyFileSync(join(folder, `${name}-page1.png`), png);
  copyFileSync(join(folder, `${name}.pdf`), join(ARTIFACTS, `${name}.pdf`));
  return png;
}

describe("ND 30 documents rendered by LibreOffice", () => {
  it.skipIf(missing.length > 0)(
    `renders the plan (A4) and a receipt (A5) to test-artifacts/documents/*-page1.png${
      missing.length > 0
        ? ` (skipped: ${missing.join(", ")} not on PATH; install libreoffice-writer-nogui, fonts-liberation2, poppler-utils)`
        : ""
    }`,
    async () => {
      const folder = mkdtempSync(join(tmpdir(), "nd30-documents-"));
      try {
        const plan = join(folder, "plan.docx");
        const form = join(folder, "receipt.docx");
        writeFileSync(plan, await generatePlanDocument(makePlanDocumentInput({ taskCount: 60 })));
        // A receipt with its documents listed, as a desk prints one with the most on it.
        writeFileSync(
          form,
          await receipt({
            documents: [
              { name: "Tờ khai đề nghị cấp bản sao trích lục hộ tịch", copies: 1 },
              { name: "Giấy ủy quyền (nếu nộp thay)", copies: 1 },
              { name: "Bản sao giấy tờ tùy thân của người nộp", copies: 2 },
            ],
          }),
        );
        execFileSync(
          "soffice",
          [
            `-env:UserInstallation=file://${folder}/profile`,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            plan,
            form,
          ],
          { stdio: "ignore", timeout: 90_000 },
        );
        const [planPage1 = ""] = pdfText(join(folder, "plan.pdf")).split("\f");
        // The Quốc hiệu keeps one line and shares it with the issuing body.
        expect(planPage1).toMatch(/ỦY BAN NHÂN DÂN +CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
        expect(planPage1).toMatch(/Số: 28\/QĐ-UBND +Hòa Phong, ngày 02 tháng 02 năm 2026/);
        expect(planPage1).toContain("KT. CHỦ TỊCH");

        const receiptPages = pdfText(join(folder, "receipt.pdf"))
          .split("\f")
          .filter((page) => page.trim() !== "");
        expect(receiptPages).toHaveLength(1);
        const [receiptPage = ""] = receiptPages;
        expect(receiptPage).toMatch(/UBND PHƯỜNG BÃI CHÁY +CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
        expect(receiptPage).toContain("Bãi Cháy, ngày 05 tháng 3 năm 2026");
        expect(receiptPage).toMatch(/Hoàng Thị Mai +Nguyễn Văn Tiếp/);
        expect(receiptPage).toContain("Số: 0007/TNHS");
        expect(receiptPage).toContain("09 giờ 00 phút, ngày 09");
        expect(receiptPage).toContain("https://cchc.example/danh-gia/H99.01?hoSo=");

        mkdirSync(ARTIFACTS, { recursive: true });
        for (const name of ["plan", "receipt"]) {
          expect(statSync(keepFirstPage(folder, name)).size).toBeGreaterThan(10_000);
        }
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
