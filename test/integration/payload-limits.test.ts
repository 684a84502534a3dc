/**
 * Every 413 states the limit that applied: a JSON body over its route's body limit (the default
 * 1 MB, the table export's 8 MB) and a multipart file over the upload limit (20 MB).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES } from "../../src/core/files/upload-limits.ts";
import { makeWardTeam } from "../support/plan-fixtures.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let focal: ApiClient;
let wardId: string;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const team = await makeWardTeam(t.db.database.db, ["focal"]);
  wardId = team.ward.id;
  focal = await t.signedIn(team.users.focal.username, team.users.focal.password);
});
afterAll(() => t.close());

describe("a request too large says the limit", () => {
  it("a JSON body over the default 1 MB limit", async () => {
    const response = await focal.post("/api/plans", {
      unitId: wardId,
      title: "Kế hoạch cải cách hành chính năm 2026",
      period: { kind: "year", year: 2026 },
      purposes: "Nâng cao chất lượng phục vụ người dân. ".repeat(30_000),
    });
    expect(response.status).toBe(413);
    expect(response.body.error).toEqual({
      code: "PAYLOAD_TOO_LARGE",
      message: "Dữ liệu gửi lên lớn hơn 1 MB.",
    });
    expect((await focal.get("/api/plans")).body.data).toHaveLength(0);
  });

  it("a JSON body over a route's own limit (the table export, 8 MB)", async () => {
    const response = await focal.post("/api/exports/table.xlsx", {
      title: "Danh sách",
      columns: ["Nội dung"],
      rows: [["x".repeat(9 * 1024 * 1024)]],
    });
    expect(response.status).toBe(413);
    expect(response.body.error).toEqual({
      code: "PAYLOAD_TOO_LARGE",
      message: "Dữ liệu gửi lên lớn hơn 8 MB.",
    });
  });

  it("a multipart file over the 20 MB upload limit", async () => {
    const form = new FormData();
    const content = new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x41);
    form.append("file", new Blob([content]), "ke-hoach-qua-lon.txt");
    const response = await focal.request("POST", "/api/plan-imports", { body: form });
    expect(response.status).toBe(413);
    expect(response.body.error).toEqual({
      code: "PAYLOAD_TOO_LARGE",
      message: "Tệp lớn hơn 20 MB.",
    });
  });
});
