import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWardWorld, signIn, type WardWorld } from "../support/desk-fixtures.ts";
import { makeAgency, makeProcedure } from "../support/factories.ts";
import { texts } from "../support/docx-xml.ts";
import { testDatabaseKind } from "../support/test-database.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/*
 * Issue 12: a dossier's apology and notices come from the body responsible — the agency the
 * dossier had been handed to, else the receiving body, or the committee for a post with no head —
 * signed with its head's title, numbered as ND 30 writes it, addressed "Ông/Bà …" or to the
 * organisation by name.
 */

let t: TestApp;
let clerk: ApiClient;
let world: WardWorld;
let procedureId: string;
let economy: { id: string };

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  world = await makeWardWorld(db, { wardName: "Phường Hồng Gai", agencyCode: "000.07.22.H99" });
  procedureId = (await makeProcedure(db, world.ward, { code: "1.004873", processingDays: 3 })).id;
  economy = await makeAgency(db, world.ward, { name: "Phòng Kinh tế", kind: "department" });
  clerk = await signIn(t, world.users.clerk);
});
afterAll(() => t.close());

async function receive(applicantName: string, extra: Record<string, unknown> = {}) {
  const response = await clerk.post("/api/dossiers", {
    procedureId,
    applicantName,
    applicantPhone: "0912 345 678",
    channel: "in_person",
    receivedAt: "2026-03-02 09:00",
    ...extra,
  });
  expect(response.status).toBe(201);
  return response.body.data as { id: string; code: string };
}

async function move(id: string, action: string, at: string, extra: Record<string, unknown> = {}) {
  const response = await clerk.post(`/api/dossiers/${id}/transitions`, { action, at, ...extra });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.data;
}

/** The paragraphs' text of a downloaded Word file, one string per paragraph. */
async function wordText(path: string): Promise<string[]> {
  const response = await fetch(`${t.url}${path}`, { headers: { cookie: clerk.cookie! } });
  expect(response.status).toBe(200);
  const zip = await JSZip.loadAsync(await response.arrayBuffer());
  const xml = await zip.file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((m) => texts(m[0]).join(""));
}

describe(`who sends a dossier's letters and notices, on ${testDatabaseKind}`, () => {
  it("the late agency sends the apology: its name, number, head's title; the stop notice too", async () => {
    const dossier = await receive("Lê Văn Hùng");
    await move(dossier.id, "hand_over", "2026-03-02 10:00", { toAgencyId: economy.id });
    const apologised = await clerk.post(`/api/dossiers/${dossier.id}/apologies`, {
      reason: "Chờ ý kiến của cơ quan chuyên môn",
      newDueDate: "2026-03-10",
      at: "2026-03-05 09:00",
    });
    expect(apologised.status).toBe(201);
    const letter = apologised.body.data.apologies[0];
    expect(letter.number).toMatch(/^\d{2,}\/PKT$/);
    const text = await wordText(`/api/dossiers/${dossier.id}/apologies/${letter.id}/document.docx`);
    const all = text.join("\n");
    expect(all).toContain("UBND PHƯỜNG HỒNG GAI");
    expect(all).toContain("PHÒNG KINH TẾ");
    expect(all).toContain(`Số: ${letter.number}`);
    expect(all).toContain(
      "(Mẫu số 04 ban hành kèm theo Thông tư số 03/2025/TT-VPCP của Văn phòng Chính phủ)",
    );
    expect(text).toContain("Kính gửi: Ông/Bà Lê Văn Hùng");
    expect(all).toContain("Phòng Kinh tế — Phường Hồng Gai thành thật xin lỗi Ông/Bà");
    expect(all).toContain("TRƯỞNG PHÒNG");
    expect(all).not.toContain("THỦ TRƯỞNG CƠ QUAN");
    // The desk received it: the receipt's line still names the receiving body.
    expect(all).toContain("Trung tâm Phục vụ hành chính công — Phường Hồng Gai tiếp nhận");

    await move(dossier.id, "stop", "2026-03-06 14:00", { note: "Người nộp đề nghị dừng" });
    const stop = (await wordText(`/api/dossiers/${dossier.id}/stop-notice.docx`)).join("\n");
    expect(stop).toContain("PHÒNG KINH TẾ");
    expect(stop).toContain("Số: ……/TB-PKT");
    expect(stop).toContain("Phòng Kinh tế — Phường Hồng Gai thông báo dừng giải quyết");
    expect(stop).toContain("TRƯỞNG PHÒNG");
  });

  it("the receiving body apologises for a dossier it had not handed over", async () => {
    const dossier = await receive("Phạm Thị Thu");
    const apologised = await clerk.post(`/api/dossiers/${dossier.id}/apologies`, {
      reason: "Chưa chuyển hồ sơ kịp",
      newDueDate: "2026-03-10",
      at: "2026-03-05 09:00",
    });
    expect(apologised.status).toBe(201);
    const letter = apologised.body.data.apologies[0];
    expect(letter.number).toMatch(/^\d{2,}\/TTPVHCC$/);
    const all = (
      await wordText(`/api/dossiers/${dossier.id}/apologies/${letter.id}/document.docx`)
    ).join("\n");
    expect(all).toContain("TRUNG TÂM PHỤC VỤ");
    expect(all).toContain("GIÁM ĐỐC");
    expect(all).not.toContain("PHÒNG KINH TẾ");
  });

  it("a commune post refuses through the committee, TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH, to an organisation by name", async () => {
    const dossier = await receive("Công ty TNHH Thương mại Hạ Long");
    await move(dossier.id, "hand_over", "2026-03-02 10:00", {
      toAgencyId: world.agencies.justice.id,
    });
    await move(dossier.id, "refuse", "2026-03-03 10:00", { note: "Không đủ điều kiện" });
    const text = await wordText(`/api/dossiers/${dossier.id}/refusal-notice.docx`);
    const all = text.join("\n");
    expect(text).toContain("ỦY BAN NHÂN DÂN");
    expect(text).toContain("PHƯỜNG HỒNG GAI");
    expect(all).not.toContain("UBND PHƯỜNG HỒNG GAI");
    expect(all).not.toContain("TƯ PHÁP");
    expect(all).toContain("Số: ……/TB-UBND");
    expect(text).toContain("Kính gửi: Công ty TNHH Thương mại Hạ Long");
    expect(all).not.toContain("Ông/Bà");
    expect(all).toContain("Ủy ban nhân dân phường Hồng Gai thông báo không giải quyết");
    expect(all).toContain("TM. ỦY BAN NHÂN DÂN");
    expect(all).toContain("CHỦ TỊCH");
  });
});

