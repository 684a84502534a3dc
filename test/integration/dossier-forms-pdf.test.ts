/**
 * Issue 13 and 12: each desk form printed from the browser as a PDF the server renders from its
 * Word file (LibreOffice), on one A5 page, with "UBND PHƯỜNG BÃI CHÁY" above the receiving body
 * and the Quốc hiệu on one line; the same access rule as the Word file. Page 1 of each form is
 * kept under test-artifacts/documents/forms/. The PDF tests run where `soffice` is installed.
 * One ward (Phường Bãi Cháy) made with the factories; fixed days in March 2026.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWardWorld, receiveDossier, signIn, type WardWorld } from "../support/desk-fixtures.ts";
import { makeDesk, makeProcedure, makeUnit, makeUser } from "../support/factories.ts";
import { testDatabaseKind } from "../support/test-database.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

function onPath(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const HAS_SOFFICE = onPath("soffice");
const HAS_POPPLER = onPath("pdftoppm") && onPath("pdftotext");
const ARTIFACTS = join(process.cwd(), "test-artifacts", "documents", "forms");

let t: TestApp;
let world: WardWorld;
let clerk: ApiClient;
let admin: ApiClient;
let outsider: ApiClient;
/** The form routes (without extension) of dossiers in the states that have them. */
const forms: Record<string, string> = {};

function fetchAs(client: ApiClient, path: string) {
  return fetch(`${t.url}${path}`, { headers: { cookie: client.cookie! } });
}

async function step(id: string, action: string, at: string, note?: string) {
  const response = await clerk.post(`/api/dossiers/${id}/transitions`, {
    action,
    at,
    ...(note ? { note } : {}),
    ...(action === "hand_over" ? { toAgencyId: world.agencies.justice.id } : {}),
  });
  if (response.status !== 200) throw new Error(`${action}: ${JSON.stringify(response.body)}`);
}

beforeAll(async () => {
  t = await startTestApp({ demo: false, publicUrl: "https://cchc.example.gov.vn" });
  const db = t.db.database.db;
  world = await makeWardWorld(db, { wardName: "Phường Bãi Cháy", agencyCode: "000.05.22.H99" });
  const procedure = await makeProcedure(db, world.ward, {
    code: "1.004873",
    name: "Cấp bản sao Trích lục hộ tịch",
    processingDays: 3,
  });
  const other = await makeUnit(db, {
    parent: world.province,
    name: "Phường Hà Tu",
    validFrom: "2025-07-01",
  });
  await makeDesk(db, other, { agencyCode: "000.06.22.H99" });
  const stranger = await makeUser(db, { unit: other, role: "clerk" });
  clerk = await signIn(t, world.users.clerk);
  admin = await signIn(t, world.users.admin);
  outsider = await signIn(t, stranger);

  const received = await receiveDossier(clerk, procedure.id, "2026-03-02 09:00");
  forms.receipt = `/api/dossiers/${received.id}/receipt`;
  const apology = await clerk.post(`/api/dossiers/${received.id}/apologies`, {
    reason: "Chờ xác minh của cơ quan phối hợp",
    newDueDate: "2026-03-10",
    at: "2026-03-04 08:00",
  });
  if (apology.status !== 201) throw new Error(JSON.stringify(apology.body));
  forms.apology = `/api/dossiers/${received.id}/apologies/${apology.body.data.apologies[0].id}/document`;

  const supplemented = await receiveDossier(clerk, procedure.id, "2026-03-02 10:00");
  await step(supplemented.id, "hand_over", "2026-03-02 11:00");
  await step(supplemented.id, "request_supplement", "2026-03-03 09:00", "Thiếu tờ khai");
  forms.supplement = `/api/dossiers/${supplemented.id}/supplement-request`;
  await step(supplemented.id, "stop", "2026-03-05 09:00", "Người nộp không bổ sung");
  forms.stop = `/api/dossiers/${supplemented.id}/stop-notice`;

  const refused = await receiveDossier(clerk, procedure.id, "2026-03-02 11:00");
  await step(refused.id, "refuse", "2026-03-02 11:30", "Không thuộc thẩm quyền");
  forms.refusal = `/api/dossiers/${refused.id}/refusal-notice`;
});
afterAll(() => t.close());

/** Pages of a PDF: its page objects (LibreOffice writes no object streams). */
function pageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

/** Keeps the PDF and its page 1 as a PNG; returns the page's text laid out as printed. */
function keep(name: string, pdf: Buffer): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(file, pdf);
  if (!HAS_POPPLER) return "";
  execFileSync(
    "pdftoppm",
    ["-png", "-r", "100", "-singlefile", "-f", "1", "-l", "1", file].concat(
      join(ARTIFACTS, `${name}-page1`),
    ),
  );
  return execFileSync("pdftotext", ["-layout", file, "-"]).toString();
}

