/**
 * A plan whose header names another unit: the import preview says so (PLAN_IMPORT_UNIT_MISMATCH,
 * both names, the units the user may write to that the header names), the plan saves into the
 * unit the user chose, and a unit the user may not write plans for is refused.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAgency, makeUnit, makeUser } from "../support/factories.ts";
import { makeWardTeam } from "../support/plan-fixtures.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/** The project's own plan of "ỦY BAN NHÂN DÂN / XÃ THUỶ AN" (old tone placement). */
const THUY_AN_PLAN = readFileSync(
  join(import.meta.dirname, "../fixtures/plan-import/own/05-thuy-an-duties.txt"),
  "utf8",
);

/** A short plan of the team's own ward, its name written with the other tone placement. */
const HOA_BINH_PLAN = [
  "UỶ BAN NHÂN DÂN",
  "PHƯỜNG HOÀ BÌNH",
  "Số: 04/KH-UBND",
  "Hòa Bình, ngày 12 tháng 01 năm 2026",
  "KẾ HOẠCH",
  "Cải cách hành chính phường Hòa Bình năm 2026",
  "I. NHIỆM VỤ, GIẢI PHÁP",
  "1. Cải cách thủ tục hành chính",
  "- Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa.",
].join("\n");

let t: TestApp;
let wardId: string;
let wardName: string;
let thuyAnId: string;
let wardFocal: ApiClient;
/** Focal officer of the ward who also serves Xã Thủy An: may write plans for both. */
let twoWardsFocal: ApiClient;
let reviewer: ApiClient;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const team = await makeWardTeam(db, ["focal", "reviewer"], { wardName: "Phường Hòa Bình" });
  wardId = team.ward.id;
  wardName = team.ward.name;
  const thuyAn = await makeUnit(db, {
    parent: team.province,
    name: "Xã Thủy An",
    kind: "xa",
    validFrom: "2025-07-01",
  });
  thuyAnId = thuyAn.id;
  await makeAgency(db, thuyAn, { name: "Tư pháp - Hộ tịch" });
  const officer = await makeUser(db, {
    unit: team.ward,
    role: "focal_officer",
    moreGrants: [{ role: "focal_officer", unit: thuyAn }],
  });
  wardFocal = await t.signedIn(team.users.focal.username, team.users.focal.password);
  twoWardsFocal = await t.signedIn(officer.username, officer.password);
  reviewer = await t.signedIn(team.users.reviewer.username, team.users.reviewer.password);
});
afterAll(() => t.close());

/** What the review page sends: the draft without the review-only fields. */
function toCreateInput(draft: any) {
  return {
    ...draft,
    targets: draft.targets.map(({ line: _l, ...target }: any) => target),
    tasks: draft.tasks.map(
      ({
        line: _l,
        source: _s,
        leadText: _a,
        supportText: _b,
        monitorText: _c,
        targetText: _d,
        suggestedLeadAgencyId: _e,
        flags: _f,
        ...task
      }: any) => task,
    ),
  };
}

const preview = (client: ApiClient, text: string, unitId?: string) =>
  client.request("POST", `/api/plan-imports${unitId ? `?unitId=${unitId}` : ""}`, {
    json: { text },
  });

describe("importing a plan whose header names another unit", () => {
  it("is silent when the header names the user's own unit, whatever the tone placement", async () => {
    const response = await preview(wardFocal, HOA_BINH_PLAN);
    expect(response.status).toBe(200);
    expect(response.body.data.unit).toEqual({ id: wardId, name: wardName });
    expect(response.body.data.unitMismatch).toBeNull();
    expect(response.body.data.warnings.map((w: any) => w.code)).not.toContain(
      "PLAN_IMPORT_UNIT_MISMATCH",
    );
  });

  it("warns a ward's officer, naming both units, with no other unit to offer", async () => {
    const response = await preview(wardFocal, THUY_AN_PLAN);
    expect(response.status).toBe(200);
    const { unitMismatch, warnings, draft } = response.body.data;
    expect(draft.unitId).toBe(wardId);
    expect(unitMismatch).toEqual({
      code: "PLAN_IMPORT_UNIT_MISMATCH",
      issuer: "ỦY BAN NHÂN DÂN XÃ THUỶ AN",
      unitId: wardId,
      unitName: "Phường Hòa Bình",
      candidates: [],
    });
    expect(warnings[0]).toMatchObject({ code: "PLAN_IMPORT_UNIT_MISMATCH", line: null });
    expect(warnings[0].message).toContain("ỦY BAN NHÂN DÂN XÃ THUỶ AN");
    expect(warnings[0].message).toContain("Phường Hòa Bình");
  });

  it("refuses the header's unit to a user who may not write its plans", async () => {
    // A sibling ward is not even readable: its existence is not told.
    const asked = await preview(wardFocal, THUY_AN_PLAN, thuyAnId);
    expect(asked.status).toBe(404);
    expect(asked.body.error.code).toBe("UNIT_NOT_FOUND");
    const saved = await wardFocal.post("/api/plans", {
      unitId: thuyAnId,
      title: "Cải cách hành chính xã Thủy An năm 2026",
      period: { kind: "year", year: 2026 },
    });
    expect(saved.status).toBe(404);
    // The province's reviewer reads the ward's plans but writes none: forbidden, in Vietnamese.
    const reviewed = await preview(reviewer, THUY_AN_PLAN, thuyAnId);
    expect(reviewed.status).toBe(403);
    expect(reviewed.body.error).toEqual({
      code: "FORBIDDEN",
      message: "Bạn không có quyền thực hiện thao tác này.",
    });
    const committed = await reviewer.post("/api/plans", {
      unitId: thuyAnId,
      title: "Cải cách hành chính xã Thủy An năm 2026",
      period: { kind: "year", year: 2026 },
    });
    expect(committed.status).toBe(403);
    expect(committed.body.error.code).toBe("FORBIDDEN");
    const plans = await twoWardsFocal.get(`/api/plans?unitId=${thuyAnId}`);
    expect(plans.body.data).toHaveLength(0);
  });

  it("offers an officer of both units the header's unit and saves the plan there once chosen", async () => {
    const first = await preview(twoWardsFocal, THUY_AN_PLAN);
    expect(first.status).toBe(200);
    expect(first.body.data.unit).toEqual({ id: wardId, name: wardName });
    expect(first.body.data.unitMismatch).toEqual({
      code: "PLAN_IMPORT_UNIT_MISMATCH",
      issuer: "ỦY BAN NHÂN DÂN XÃ THUỶ AN",
      unitId: wardId,
      unitName: "Phường Hòa Bình",
      candidates: [{ id: thuyAnId, name: "Xã Thủy An" }],
    });

    const chosen = await preview(twoWardsFocal, THUY_AN_PLAN, thuyAnId);
    expect(chosen.status).toBe(200);
    const { draft, unitMismatch, agencies } = chosen.body.data;
    expect(unitMismatch).toBeNull();
    expect(draft.unitId).toBe(thuyAnId);
    // The agencies are the chosen unit's, so its leads can be matched.
    expect(agencies.map((a: any) => a.name)).toEqual(["Tư pháp - Hộ tịch"]);

    const saved = await twoWardsFocal.post("/api/plans", toCreateInput(draft));
    expect(saved.status, JSON.stringify(saved.body).slice(0, 600)).toBe(201);
    const plan = (await twoWardsFocal.get(`/api/plans/${saved.body.data.id}`)).body.data;
    expect(plan.unitId).toBe(thuyAnId);
    expect((await twoWardsFocal.get(`/api/plans?unitId=${wardId}`)).body.data).toHaveLength(0);
  });
});