describe(`the refusal at the counter (Mẫu số 03), on ${testDatabaseKind}`, () => {
  async function refuseAtCounter(body: Record<string, unknown>) {
    return fetch(`${t.url}/api/procedures/${procedureId}/reception-refusal.docx`, {
      method: "POST",
      headers: {
        cookie: clerk.cookie!,
        "x-csrf-token": clerk.csrfToken!,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        applicantName: "Đinh Văn Tú",
        applicantPhone: "0912 000 111",
        reason: "Thủ tục không thuộc thẩm quyền của phường",
        ...body,
      }),
    });
  }

  it("prints Mẫu số 03 from the receiving body and puts nothing in the register", async () => {
    const before = (await clerk.get("/api/dossiers?limit=1")).body.total as number;
    const response = await refuseAtCounter({ at: "2026-03-04 08:30" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain(
      "tu-choi-tiep-nhan-2026-03-04.docx",
    );
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = await zip.file("word/document.xml")!.async("string");
    const all = texts(xml).join("");
    expect(all).toContain("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
    expect(all).toContain("Mẫu số 03 ban hành kèm theo Thông tư số 03/2025/TT-VPCP");
    expect(all).toContain("Số: ……/TTPVHCC");
    expect(all).toContain("Hồng Gai, ngày 04 tháng 3 năm 2026");
    expect(all).toContain("Kính gửi: Ông/Bà Đinh Văn Tú");
    expect(all).toContain("từ chối tiếp nhận, giải quyết hồ sơ với lý do cụ thể như sau");
    expect(all).toContain("GIÁM ĐỐC");
    expect(all).not.toContain("mã hồ sơ");
    expect((await clerk.get("/api/dossiers?limit=1")).body.total).toBe(before);
  });

  it("is refused for a day before the ward existed, without a reason, or in the future", async () => {
    const early = await refuseAtCounter({ at: "2025-06-30 09:00" });
    expect(early.status).toBe(422);
    expect((await early.json()).error.code).toBe("UNIT_NOT_VALID_ON_DATE");
    const blank = await refuseAtCounter({ reason: "  " });
    expect(blank.status).toBe(400);
    const future = await refuseAtCounter({ at: "2999-01-01 09:00" });
    expect(future.status).toBe(400);
  });
});
