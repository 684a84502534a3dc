/**
 * Issue 12: every A5 form of the desk fits one A5 page as LibreOffice prints it, in its longest
 * realistic case (worst-case-forms.ts): the receipt with six documents and every name long, or
 * twelve documents; the supplement request asking for twelve documents; the refusals, the stop
 * notice and the apology from an agency with a long name, for a company with a long name and
 * address and a long reason. Page 1 of each is kept under test-artifacts/documents/worst-case/.
 * Runs where LibreOffice and poppler-utils are installed (as the visual check beside it).
 */
import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { keepFirstPage, missingPdfTools, printDocx } from "../../support/pdf-pages.ts";
import { LONG, LONGEST_FORMS, PERSON } from "./worst-case-forms.ts";

const missing = missingPdfTools();

describe.skipIf(missing.length > 0)(
  `A5 forms in their longest case fit one page${missing.length > 0 ? ` (skipped: ${missing.join(", ")} not on PATH)` : ""}`,
  () => {
    it.each(Object.keys(LONGEST_FORMS))(
      "%s prints on one A5 page, its signer on it",
      async (name) => {
        const printed = await printDocx(await LONGEST_FORMS[name]!());
        const png = keepFirstPage(printed.pdf, "documents/worst-case", name);
        expect(statSync(png).size).toBeGreaterThan(10_000);
        expect(printed.pages, name).toBe(1);
        const [page = ""] = printed.pageTexts;
        // ND 30: the Quốc hiệu keeps one line; the place and date with the one date rule.
        expect(page).toMatch(/CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
        expect(page).toMatch(/Quảng Phú Cầu, ngày \d\d tháng \d{1,2}/);
        if (name.startsWith("mau-01")) {
          expect(page).toMatch(/NGƯỜI NỘP HỒ SƠ +NGƯỜI TIẾP NHẬN HỒ SƠ/);
          expect(page).toContain(LONG.receiverName);
          expect(page).toContain(name.includes("12") ? PERSON.applicantName : "Hoàng Long");
          // The last document of the list is printed, with its copies.
          expect(page).toMatch(name.includes("12") ? /12 +Tờ khai lệ phí trước bạ/ : /6 +Chứng từ/);
        } else {
          expect(page).toMatch(/\(Ký(,| và) ghi rõ họ tên/);
        }
      },
      300_000,
    );
  },
);
