import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../src/server/db/schema.ts";
import { cells, openDocx, rows, tables, texts } from "../support/docx-xml.ts";
import { makeWardWorld, signIn } from "../support/desk-fixtures.ts";
import { makeDesk, makeProcedure, makeUnit, makeUser } from "../support/factories.ts";
import { testDatabaseKind } from "../support/test-database.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

/*
 * The printed register book (Sổ theo dõi hồ sơ, Mẫu 06) of a unit for a period, downloaded as
 * Word: the lines received in the period in the book's order, the hand-over dates the history
 * recorded and nothing else, the applicants' data masked for a reader without full access; the
 * unit's scope checked before the period; a period longer than a year refused. Fixed days, 2026.
 */

let t: TestApp;
let clerk: ApiClient;
let reviewer: ApiClient;
let otherClerk: ApiClient;
let wardId: string;
let procedureId: string;
let justiceId: string;

const BASE = () => `/api/one-stop/register-book/${wardId}/print`;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const world = await makeWardWorld(db, { wardName: "Phường Sổ In", agencyCode: "000.41.22.H99" });
  wardId = world.ward.id;
  justiceId = world.agencies.justice.id;
  procedureId = (
    await makeProcedure(db, world.ward, {
      code: "1.000894",
      name: "Thủ tục đăng ký kết hôn",
      processingDays: 3,
    })
  ).id;
  const otherWard = await makeUnit(db, {
    parent: world.province,
    name: "Phường Bên Kia",
    validFrom: "2025-07-01",
  });
  await makeDesk(db, otherWard, { agencyCode: "000.42.22.H99" });
  clerk = await signIn(t, world.users.clerk);
  reviewer = await signIn(t, world.users.reviewer);
  otherClerk = await signIn(t, await makeUser(db, { unit: otherWard, role: "clerk" }));
});
afterAll(() => t.close());

async function received(receivedAt: string, overrides: Record<string, unknown> = {}) {
  const response = await clerk.post("/api/dossiers", {
    procedureId,
    applicantName: "Lê Văn Sổ",
    applicantPhone: "0912 000 111",
    channel: "in_person",
    receivedAt,
    ...overrides,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data as { id: string; code: string };
}

async function step(id: string, action: string, at: string, extra: Record<string, unknown> = {}) {
  const response = await clerk.post(`/api/dossiers/${id}/transitions`, { action, at, ...extra });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function download(client: ApiClient, query: string) {
  const response = await fetch(`${t.url}${BASE()}.docx?${query}`, {
    headers: { cookie: client.cookie! },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-disposition")).toContain(
    "so-theo-doi-ho-so-20260301-20260331.docx",
  );
  const { document } = await openDocx(Buffer.from(await response.arrayBuffer()));
  return { all: texts(document).join(" "), lines: rows(tables(document)[1]!).slice(3).map(cells) };
}

describe(`printed register book on ${testDatabaseKind}`, () => {
  let done: { code: string };
  let waiting: { code: string };
  let company: { code: string };

  beforeAll(async () => {
    await received("2026-02-27 09:00"); // before the period: line 1, not printed
    done = await received("2026-03-02 08:30", { applicantAddress: "Tổ 5, khu 2" });
    await step((done as any).id, "hand_over", "2026-03-02 10:00", { toAgencyId: justiceId });
    await step((done as any).id, "resolve", "2026-03-04 15:00");
    await step((done as any).id, "return_result", "2026-03-05 09:00");
    waiting = await received("2026-03-10 14:00");
    company = await received("2026-03-31 16:00", {
      applicantName: "Công ty TNHH Sổ Sách",
      applicantKind: "organisation",
    });
    await received("2026-04-01 08:00"); // after it
  });

  it("answers the period's lines, books and parts", async () => {
    const response = await clerk.get(`${BASE()}?from=2026-03-01&to=2026-03-31`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.data).toMatchObject({
      unitName: "Phường Sổ In",
      count: 3,
      books: ["01/2026"],
      parts: 1,
      partSize: 2000,
    });
  });

  it("prints the period's lines in the book's order with the dates recorded, blanks elsewhere", async () => {
    const { all, lines } = await download(clerk, "from=2026-03-01&to=2026-03-31");
    expect(all).toContain("UBND PHƯỜNG SỔ IN");
    expect(all).toContain("Quyển số: 01/2026");
    expect(all).toContain("Từ ngày 01/03/2026 đến ngày 31/03/2026");
    expect(lines.map((line) => [line[0], line[1]])).toEqual([
      ["2", done.code],
      ["3", waiting.code],
      ["4", company.code],
    ]);
    // Handed over, resolved and returned: every date from the history.
    expect(lines[0]).toEqual([
      "2",
      done.code,
      "Thủ tục đăng ký kết hôn",
      "",
      "Lê Văn Sổ",
      "Tổ 5, khu 2; 0912 000 111",
      "Tư pháp - Hộ tịch",
      "02/03/2026",
      "05/03/2026",
      "02/03/2026",
      "04/03/2026",
      "05/03/2026",
      "",
    ]);
    // Only received: the three later steps stay blank, no agency.
    expect(lines[1]!.slice(6)).toEqual(["", "10/03/2026", "13/03/2026", "", "", "", ""]);
    expect(lines[2]![4]).toBe("Công ty TNHH Sổ Sách");
    // A print with the applicants in full is a read of personal data: logged once a day.
    await download(clerk, "from=2026-03-01&to=2026-03-31");
    const logged = await t.db.database.db
      .select({ entityId: auditEvents.entityId, summary: auditEvents.summary })
      .from(auditEvents)
      .where(eq(auditEvents.action, "personal_data.register_print"));
    expect(logged).toHaveLength(1);
    expect(logged[0]!.entityId).toBe(wardId);
    expect(logged[0]!.summary).toContain("In Sổ theo dõi hồ sơ của Phường Sổ In");
  });

  it("masks the applicants for a reader without full access to personal data", async () => {
    const { all, lines } = await download(reviewer, "from=2026-03-01&to=2026-03-31");
    expect(lines).toHaveLength(3);
    expect(all).not.toContain("Lê Văn Sổ");
    expect(all).not.toContain("0912 000 111");
    expect(lines[0]![4]).toBe("Lê V. S.");
  });

  it("checks the unit before the period, and refuses a period over a year", async () => {
    // Another ward's clerk: not found, whatever the query holds (even an impossible one).
    for (const query of ["from=2026-03-01&to=2026-03-31", "from=bad&to=2020-01-01"]) {
      const other = await otherClerk.get(`${BASE()}.docx?${query}`);
      expect(other.status).toBe(404);
      expect(other.body.error.code).toBe("UNIT_NOT_FOUND");
    }
    const long = await clerk.get(`${BASE()}.docx?from=2025-01-01&to=2026-03-31`);
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe("REGISTER_PRINT_PERIOD_TOO_LONG");
    expect(long.body.error.message).toBe(
      "Kỳ in sổ theo dõi dài 455 ngày (từ 01/01/2025 đến 31/03/2026): mỗi lần in tối đa một năm (366 ngày). Hãy chọn kỳ ngắn hơn.",
    );
    const back = await clerk.get(`${BASE()}?from=2026-03-31&to=2026-03-01`);
    expect(back.body.error.code).toBe("REGISTER_PRINT_PERIOD_INVALID");
    const part = await clerk.get(`${BASE()}.docx?from=2026-03-01&to=2026-03-31&part=2`);
    expect(part.status).toBe(400);
    expect(part.body.error.code).toBe("REGISTER_PRINT_PART_INVALID");
  });
});
