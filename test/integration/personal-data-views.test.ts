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
      }
      const feedback = await client.get(`/api/feedback?q=${encodeURIComponent("Trần Văn Hòa")}`);
      expect(feedback.body.data.map((f: { id: string }) => f.id)).toEqual([feedbackId]);
    },
  );

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
