import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAgency, makeUnit, makeUser, type MadeUnit } from "../support/factories.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let admin: ApiClient;
let province: MadeUnit;
let provinceId: string;
let ward: MadeUnit;
let mergedWard: MadeUnit;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  province = await makeUnit(db, { level: "province" });
  provinceId = province.id;
  ward = await makeUnit(db, { parent: province, validFrom: "2025-07-01" });
  mergedWard = await makeUnit(db, { parent: province, validTo: "2025-06-30", mergedInto: ward });
  await makeUnit(db, { parent: province, name: "Xã Hòa Phong", kind: "xa" });
  await makeAgency(db, province);
  // An administrator of the province, not of the whole installation.
  const provinceAdmin = await makeUser(db, { unit: province, role: "admin" });
  admin = await t.signedIn(provinceAdmin.username, provinceAdmin.password);
});
afterAll(() => t.close());

function upload(client: ApiClient, content: Buffer | string, filename: string) {
  const form = new FormData();
  form.append(
    "file",
    new Blob([typeof content === "string" ? content : new Uint8Array(content)]),
    filename,
  );
  return client.request("POST", "/api/units/import", { body: form });
}

describe("units", () => {
  it("lists the hierarchy, hiding merged units unless asked", async () => {
    const active = (await admin.get("/api/units")).body.data.map((u: any) => u.name);
    expect(active).toContain(ward.name);
    expect(active).not.toContain(mergedWard.name);
    const all = (await admin.get("/api/units?includeInactive=true")).body.data;
    const merged = all.find((u: any) => u.name === mergedWard.name);
    expect(merged).toMatchObject({
      isActive: false,
      validTo: "2025-06-30",
      mergedIntoName: ward.name,
    });
  });

  it("finds units whatever the tone placement", async () => {
    for (const q of ["Hoà Phong", "hòa phong", "HOA PHONG"]) {
      const names = (await admin.get(`/api/units?q=${encodeURIComponent(q)}`)).body.data.map(
        (u: any) => u.name,
      );
      expect(names).toEqual(["Xã Hòa Phong"]);
    }
  });

  it("creates and updates a commune, with an audit event for each", async () => {
    const created = await admin.post("/api/units", {
      code: "07777",
      name: "Xã Thủy An",
      level: "commune",
      kind: "xa",
      parentId: provinceId,
      validFrom: "2025-07-01",
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      parentName: province.name,
      isActive: true,
      kind: "xa",
    });
    const updated = await admin.patch(`/api/units/${created.body.data.id}`, { name: "Xã Thuỷ An" });
    expect(updated.body.data.name).toBe("Xã Thuỷ An");
    const events = (await admin.get(`/api/audit?entityType=unit`)).body.data;
    expect(events.slice(0, 2).map((e: any) => e.action)).toEqual(["unit.update", "unit.create"]);
    expect(events[0].beforeDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("explains invalid units in Vietnamese and saves nothing", async () => {
    const before = (await admin.get("/api/units?includeInactive=true")).body.data.length;
    const communeId = ward.id;
    const cases: [unknown, string, RegExp][] = [
      [
        { code: "X1", name: "Xã A", level: "commune", parentId: communeId },
        "UNIT_PARENT_INVALID",
        /không thể trực thuộc/,
      ],
      [
        { code: "X2", name: "Xã B", level: "commune" },
        "UNIT_PARENT_INVALID",
        /phải có đơn vị cấp trên/,
      ],
      [
        { code: province.code, name: "Trùng", level: "commune", parentId: provinceId },
        "UNIT_CODE_TAKEN",
        /đã được sử dụng/,
      ],
      [{ code: "X3", name: "", level: "galaxy" }, "VALIDATION_FAILED", /không hợp lệ/],
      [
        {
          code: "X4",
          name: "Xã C",
          level: "commune",
          parentId: provinceId,
          validFrom: "2025-13-45",
        },
        "VALIDATION_FAILED",
        /không hợp lệ/,
      ],
      [
        {
          code: "X5",
          name: "Xã D",
          level: "commune",
          parentId: provinceId,
          validFrom: "2026-01-01",
          validTo: "2025-01-01",
        },
        "UNIT_PARENT_INVALID",
        /hết hiệu lực phải sau/,
      ],
    ];
    for (const [body, code, message] of cases) {
      const response = await admin.post("/api/units", body);
      expect(response.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.message).toMatch(message);
    }
    expect((await admin.get("/api/units?includeInactive=true")).body.data.length).toBe(before);
  });

  it("imports a CSV list with Vietnamese headers, then updates it idempotently", async () => {
    const csv =
      "Mã,Tên,Cấp,Mã cấp trên\n30,Tỉnh Hải Dương Mẫu,Tỉnh,\n10501,Xã Mới Một,xã,30\n10502,Phường Mới Hai,phường,30\n";
    // A province created by a provincial admin is outside their reach: only a global admin can.
    const refused = await upload(admin, csv, "units.csv");
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toMatchObject({
      row: 2,
      message: expect.stringContaining("không có quyền"),
    });
    expect((await admin.get("/api/units?q=Xa%20Moi%20Mot")).body.data).toEqual([]);
    const csvUnderProvince =
      `code,name,level,parent_code\n10501,Xã Mới Một,xã,${province.code}\n` +
      `10502,Phường Mới Hai,phường,${province.code}\n`;
    const first = await upload(admin, csvUnderProvince, "units.csv");
    expect(first.body.data).toEqual({ created: 2, updated: 0, total: 2 });
    const again = await upload(
      admin,
      csvUnderProvince.replace("Xã Mới Một", "Xã Mới Một (sửa)"),
      "units.csv",
    );
    expect(again.body.data).toEqual({ created: 0, updated: 2, total: 2 });
    expect((await admin.get("/api/units?q=moi%20mot")).body.data[0].name).toBe("Xã Mới Một (sửa)");
  });

  it("imports XLSX and rejects a bad file as a whole, naming rows and fields", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Đơn vị");
    sheet.addRow(["code", "name", "level", "parent_code", "valid_to", "merged_into_code"]);
    sheet.addRow(["20001", "Xã Tốt", "xã", province.code, null, null]);
    sheet.addRow(["20002", "Xã Hỏng", "xã", "NOPE", null, null]);
    sheet.addRow(["20003", "Xã Cũ", "xã", province.code, "30/02/2025", null]);
    const bad = await upload(admin, Buffer.from(await workbook.xlsx.writeBuffer()), "units.xlsx");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("UNIT_IMPORT_INVALID");
    expect(bad.body.error.details).toEqual([
      { row: 4, path: "validTo", message: expect.stringContaining("30/02/2025") },
    ]);
    sheet.getRow(4).getCell(5).value = new Date(Date.UTC(2025, 5, 30));
    sheet.getRow(4).getCell(6).value = "20001";
    const stillBad = await upload(
      admin,
      Buffer.from(await workbook.xlsx.writeBuffer()),
      "units.xlsx",
    );
    expect(stillBad.body.error.details).toEqual([
      { row: 3, path: "parentCode", message: "Không có đơn vị cấp trên mã NOPE." },
    ]);
    const names = (await admin.get("/api/units?includeInactive=true")).body.data.map(
      (u: any) => u.name,
    );
    expect(names).not.toContain("Xã Tốt");
    sheet.getRow(3).getCell(4).value = province.code;
    const good = await upload(admin, Buffer.from(await workbook.xlsx.writeBuffer()), "units.xlsx");
    expect(good.body.data).toEqual({ created: 3, updated: 0, total: 3 });
    const old = (await admin.get("/api/units?q=Xa%20Cu&includeInactive=true")).body.data[0];
    expect(old).toMatchObject({ validTo: "2025-06-30", mergedIntoName: "Xã Tốt", isActive: false });
  });

  it("refuses garbage and missing files clearly", async () => {
    const garbage = await upload(admin, Buffer.from([0, 1, 2, 3, 255, 254, 0, 0]), "x.xlsx");
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe("FILE_UNSUPPORTED");
    const fakeZip = await upload(
      admin,
      Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(100)]),
      "x.xlsx",
    );
    expect(fakeZip.body.error.code).toBe("FILE_UNSUPPORTED");
    const noFile = await admin.post("/api/units/import", {});
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.code).toBe("FILE_REQUIRED");
    const wrongColumns = await upload(admin, "a,b\n1,2\n", "x.csv");
    expect(wrongColumns.body.error.details[0].message).toMatch(/Thiếu cột bắt buộc/);
  });
});

