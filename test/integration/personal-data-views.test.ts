import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/core/access/role-policy.ts";
import { makeAgency, makeDesk, makeProcedure, makeUnit, makeUser } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";
import { testDatabaseKind } from "../support/test-database.ts";

/*
 * Citizens' personal data is shown in full only to the unit's own desk and officers; upper units'
 * reviewers, viewers and administrators get it masked, and every response says which.
 */
let t: TestApp;
const clients = {} as Record<Role | "otherClerk", ApiClient>;
let ward: { id: string };
let procedureId: string;
let dossierId: string;
let feedbackId: string;
let dossierCode: string;
let feedbackCode: string;

const APPLICANT = {
  applicantName: "Nguyễn Thị Thuỷ",
  applicantPhone: "0912345689",
  applicantAddress: "Số 7 Hạ Long, Phường Thử",
};
const SENDER = {
  senderName: "Trần Văn Hoà",
  senderPhone: "0987654321",
  senderEmail: "hoa.tran@example.vn",
  senderAddress: "Tổ 2, Phường Thử",
  title: "Phản ánh của ông Trần Văn Hoà",
  content: "Đề nghị gọi lại số 0987654321, CCCD 001203004567.",
};

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const province = await makeUnit(db, { level: "province" });
  ward = await makeUnit(db, { parent: province });
  const otherWard = await makeUnit(db, { parent: province });
  await makeDesk(db, ward);
  const procedure = await makeProcedure(db, ward);
  procedureId = procedure.id;
  const agency = await makeAgency(db, ward);
  const users: [Role | "otherClerk", Parameters<typeof makeUser>[1]][] = [
    ["clerk", { unit: ward, role: "clerk" }],
    ["focal_officer", { unit: ward, role: "focal_officer" }],
    ["leader", { unit: ward, role: "leader" }],
    ["agency_officer", { unit: ward, role: "agency_officer", agency }],
    ["viewer", { unit: ward, role: "viewer" }],
    ["reviewer", { unit: province, role: "reviewer" }],
    ["admin", { unit: province, role: "admin", global: true }],
    ["otherClerk", { unit: otherWard, role: "clerk" }],
  ];
  for (const [key, options] of users) {
    const user = await makeUser(db, options);
    clients[key] = await t.signedIn(user.username, user.password);
  }
  const dossier = await clients.clerk.post("/api/dossiers", {
    procedureId: procedure.id,
    ...APPLICANT,
    channel: "in_person",
    receivedAt: "2026-03-02 09:00",
  });
  expect(dossier.status).toBe(201);
  dossierId = dossier.body.data.id;
  dossierCode = dossier.body.data.code;
  const feedback = await clients.clerk.post("/api/feedback", {
    unitId: ward.id,
    channel: "in_person",
    ...SENDER,
    receivedAt: "2026-03-02 09:00",
  });
  expect(feedback.status).toBe(201);
  feedbackId = feedback.body.data.id;
  feedbackCode = feedback.body.data.code;
  const assigned = await clients.clerk.post(`/api/feedback/${feedbackId}/transitions`, {
    action: "classify",
    at: "2026-03-02 10:00",
    classification: "regulation",
  });
  expect(assigned.status).toBe(200);
  const toAgency = await clients.clerk.post(`/api/feedback/${feedbackId}/transitions`, {
    action: "assign",
    at: "2026-03-02 10:05",
    agencyId: agency.id,
  });
  expect(toAgency.status).toBe(200);
});
afterAll(() => t.close());

const FULL_ROLES = ["clerk", "focal_officer", "leader"] as const;
const MASKED_ROLES = ["viewer", "reviewer", "admin"] as const;