describe(`desk forms as PDF on ${testDatabaseKind}`, () => {
  it.skipIf(!HAS_SOFFICE)(
    "renders each form inline as a one-page A5 PDF with the ward's committee over the receiving body",
    async () => {
      for (const [name, path] of Object.entries(forms)) {
        const response = await fetchAs(clerk, `${path}.pdf`);
        expect(response.status, name).toBe(200);
        expect(response.headers.get("content-type")).toContain("application/pdf");
        expect(response.headers.get("content-disposition")).toMatch(/^inline; filename=".+\.pdf"/);
        const pdf = Buffer.from(await response.arrayBuffer());
        expect(pdf.subarray(0, 5).toString("latin1"), name).toBe("%PDF-");
        expect(pageCount(pdf), name).toBe(1);
        // A5 portrait: 148 × 210 mm = 419.5 × 595.3 pt.
        expect(pdf.toString("latin1"), name).toMatch(
          /\/MediaBox\s*\[\s*0 0 419\.\d+ 595\.\d+\s*\]/,
        );
        const text = keep(name, pdf);
        if (!HAS_POPPLER) continue;
        if (name === "stop") {
          // Stopped while with "Tư pháp - Hộ tịch", a post with no head: the committee sends it,
          // its own name only, signed for the committee.
          expect(text, name).toMatch(/ỦY BAN NHÂN DÂN +CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
          expect(text, name).toMatch(/PHƯỜNG BÃI CHÁY +Độc lập - Tự do - Hạnh phúc/);
          expect(text, name).toMatch(/TM\. ỦY BAN NHÂN DÂN/);
          continue;
        }
        // The committee and the Quốc hiệu share the first line, each on one line.
        expect(text, name).toMatch(/UBND PHƯỜNG BÃI CHÁY +CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
        // The 2025 rule set's receiving body, in two even lines beside the motto.
        expect(text, name).toMatch(/TRUNG TÂM PHỤC VỤ +Độc lập - Tự do - Hạnh phúc/);
        expect(text, name).toMatch(/HÀNH CHÍNH CÔNG/);
      }
    },
    900_000,
  );

  it("refuses the PDF and the Word file of every form to a clerk of another ward", async () => {
    for (const [name, path] of Object.entries(forms)) {
      for (const extension of [".pdf", ".docx"]) {
        const response = await fetchAs(outsider, `${path}${extension}`);
        expect([403, 404], `${name}${extension}`).toContain(response.status);
        const body = (await response.json()) as { error: { code: string } };
        expect(body.error.code).toMatch(/NOT_FOUND|FORBIDDEN/);
      }
    }
  });

  it("answers 409 for a notice the dossier has not, before converting anything", async () => {
    const receipt = forms.receipt!;
    const id = receipt.split("/")[3];
    const response = await clerk.get(`/api/dossiers/${id}/refusal-notice.pdf`);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("DOSSIER_NOT_REFUSED");
  });

  it("answers 503 with a Vietnamese message when LibreOffice is not there", async () => {
    const saved = process.env.CCHC_SOFFICE;
    process.env.CCHC_SOFFICE = "/nonexistent/soffice";
    try {
      const response = await clerk.get(`${forms.receipt}.pdf`);
      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe("DOCUMENT_PDF_UNAVAILABLE");
      expect(response.body.error.message).toContain("LibreOffice");
    } finally {
      if (saved === undefined) delete process.env.CCHC_SOFFICE;
      else process.env.CCHC_SOFFICE = saved;
    }
  });

  it("prints the receiving body the desk settings name, and the rule set's when they name none", async () => {
    const header = async () => {
      const response = await fetchAs(clerk, `${forms.receipt}.docx`);
      const zip = await JSZip.loadAsync(await response.arrayBuffer());
      const xml = await zip.file("word/document.xml")!.async("string");
      const firstTable = /<w:tbl>.*?<\/w:tbl>/s.exec(xml)?.[0] ?? "";
      return [...firstTable.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
        .map((m) => m[1])
        .filter((text) => text !== "");
    };
    expect((await header()).slice(0, 3)).toEqual([
      "UBND PHƯỜNG BÃI CHÁY",
      "TRUNG TÂM PHỤC VỤ",
      "HÀNH CHÍNH CÔNG",
    ]);
    const settings = `/api/one-stop/desk-settings/${world.ward.id}`;
    const put = (receivingBody: string | null) =>
      admin.request("PUT", settings, {
        json: { cutoff: "15:00", agencyCode: "000.05.22.H99", receivingBody },
      });
    expect((await put("  Bộ phận  Một cửa ")).body.data.receivingBody).toBe("Bộ phận Một cửa");
    try {
      expect((await header()).slice(0, 3)).toEqual([
        "UBND PHƯỜNG BÃI CHÁY",
        "BỘ PHẬN MỘT CỬA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      ]);
    } finally {
      expect((await put(null)).body.data.receivingBody).toBeNull();
    }
  });
});
