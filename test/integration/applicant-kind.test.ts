import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/server/db/database.ts";
import { openDocx, texts } from "../support/docx-xml.ts";
import { makeDesk, makeProcedure, makeUnit, makeUser } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";
import { testDatabaseKind } from "../support/test-database.ts";

/*
 * The applicant's kind (issue 12): said by the desk at reception ("person" | "organisation"),
 * stored, answered by the read API, corrected through PATCH, and used by the letters' addressing
 * over the name's inference; left out, it is stored as none and read as inferred; a wrong value is
 * refused with DOSSIER_APPLICANT_KIND_INVALID and nothing is written. Dates are explicit.
 */

let t: TestApp;
let clerk: ApiClient;
let procedureId: string;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const province = await makeUnit(db, { level: "province" });
  const ward = await makeUnit(db, { parent: province });
  await makeDesk(db, ward);
  procedureId = (await makeProcedure(db, ward)).id;
  const user = await makeUser(db, { unit: ward, role: "clerk" });
  clerk = await t.signedIn(user.username, user.password);
});
afterAll(() => t.close());

function receive(overrides: Record<string, unknown> = {}) {
  return clerk.post("/api/dossiers", {
    procedureId,
    applicantName: "Nguyễn Gia Phát",
    applicantPhone: "0977 111 222",
    channel: "in_person",
    receivedAt: "2026-03-02 09:00",
    ...overrides,
  });
}

async function storedKind(id: string) {
  const [row] = await queryRows<{ kind: string | null }>(
    t.db.database.db,
    sql`select applicant_kind as kind from dossiers where id = ${id}::uuid`,
  );
  return row!.kind;
}

async function dossierCount() {
  const [row] = await queryRows<{ n: number }>(
    t.db.database.db,
    sql`select count(*)::int as n from dossiers`,
  );
  return row!.n;
}

async function docText(path: string, init: RequestInit = {}) {
  const response = await fetch(`${t.url}${path}`, {
    ...init,
    headers: {
      cookie: clerk.cookie!,
      ...(init.method === "POST" ? { "x-csrf-token": clerk.csrfToken! } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
  expect(response.status, path).toBe(200);
  const { document } = await openDocx(Buffer.from(await response.arrayBuffer()));
  return texts(document).join("");
}

describe(`the applicant's kind on ${testDatabaseKind}`, () => {
  it("is stored as chosen and answered with its label; the letters address the organisation", async () => {
    // A name the inference reads as a person's, chosen as an organisation.
    const response = await receive({ applicantKind: "organisation" });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const id: string = response.body.data.id;
    expect(response.body.data).toMatchObject({
      applicantKind: "organisation",
      applicantKindLabel: "Tổ chức",
      applicantKindSaid: true,
    });
    expect(await storedKind(id)).toBe("organisation");
    const detail = await clerk.get(`/api/dossiers/${id}`);
    expect(detail.body.data.applicantKind).toBe("organisation");

    const apology = await clerk.post(`/api/dossiers/${id}/apologies`, {
      reason: "Chờ xác minh của cơ quan phối hợp",
      newDueDate: "2026-03-10",
      at: "2026-03-04 08:00",
    });
    expect(apology.status, JSON.stringify(apology.body)).toBe(201);
    const letter = await docText(
      `/api/dossiers/${id}/apologies/${apology.body.data.apologies[0].id}/document.docx`,
    );
    expect(letter).toContain("Kính gửi: Nguyễn Gia Phát");
    expect(letter).toContain("Quý tổ chức");
    expect(letter).not.toContain("Ông/Bà");

    const refused = await clerk.post(`/api/dossiers/${id}/transitions`, {
      action: "refuse",
      at: "2026-03-04 09:00",
      note: "Không thuộc thẩm quyền",
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    const notice = await docText(`/api/dossiers/${id}/refusal-notice.docx`);
    expect(notice).toContain("Kính gửi: Nguyễn Gia Phát");
    expect(notice).not.toContain("Ông/Bà");
  });

  it("wins the other way too: an organisation-like name chosen as a person", async () => {
    const response = await receive({ applicantName: "Hội Thị Lan", applicantKind: "person" });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.data).toMatchObject({ applicantKind: "person", applicantKindSaid: true });
    const id: string = response.body.data.id;
    const refused = await clerk.post(`/api/dossiers/${id}/transitions`, {
      action: "refuse",
      at: "2026-03-02 10:00",
      note: "Không thuộc thẩm quyền",
    });
    expect(refused.status).toBe(200);
    expect(await docText(`/api/dossiers/${id}/refusal-notice.docx`)).toContain(
      "Kính gửi: Ông/Bà Hội Thị Lan",
    );
  });

  it("left out, is stored as none and read as inferred from the name (old clients)", async () => {
    const person = await receive({ applicantName: "Hoàng Thị Mai" });
    const company = await receive({ applicantName: "Công ty TNHH An Phát", applicantKind: "" });
    for (const [response, kind] of [
      [person, "person"],
      [company, "organisation"],
    ] as const) {
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(response.body.data).toMatchObject({ applicantKind: kind, applicantKindSaid: false });
      expect(await storedKind(response.body.data.id)).toBeNull();
    }
  });

  it("is corrected through PATCH, and null puts it back to the inference", async () => {
    const response = await receive({ applicantName: "Công ty TNHH Hà Phong" });
    const id: string = response.body.data.id;
    expect(response.body.data.applicantKind).toBe("organisation");
    const changed = await clerk.patch(`/api/dossiers/${id}`, { applicantKind: "person" });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.data).toMatchObject({ applicantKind: "person", applicantKindSaid: true });
    expect(await storedKind(id)).toBe("person");
    const cleared = await clerk.patch(`/api/dossiers/${id}`, { applicantKind: null });
    expect(cleared.body.data).toMatchObject({
      applicantKind: "organisation",
      applicantKindSaid: false,
    });
    expect(await storedKind(id)).toBeNull();
  });

  it("refuses a wrong value with its code and a Vietnamese message, and writes nothing", async () => {
    const before = await dossierCount();
    for (const bad of ["company", "Tổ chức", "ORGANISATION"]) {
      const response = await receive({ applicantKind: bad });
      expect(response.status, bad).toBe(400);
      expect(response.body.error.code).toBe("DOSSIER_APPLICANT_KIND_INVALID");
      expect(response.body.error.message).toContain("Loại người nộp không hợp lệ");
      expect(response.body.error.message).toContain("Tổ chức");
    }
    expect(await dossierCount()).toBe(before);
    const id: string = (await receive()).body.data.id;
    const patched = await clerk.patch(`/api/dossiers/${id}`, { applicantKind: "firm" });
    expect(patched.status).toBe(400);
    expect(patched.body.error.code).toBe("DOSSIER_APPLICANT_KIND_INVALID");
    expect(await storedKind(id)).toBeNull();
  });

  it("addresses the refusal at the counter (Mẫu 03) by the kind chosen there", async () => {
    const text = await docText(`/api/procedures/${procedureId}/reception-refusal.docx`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        applicantName: "Nguyễn Gia Phát",
        applicantPhone: "0977 111 222",
        applicantKind: "organisation",
        at: "2026-03-02 09:00",
        reason: "Không thuộc thẩm quyền",
      }),
    });
    expect(text).toContain("Kính gửi: Nguyễn Gia Phát");
    expect(text).not.toContain("Ông/Bà");
  });
});