describe(`personal data in views on ${testDatabaseKind}`, () => {
  it.each(FULL_ROLES)("shows the dossier in full to the unit's %s", async (role) => {
    const detail = (await clients[role].get(`/api/dossiers/${dossierId}`)).body.data;
    expect(detail).toMatchObject({ ...APPLICANT, personalData: "full" });
    const list = (await clients[role].get(`/api/dossiers?unitId=${ward.id}`)).body.data;
    expect(list.find((d: { id: string }) => d.id === dossierId)).toMatchObject({
      ...APPLICANT,
      personalData: "full",
    });
  });

  it.each(MASKED_ROLES)("masks the dossier for a %s", async (role) => {
    const detail = await clients[role].get(`/api/dossiers/${dossierId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data).toMatchObject({
      applicantName: "Nguyễn T. T.",
      applicantPhone: "09******89",
      applicantAddress: "***, Phường Thử",
      personalData: "masked",
    });
    const list = (await clients[role].get(`/api/dossiers?unitId=${ward.id}`)).body.data;
    const row = list.find((d: { id: string }) => d.id === dossierId);
    expect(row).toMatchObject({ applicantName: "Nguyễn T. T.", personalData: "masked" });
    expect(JSON.stringify(list)).not.toContain("0912345689");
  });

  it("keeps another ward's clerk out of the dossier altogether", async () => {
    expect((await clients.otherClerk.get(`/api/dossiers/${dossierId}`)).status).toBe(404);
  });

  it.each([...FULL_ROLES, "agency_officer"] as const)(
    "shows the feedback in full to the unit's %s",
    async (role) => {
      const detail = (await clients[role].get(`/api/feedback/${feedbackId}`)).body.data;
      expect(detail).toMatchObject({ ...SENDER, personalData: "full" });
    },
  );

  it.each(MASKED_ROLES)("masks the feedback's sender and texts for a %s", async (role) => {
    const detail = (await clients[role].get(`/api/feedback/${feedbackId}`)).body.data;
    expect(detail).toMatchObject({
      senderName: "Trần V. H.",
      senderPhone: "09******21",
      senderEmail: "h***@example.vn",
      senderAddress: "***, Phường Thử",
      personalData: "masked",
    });
    const list = (await clients[role].get(`/api/feedback?unitId=${ward.id}`)).body.data;
    const text = JSON.stringify([detail, list]);
    for (const secret of ["Trần Văn Hoà", "0987654321", "001203004567", "hoa.tran@example.vn"])
      expect(text).not.toContain(secret);
  });

  it.each(MASKED_ROLES)(
    "does not let a %s confirm a masked name by searching it; codes still match",
    async (role) => {
      const client = clients[role];
      const dossiers = await client.get(
        `/api/dossiers?q=${encodeURIComponent(APPLICANT.applicantName)}`,
      );
      expect(dossiers.status).toBe(200);
      expect(dossiers.body).toMatchObject({ data: [], total: 0 });
      const feedback = await client.get(`/api/feedback?q=${encodeURIComponent(SENDER.senderName)}`);
      expect(feedback.status).toBe(200);
      expect(feedback.body).toMatchObject({ data: [], total: 0 });
      const byCode = await client.get(`/api/dossiers?q=${encodeURIComponent(dossierCode)}`);
      expect(byCode.body.data.map((d: { id: string }) => d.id)).toEqual([dossierId]);
      const feedbackByCode = await client.get(
        `/api/feedback?q=${encodeURIComponent(feedbackCode)}`,
      );
      expect(feedbackByCode.body.data.map((f: { id: string }) => f.id)).toEqual([feedbackId]);
      // The search box says so: codes only, whether the page found rows or not.
      for (const list of [dossiers, byCode, feedback, feedbackByCode])
        expect(list.body.nameSearch).toBe("none");
    },
  );

  it.each([...FULL_ROLES, "agency_officer"] as const)(
    "lets the unit's %s find the citizen by name, whatever the tone placement",
    async (role) => {
      const client = clients[role];
      if (role !== "agency_officer") {
        const dossiers = await client.get(
          `/api/dossiers?q=${encodeURIComponent("nguyễn thị thủy")}`,
        );
        expect(dossiers.body.data.map((d: { id: string }) => d.id)).toEqual([dossierId]);
        expect(dossiers.body.nameSearch).toBe("all");
      }
      const feedback = await client.get(`/api/feedback?q=${encodeURIComponent("Trần Văn Hòa")}`);
      expect(feedback.body.data.map((f: { id: string }) => f.id)).toEqual([feedbackId]);
      expect(feedback.body.nameSearch).toBe("all");
      const nothing = await client.get(`/api/feedback?q=${encodeURIComponent("không ai")}`);
      expect(nothing.body).toMatchObject({ data: [], nameSearch: "all" });
    },
  );

  it("redacts the citizen from supplement requests, apology reasons and notes for masked readers", async () => {
    // Another applicant, in 2025 so the KPI and search checks above keep their single record.
    const applicant = { applicantName: "Phạm Văn Bình", applicantPhone: "0977123456" };
    const received = await clients.clerk.post("/api/dossiers", {
      procedureId,
      ...applicant,
      channel: "in_person",
      receivedAt: "2025-09-01 09:00",
    });
    expect(received.status, JSON.stringify(received.body)).toBe(201);
    const id = received.body.data.id;
    const step = (action: string, at: string, note?: string) =>
      clients.clerk.post(`/api/dossiers/${id}/transitions`, { action, at, note });
    expect((await step("hand_over", "2025-09-01 10:00")).status).toBe(200);
    const supplement = "Đề nghị ông PHẠM VĂN BÌNH (SĐT 0977.123.456) bổ sung bản sao CCCD";
    expect((await step("request_supplement", "2025-09-01 11:00", supplement)).status).toBe(200);
    const apology = await clients.clerk.post(`/api/dossiers/${id}/apologies`, {
      reason: "Ông Bình (+84 977 123 456) nộp bổ sung chậm, CCCD 001203004567",
      newDueDate: "2025-09-12",
      at: "2025-09-01 12:00",
    });
    expect(apology.status, JSON.stringify(apology.body)).toBe(201);

    const full = (await clients.clerk.get(`/api/dossiers/${id}`)).body.data;
    expect(full.pauses[0].note).toBe(supplement);
    expect(full.events.map((e: { note: string | null }) => e.note)).toContain(supplement);
    for (const role of MASKED_ROLES) {
      const masked = (await clients[role].get(`/api/dossiers/${id}`)).body.data;
      expect(masked.personalData).toBe("masked");
      const texts = JSON.stringify([masked.pauses, masked.apologies, masked.events]);
      for (const secret of ["PHẠM VĂN BÌNH", "Bình", "0977.123.456", "977 123 456", "001203004567"])
        expect(texts, role).not.toContain(secret);
      // What was asked stays readable.
      expect(masked.pauses[0].note).toMatch(/^Đề nghị ông .+ bổ sung bản sao CCCD$/);
      expect(masked.apologies[0].reason).toContain("nộp bổ sung chậm");
    }
    // The apology letter printed by a masked reader is masked too; the desk's is not.
    const letterId = full.apologies[0].id;
    const letterText = async (client: ApiClient) => {
      const response = await fetch(
        `${t.url}/api/dossiers/${id}/apologies/${letterId}/document.docx`,
        { headers: { cookie: client.cookie! } },
      );
      expect(response.status).toBe(200);
      const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
      return zip.file("word/document.xml")!.async("string");
    };
    const deskLetter = await letterText(clients.clerk);
    expect(deskLetter).toContain("Phạm Văn Bình");
    expect(deskLetter).toContain("001203004567");
    const reviewerLetter = await letterText(clients.reviewer);
    for (const secret of ["Phạm Văn Bình", "Bình", "0977123456", "001203004567"])
      expect(reviewerLetter).not.toContain(secret);
    expect(reviewerLetter).toContain("nộp bổ sung chậm");

    const sender = { senderName: "Đỗ Thị Mai", senderPhone: "0903111222" };
    const registered = await clients.clerk.post("/api/feedback", {
      unitId: ward.id,
      channel: "in_person",
      ...sender,
      title: "Đường hỏng",
      content: "Đường tổ 3 hỏng nặng.",
      receivedAt: "2025-09-01 09:00",
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const feedback = registered.body.data.id;
    const reason = "Bà Đỗ Thị Mai (0903 111 222) đã gửi trùng nội dung";
    const rejected = await clients.clerk.post(`/api/feedback/${feedback}/transitions`, {
      action: "reject",
      note: reason,
      at: "2025-09-01 15:00",
    });
    expect(rejected.status).toBe(200);
    expect((await clients.clerk.get(`/api/feedback/${feedback}`)).body.data.reason).toBe(reason);
    for (const role of MASKED_ROLES) {
      const masked = (await clients[role].get(`/api/feedback/${feedback}`)).body.data;
      const texts = JSON.stringify([masked.reason, masked.events]);
      for (const secret of ["Đỗ Thị Mai", "0903 111 222"])
        expect(texts, role).not.toContain(secret);
      expect(masked.reason).toContain("đã gửi trùng nội dung");
    }
  });

  it("masks the KPI drill-down for the upper level, not for the unit's desk", async () => {
    const query = `unitId=${ward.id}&period=year&year=2026&set=received_new`;
    const reviewer = (await clients.reviewer.get(`/api/kpi/dossiers?${query}`)).body;
    expect(reviewer.data).toEqual([
      expect.objectContaining({ applicantName: "Nguyễn T. T.", personalData: "masked" }),
    ]);
    const clerk = (await clients.clerk.get(`/api/kpi/dossiers?${query}`)).body;
    expect(clerk.data[0]).toMatchObject({ applicantName: APPLICANT.applicantName });
  });

  it("exports personal columns masked, whoever asks", async () => {
    const clerk = clients.clerk;
    const response = await fetch(`${t.url}/api/exports/table.xlsx`, {
      method: "POST",
      headers: {
        cookie: clerk.cookie!,
        "x-csrf-token": clerk.csrfToken!,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        title: "Hồ sơ",
        fileName: "ho-so",
        columns: [{ header: "Mã" }, { header: "Người nộp", personal: "name" }],
        rows: [["H1", APPLICANT.applicantName]],
      }),
    });
    expect(response.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
    const strings = await zip.file("xl/sharedStrings.xml")?.async("string");
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const text = `${strings ?? ""}${sheet}`;
    expect(text).toContain("Nguyễn T. T.");
    expect(text).not.toContain(APPLICANT.applicantName);
  });
});