describe("agencies and users", () => {
  it("creates an agency and an account in a commune", async () => {
    const commune = ward;
    const agency = await admin.post("/api/agencies", {
      unitId: commune.id,
      name: "Công an xã",
      kind: "other",
    });
    expect(agency.status).toBe(201);
    const duplicate = await admin.post("/api/agencies", {
      unitId: commune.id,
      name: "Công an xã",
      kind: "other",
    });
    expect(duplicate.body.error.code).toBe("AGENCY_NAME_TAKEN");
    const weak = await admin.post("/api/users", {
      username: "ngan",
      fullName: "Trần Ngân",
      password: "short",
      unitId: commune.id,
      roles: [{ role: "clerk", unitId: commune.id }],
    });
    expect(weak.body.error.code).toBe("PASSWORD_TOO_WEAK");
    const user = await admin.post("/api/users", {
      username: "Ngan.Tran",
      fullName: "Trần Ngân",
      password: "mot-mat-khau-dai",
      unitId: commune.id,
      agencyId: agency.body.data.id,
      roles: [{ role: "clerk", unitId: commune.id, agencyId: agency.body.data.id }],
    });
    expect(user.status).toBe(201);
    expect(user.body.data).toMatchObject({ username: "ngan.tran", agencyName: "Công an xã" });
    expect(JSON.stringify(user.body)).not.toMatch(/argon2|passwordHash/);
    const signedIn = await t.signedIn("ngan.tran", "mot-mat-khau-dai");
    expect((await signedIn.get("/api/auth/me")).body.data.user.unit.name).toBe(ward.name);
  });

  it("refuses an agency of another unit for a user", async () => {
    const commune = ward;
    const otherAgency = (await admin.get("/api/agencies")).body.data.find(
      (a: any) => a.unitId !== commune.id,
    );
    const response = await admin.post("/api/users", {
      username: "sai.coquan",
      fullName: "Sai Cơ Quan",
      password: "mot-mat-khau-dai",
      unitId: commune.id,
      agencyId: otherAgency.id,
      roles: [{ role: "viewer", unitId: commune.id }],
    });
    expect(response.body.error.code).toBe("USER_AGENCY_MISMATCH");
    expect((await admin.get("/api/users?q=sai.coquan")).body.data).toEqual([]);
  });
});
