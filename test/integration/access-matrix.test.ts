/**
 * The access matrix, generated from the route table: every registered route × every role × a
 * record in the actor's own unit, a unit below it, the unit above it and another province, read
 * (GET) or write (any other method). Routes added later are covered without touching this file;
 * a route the generator cannot build a request for fails until it gets an entry in FIXTURES.
 *
 * What must hold:
 * - without a session, every route but the declared public ones answers 401 AUTH_REQUIRED;
 * - nothing in the other province or the unit above is read or written (200/201 never), except
 *   the issued plans of the units above, which lower units read;
 * - below the own unit, only roles whose action reaches the subtree (administrators; reviewers'
 *   reads) get through; in the own unit, a role the core gate refuses is refused;
 * - where the gate allows, the route does not refuse (no 401/403/404): the route really asks it;
 * - lists show a record exactly when the gate lets the actor read it.
 * Requests run in parallel on one app and one database.
 */
import { builtInMethodology } from "../../src/core/methodology/documents/index.ts";
import { parIndexCommuneTemplate } from "../../src/core/scorecard/index.ts";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  allowedRecords,
  type RecordKind,
  type RecordOwner,
} from "../../src/core/access/record-gate.ts";
import { ROLES, type Action, type Role } from "../../src/core/access/role-policy.ts";
import { UnitTree } from "../../src/core/organization/unit-tree.ts";
import { vietnamLocal } from "../../src/core/dossier/index.ts";
import { routeTable, type RouteEntry } from "../../src/server/http/route-table.ts";
import {
  FACTORY_PASSWORD,
  makeAgency,
  makeDesk,
  makeProcedure,
  makeUnit,
  makeUser,
} from "../support/factories.ts";
import {
  startTestApp,
  type ApiClient,
  type ApiResponse,
  type TestApp,
} from "../support/test-app.ts";
import { sample } from "../support/zod-sample.ts";

const POSITIONS = ["own", "descendant", "upper", "other"] as const;
type Position = (typeof POSITIONS)[number];
/** The password of the accounts the matrix's POST /api/users creates. */
const PASSWORD = "mat-khau-thu-nghiem";

/** The records of one position (unit), by the name the routes' schemas give their ids. */
type Ids = Record<string, string>;

let t: TestApp;
let root: ApiClient;
const ids = {} as Record<Position, Ids>;
const clients = new Map<Role, ApiClient>();
const userIdOf = new Map<Role, string>();
let tree: UnitTree;

interface Request {
  method: string;
  path: string;
  json?: unknown;
  form?: FormData;
}

interface Fixture {
  /** The record the request acts on, when the route's path does not say (`/api/plans/:id` does). */
  kind?: RecordKind;
  /** The action the gate is asked; by default the route's declared one, or the kind's read. */
  action?: Action;
  /** The request, when the generator's (path ids, schema samples) is not enough. */
  request?: (at: Ids, route: RouteEntry) => Request | Promise<Request>;
  /** Lists: the record ids shown, to compare with the gate's answer for the position's record. */
  listed?: (body: any) => string[];
  /** The position's record a list is checked for (default: the id of `kind`). */
  listedId?: keyof Ids;
  /** Not about a unit's record (one's own account, the calendar): only "signed in" is checked. */
  anyUnit?: true;
  /** A fresh record per request (the route deletes or changes it for good). */
  fresh?: (at: Position) => Promise<Ids>;
  /** Where the gate allows, the route may still not find a sub-record it needs (e.g. an apology). */
  allowedMayNotFind?: true;
  /** The rule the route follows when it is not its path's record's (a plan's task work). */
  gateKind?: RecordKind;
  /** Sent from a new session of the same user (the route ends the session). */
  throwaway?: true;
}

const READ_OF: Record<RecordKind, Action> = {
  unit: "unit.read",
  agency: "agency.read",
  user: "user.read",
  audit: "audit.read",
  plan: "plan.read",
  target: "plan.read",
  task: "plan.read",
  evidence: "plan.read",
  dossier: "dossier.read",
  dossier_import: "dossier.read",
  procedure: "dossier.read",
  feedback: "feedback.read",
  methodology: "methodology.read",
  notification: "notification.read",
  scorecard: "scorecard.read",
};

/** The record named by a path's first segment (`/api/<segment>/:id`). */
const KIND_OF_SEGMENT: Record<string, [RecordKind, keyof Ids]> = {
  units: ["unit", "unitId"],
  "desk-settings": ["unit", "unitId"],
  "register-book": ["unit", "unitId"],
  agencies: ["agency", "agencyId"],
  users: ["user", "userId"],
  plans: ["plan", "planId"],
  targets: ["target", "targetId"],
  tasks: ["task", "taskId"],
  occurrences: ["task", "occurrenceId"],
  evidence: ["evidence", "evidenceId"],
  procedures: ["procedure", "procedureId"],
  dossiers: ["dossier", "dossierId"],
  "dossier-imports": ["dossier_import", "dossierImportId"],
  feedback: ["feedback", "feedbackId"],
  methodologies: ["methodology", "methodologyId"],
  notifications: ["notification", "notificationId"],
  scorecards: ["scorecard", "scorecardId"],
};

const ids_ = (body: any): string[] =>
  (Array.isArray(body?.data) ? body.data : (body?.data?.items ?? [])).map((row: any) => row.id);

function upload(name: string, bytes: Uint8Array, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append("file", new Blob([new Uint8Array(bytes)]), name);
  return form;
}
const PDF = new TextEncoder().encode("%PDF-1.4\n% tài liệu kiểm chứng\n%%EOF\n");
const CSV = new TextEncoder().encode("code,name,level,parent_code\n");

const FIXTURES: Record<string, Fixture> = {
  // Installation-wide: backups (the service also requires reach over every unit), the job list.
  "GET /api/admin/backups": { anyUnit: true },
  "POST /api/admin/backups": { anyUnit: true },
  "GET /api/admin/backups/:name/download": {
    anyUnit: true,
    request: () => get("/api/admin/backups/cchc-20260101-000000.zip/download"),
  },
  "GET /api/jobs": { anyUnit: true },
  // Personal data: retention is installation-wide; one person's lookup and export read the
  // administrator's units (the scope is tested in personal-data-lookup.test.ts).
  "GET /api/admin/personal-data/retention": { anyUnit: true },
  "POST /api/admin/personal-data/retention/run": {
    anyUnit: true,
    request: () => ({
      method: "POST",
      path: "/api/admin/personal-data/retention/run",
      json: { dryRun: true },
    }),
  },
  "POST /api/admin/personal-data/lookup": {
    anyUnit: true,
    request: () => ({
      method: "POST",
      path: "/api/admin/personal-data/lookup",
      json: { phone: "0912345678" },
    }),
  },
  "POST /api/admin/personal-data/anonymise": {
    anyUnit: true,
    request: () => ({
      method: "POST",
      path: "/api/admin/personal-data/anonymise",
      json: { phone: "0912345678", reason: "Đơn yêu cầu xoá dữ liệu", dossierIds: [] },
    }),
  },
  "POST /api/admin/personal-data/export.xlsx": {
    anyUnit: true,
    request: () => ({
      method: "POST",
      path: "/api/admin/personal-data/export.xlsx",
      json: { phone: "0912345678" },
    }),
  },
  // Federation: linking is installation-wide (the matrix's app runs without the secret).
  "GET /api/federation/identity": { anyUnit: true },
  "GET /api/federation/children": { anyUnit: true },
  "POST /api/federation/children": { anyUnit: true },
  "POST /api/federation/children/:id/revoke": {
    anyUnit: true,
    request: () => ({
      method: "POST",
      path: `/api/federation/children/${randomUUID()}/revoke`,
      json: {},
    }),
  },
  "GET /api/federation/parent": { anyUnit: true },
  "PUT /api/federation/parent": { anyUnit: true },
  // Sending a report up: its own unit's writers (federation.test.ts); here only that nothing leaks.
  ...Object.fromEntries(
    [
      ["GET", "sent"],
      ["POST", "send"],
    ].map(([method, suffix]) => [
      `${method} /api/federation/reports/:id/${suffix}`,
      {
        kind: "unit",
        action: method === "GET" ? "report.read" : "report.write",
        allowedMayNotFind: true,
        request: () => ({
          method: method!,
          path: `/api/federation/reports/${randomUUID()}/${suffix}`,
          json: method === "GET" ? undefined : {},
        }),
      } satisfies Fixture,
    ]),
  ),
  "GET /api/kpi/catalogue": { anyUnit: true },
  ...Object.fromEntries(
    ["", "/trend", "/dossiers", "/metric-inputs", "/service-index-766"].map((route) => [
      `GET /api/kpi${route}`,
      {
        kind: "unit",
        action: "dossier.read",
        request: (at: Ids) => get(`/api/kpi${route}?unitId=${at.unitId}&period=year&year=2026`),
      } satisfies Fixture,
    ]),
  ),
  "GET /api/kpi/service-index-766/units": {
    kind: "unit",
    action: "dossier.read",
    request: (at) =>
      get(`/api/kpi/service-index-766/units?unitId=${at.unitId}&period=year&year=2026`),
  },
  "GET /api/kpi/due-soon": {
    kind: "unit",
    action: "dossier.read",
    request: (at) => get(`/api/kpi/due-soon?unitId=${at.unitId}&date=2026-03-10&days=3`),
  },
  "POST /api/exports/table.xlsx": {
    anyUnit: true,
    request: () => ({
      method: "POST",
      path: "/api/exports/table.xlsx",
      json: { title: "Bảng", fileName: "bang", columns: [{ header: "Cột" }], rows: [["a"]] },
    }),
  },
  "POST /api/methodologies/import": {
    kind: "unit",
    action: "methodology.write",
    request: (at) => ({
      method: "POST",
      path: "/api/methodologies/import",
      json: {
        unitId: at.unitId,
        document: { ...builtInMethodology("766")!, version: `ma-tran-${randomUUID().slice(0, 8)}` },
      },
    }),
  },
  "GET /api/sipas/questionnaire": { anyUnit: true },
  "POST /api/sipas/responses": {
    kind: "unit",
    action: "survey.write",
    request: (at) => ({
      method: "POST",
      path: `/api/sipas/responses?unitId=${at.unitId}`,
      json: { answeredOn: "2026-03-10", answers: { "15": 5, "16": 4 } },
    }),
  },
  ...Object.fromEntries(
    ["indices", "trend"].map((route) => [
      `GET /api/sipas/${route}`,
      {
        kind: "unit",
        action: "survey.read",
        request: (at: Ids) =>
          get(`/api/sipas/${route}?unitId=${at.unitId}&from=2026-01-01&to=2026-12-31`),
      } satisfies Fixture,
    ]),
  ),
  "GET /api/sipas/qr-targets": {
    kind: "unit",
    action: "survey.read",
    request: (at) => get(`/api/sipas/qr-targets?unitId=${at.unitId}`),
  },
  // Periodic reports: the calendar and kinds are read and written at the unit the query names.
  "GET /api/report-kinds": {
    kind: "unit",
    action: "report.read",
    request: (at) => get(`/api/report-kinds?unitId=${at.unitId}&year=2026`),
  },
  "POST /api/report-kinds": {
    kind: "unit",
    action: "report.define",
    request: (at) => ({
      method: "POST",
      path: `/api/report-kinds?unitId=${at.unitId}`,
      json: {
        name: "Báo cáo CCHC quý",
        periodKind: "quarterly",
        dueText: "trước ngày 15 tháng cuối quý",
        publish: true,
      },
    }),
  },
  "GET /api/reports/calendar": {
    kind: "unit",
    action: "report.read",
    request: (at) => get(`/api/reports/calendar?unitId=${at.unitId}&year=2026&on=2026-03-01`),
  },
  "GET /api/reports/overview": {
    kind: "unit",
    action: "report.read",
    request: (at) => get(`/api/reports/overview?unitId=${at.unitId}&year=2026&on=2026-03-01`),
  },
  // The roll-up, its Word and Excel files, and the leader's overview of the units: read at the
  // upper unit the query names.
  ...Object.fromEntries(
    ["rollup", "rollup.docx", "rollup.xlsx", "overview/units"].map((route) => [
      `GET /api/reports/${route}`,
      {
        kind: "unit",
        action: "report.read",
        // No kind is published by the matrix's units: where allowed, the kind is not found.
        allowedMayNotFind: true,
        request: (at: Ids) =>
          get(`/api/reports/${route}?unitId=${at.unitId}&kindId=${randomUUID()}&periodKey=2026-Q1`),
      } satisfies Fixture,
    ]),
  ),
  "POST /api/reports": {
    kind: "unit",
    action: "report.write",
    // No kind is published above the matrix's units: where allowed, the period is not owed (400).
    allowedMayNotFind: true,
    request: (at) => ({
      method: "POST",
      path: `/api/reports?unitId=${at.unitId}`,
      json: { kindId: randomUUID(), periodKey: "2026-Q1" },
    }),
  },
  // A report's own routes: who reads and acts on reports is tested in report-workflow.test.ts
  // (own unit, sibling ward, upper unit, draft vs submitted); here only that nothing leaks.
  ...Object.fromEntries(
    [
      ["GET", ""],
      ["PUT", "/narrative"],
      ["POST", "/submit"],
      ["POST", "/review"],
      ["GET", "/versions/:version"],
      ["GET", "/changes"],
      ["GET", "/report.docx"],
      ["GET", "/report.xlsx"],
      ["GET", "/report.pdf"],
    ].map(([method, suffix]) => [
      `${method} /api/reports/:id${suffix}`,
      {
        kind: "unit",
        action:
          method === "GET"
            ? "report.read"
            : suffix === "/review"
              ? "report.review"
              : "report.write",
        allowedMayNotFind: true,
        request: () => ({
          method: method!,
          path: `/api/reports/${randomUUID()}${suffix!.replace(":version", "1")}`,
          json: method === "GET" ? undefined : suffix === "/review" ? { decision: "accept" } : {},
        }),
      } satisfies Fixture,
    ]),
  ),
  "GET /api/auth/me": { anyUnit: true },
  "POST /api/auth/sign-out": { anyUnit: true, throwaway: true },
  "POST /api/auth/password": { anyUnit: true },
  "GET /api/units": {
    kind: "unit",
    listed: ids_,
    request: () => get("/api/units?includeInactive=true"),
  },
  "POST /api/units": { kind: "unit", action: "unit.write" },
  "POST /api/units/import": {
    anyUnit: true,
    request: () => ({ method: "POST", path: "/api/units/import", form: upload("u.csv", CSV) }),
  },
  "GET /api/agencies": { kind: "unit", listed: ids_, listedId: "agencyId" },
  "POST /api/agencies": { kind: "unit", action: "agency.write" },
  "GET /api/users": { kind: "unit", listed: ids_, listedId: "userId" },
  "POST /api/users": {
    kind: "unit",
    action: "user.write",
    request: (at) => ({
      method: "POST",
      path: "/api/users",
      json: {
        username: `u${randomUUID().slice(0, 8)}`,
        fullName: "Tài khoản mới",
        password: PASSWORD,
        unitId: at.unitId,
        roles: [{ role: "viewer", unitId: at.unitId }],
      },
    }),
  },
  "GET /api/audit": { kind: "unit", action: "audit.read", anyUnit: true },
  "GET /api/audit/verify": { anyUnit: true },
  "GET /api/plans": {
    kind: "unit",
    listed: ids_,
    listedId: "issuedPlanId",
    // The upper units' issued plans are listed with ?upper=true (to cascade from).
    request: (at) =>
      get(at === ids.upper ? "/api/plans?upper=true" : `/api/plans?unitId=${at.unitId}`),
  },
  "POST /api/plans": {
    kind: "unit",
    action: "plan.write",
    request: (at) => ({
      method: "POST",
      path: "/api/plans",
      json: { unitId: at.unitId, title: "Kế hoạch mới", period: { kind: "year", year: 2027 } },
    }),
  },
  "GET /api/plans/:id/changes": {
    gateKind: "task",
    request: (at) => get(`/api/plans/${at.issuedPlanId}/changes?since=2026-01-01`),
  },
  "DELETE /api/plans/:id": { fresh: (at) => makePlan(at, false) },
  "POST /api/plans/:id/issue": { fresh: (at) => makePlan(at, false) },
  "POST /api/plans/:id/amend": { fresh: (at) => makePlan(at, true) },
  "DELETE /api/targets/:id": { fresh: (at) => makePlan(at, false) },
  "DELETE /api/tasks/:id": { fresh: (at) => makePlan(at, false) },
  "PUT /api/plans/:id/areas/:key": {},
  // A task without a recurring timeline has no occurrence: where allowed, not found is fine.
  "PATCH /api/occurrences/:id": { allowedMayNotFind: true },
  // Each section is a gated list (tasks, dossiers, feedback, plans…) of the user's own scope.
  "GET /api/home": { anyUnit: true },
  "GET /api/notifications": { kind: "notification", listed: ids_, listedId: "notificationId" },
  "POST /api/notifications/read-all": { anyUnit: true },
  "POST /api/plan-imports": {
    kind: "unit",
    action: "plan.write",
    request: (at) => ({
      method: "POST",
      path: `/api/plan-imports?unitId=${at.unitId}`,
      json: { text: "KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Ban hành kế hoạch" },
    }),
  },
  "GET /api/methodologies": { kind: "unit", listed: ids_, listedId: "methodologyId" },
  "POST /api/methodologies": {
    kind: "unit",
    action: "methodology.write",
    request: (at) => ({
      method: "POST",
      path: "/api/methodologies",
      json: {
        unitId: at.unitId,
        name: "Bộ tiêu chí",
        year: 2026,
        criteria: [{ ref: "1", text: "Lĩnh vực", maxPoints: 10 }],
      },
    }),
  },
  "GET /api/tasks": {
    kind: "task",
    listed: ids_,
    listedId: "taskId",
    request: () => get("/api/tasks"),
  },
  "POST /api/tasks/:id/evidence": {
    request: (at) => ({
      method: "POST",
      path: `/api/tasks/${at.taskId}/evidence`,
      form: upload("bang-chung.pdf", PDF),
    }),
  },
  "POST /api/evidence/:id/links": {
    action: "task.update",
    request: (at) => ({
      method: "POST",
      path: `/api/evidence/${at.evidenceId}/links`,
      json: { taskIds: [at.taskId] },
    }),
  },
  "GET /api/plans/:id/tasks.xlsx": {},
  "POST /api/plans/:id/tasks/import-preview": {
    request: (at) => ({
      method: "POST",
      path: `/api/plans/${at.issuedPlanId}/tasks/import-preview`,
      form: upload("nv.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])),
    }),
  },
  "POST /api/plans/:id/tasks/import": {
    request: (at) => ({
      method: "POST",
      path: `/api/plans/${at.issuedPlanId}/tasks/import`,
      form: upload("nv.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])),
    }),
  },
  "GET /api/calendar/schedules": { anyUnit: true },
  "POST /api/calendar/schedules": { anyUnit: true },
  "GET /api/calendar/holidays": {
    anyUnit: true,
    request: () => get("/api/calendar/holidays?year=2026"),
  },
  "GET /api/procedures": {
    kind: "unit",
    action: "dossier.read",
    listed: ids_,
    listedId: "procedureId",
  },
  "POST /api/procedures": { kind: "unit", action: "procedure.write" },
  "POST /api/procedures/import": {
    kind: "unit",
    action: "procedure.write",
    request: (at) => ({
      method: "POST",
      path: `/api/procedures/import?unitId=${at.unitId}`,
      form: upload("tt.csv", new TextEncoder().encode("ma,ten\n")),
    }),
  },
  "GET /api/one-stop/desk-settings/:id": { action: "dossier.read" },
  "PUT /api/one-stop/desk-settings/:id": { action: "unit.write" },
  "GET /api/one-stop/register-book/:id": { action: "dossier.read" },
  "PUT /api/one-stop/register-book/:id": {
    action: "procedure.write",
    // This year's book 01 at line 500 (Vietnam year; the route refuses a past one): the same
    // request again is allowed (it only moves forward), so every role's try is judged by the gate.
    request: (at) => ({
      method: "PUT",
      path: `/api/one-stop/register-book/${at.unitId}`,
      json: { year: Number(vietnamLocal(new Date()).date.slice(0, 4)), book: 1, nextEntry: 500 },
    }),
  },
  // The printed register book of a period: the unit's dossier.read, checked before the query.
  ...Object.fromEntries(
    ["print", "print.docx", "print.pdf"].map((file) => [
      `GET /api/one-stop/register-book/:id/${file}`,
      {
        action: "dossier.read" as Action,
        request: (at: Ids) =>
          get(`/api/one-stop/register-book/${at.unitId}/${file}?from=2026-03-01&to=2026-03-31`),
      },
    ]),
  ),
  "POST /api/dossiers/:id/void": { action: "dossier.void" },
  "POST /api/dossier-imports/:id/void": { action: "dossier.void" },
  "GET /api/dossiers": {
    kind: "unit",
    action: "dossier.read",
    listed: ids_,
    listedId: "dossierId",
  },
  "POST /api/dossiers": { kind: "procedure", action: "dossier.write" },
  "POST /api/procedures/:id/reception-refusal.docx": {
    request: (at) => ({
      method: "POST",
      path: `/api/procedures/${at.procedureId}/reception-refusal.docx`,
      json: {
        applicantName: "Người nộp thử",
        applicantPhone: "0911 222 333",
        at: "2026-03-02 09:00",
        reason: "Không thuộc thẩm quyền",
      },
    }),
  },
  "GET /api/dossiers/:id/apologies/:apologyId/document.docx": { allowedMayNotFind: true },
  "GET /api/dossiers/:id/refusal-notice.docx": {},
  "GET /api/dossiers/:id/stop-notice.docx": {},
  "GET /api/dossiers/:id/supplement-request.docx": {},
  // The PDFs: the same rule as the Word files; LibreOffice is stood in for (see beforeAll).
  "GET /api/dossiers/:id/apologies/:apologyId/document.pdf": { allowedMayNotFind: true },
  "GET /api/dossiers/:id/refusal-notice.pdf": {},
  "GET /api/dossiers/:id/stop-notice.pdf": {},
  "GET /api/dossiers/:id/supplement-request.pdf": {},
  "POST /api/dossier-imports/preview": {
    kind: "unit",
    action: "dossier.write",
    request: (at) => ({
      method: "POST",
      path: "/api/dossier-imports/preview",
      form: upload("hs.csv", new TextEncoder().encode("Mã hồ sơ\n"), {
        unitId: at.unitId!,
        source: "dvc",
      }),
    }),
  },
  "POST /api/dossier-imports": {
    kind: "unit",
    action: "dossier.write",
    request: (at) => ({
      method: "POST",
      path: "/api/dossier-imports",
      form: upload("hs.csv", new TextEncoder().encode("Mã hồ sơ\n"), {
        unitId: at.unitId!,
        source: "dvc",
      }),
    }),
  },
  "GET /api/dossier-imports": {
    kind: "unit",
    action: "dossier.read",
    listed: ids_,
    listedId: "dossierImportId",
  },
  "GET /api/dossier-imports/mappings": { kind: "unit", action: "dossier.read" },
  "GET /api/feedback": {
    kind: "unit",
    action: "feedback.read",
    listed: ids_,
    listedId: "feedbackId",
  },
  "POST /api/feedback": { kind: "unit", action: "feedback.write" },
  "POST /api/feedback/:id/transitions": {
    action: "feedback.answer",
    request: (at) => ({
      method: "POST",
      path: `/api/feedback/${at.feedbackId}/transitions`,
      json: { action: "answer", answer: "Đã trả lời." },
    }),
  },
  "GET /api/feedback/:id/publication-preview": { action: "feedback.write" },
  // PAR scorecards: each position's card is submitted (the upper level reads it; its drafts
  // would be hidden). Transitions send "publish", refused from "submitted", so no card moves.
  "GET /api/scorecard-templates/par-commune": { anyUnit: true },
  "GET /api/scorecards": {
    kind: "unit",
    action: "scorecard.read",
    listed: ids_,
    listedId: "scorecardId",
  },
  "POST /api/scorecards": {
    kind: "unit",
    action: "scorecard.write",
    request: (at) => ({
      method: "POST",
      path: "/api/scorecards",
      json: { unitId: at.unitId, year: 2026 },
    }),
  },
  "GET /api/scorecards/ranking": {
    kind: "unit",
    action: "scorecard.appraise",
    request: (at) => get(`/api/scorecards/ranking?unitId=${at.unitId}&year=2026`),
  },
  "GET /api/scorecards/:id/forecast": {
    request: (at) => get(`/api/scorecards/${at.scorecardId}/forecast?asOf=2026-06-30`),
  },
  "PUT /api/scorecards/:id/entries/:leafCode": {
    request: (at) => ({
      method: "PUT",
      path: `/api/scorecards/${at.scorecardId}/entries/1.1`,
      json: { selfPoints: 1, notApplicable: false },
    }),
  },
  "PUT /api/scorecards/:id/appraisals/:leafCode": {
    request: (at) => ({
      method: "PUT",
      path: `/api/scorecards/${at.scorecardId}/appraisals/1.1`,
      json: { appraisedPoints: 1, appraisedNotApplicable: false, note: "Ma trận" },
    }),
  },
  "POST /api/scorecards/:id/evidence": {
    request: (at) => ({
      method: "POST",
      path: `/api/scorecards/${at.scorecardId}/evidence`,
      json: { leafCodes: ["1.1"], evidenceIds: [at.evidenceId] },
    }),
  },
  "POST /api/scorecards/:id/evidence/upload": {
    request: (at) => ({
      method: "POST",
      path: `/api/scorecards/${at.scorecardId}/evidence/upload`,
      form: upload("bang-chung.pdf", PDF, { leafCodes: "1.1" }),
    }),
  },
  "DELETE /api/scorecards/:id/evidence": {
    request: (at) => ({
      method: "DELETE",
      path: `/api/scorecards/${at.scorecardId}/evidence?leafCode=1.1&evidenceId=${at.evidenceId}`,
    }),
  },
  "POST /api/scorecards/:id/transitions": {
    action: "scorecard.appraise",
    request: (at) => ({
      method: "POST",
      path: `/api/scorecards/${at.scorecardId}/transitions`,
      json: { action: "publish" },
    }),
  },
};

function get(path: string): Request {
  return { method: "GET", path };
}

/** The first segment that names a record, and the id it needs. */
function recordOfPath(url: string): [RecordKind, keyof Ids] | null {
  const parts = url.split("/").slice(2);
  if (parts.length < 2 || !parts.includes(":id")) return null;
  const segment = parts[parts.indexOf(":id") - 1]!;
  return KIND_OF_SEGMENT[segment] ?? null;
}

function plainRequest(route: RouteEntry, at: Ids): Request | null {
  const record = recordOfPath(route.url);
  let path = route.url;
  if (path.includes(":")) {
    if (!record) return null;
    const idKey = route.method === "GET" && record[0] === "plan" ? "issuedPlanId" : record[1];
    path = path
      .replace(":id", at[idKey] ?? "")
      .replace(":key", "direction")
      .replace(":apologyId", randomUUID());
    if (path.includes(":")) return null;
  }
  const schema = route.schema as { querystring?: unknown; body?: unknown } | undefined;
  const context = { ids: { ...at, toAgencyId: at.agencyId! } };
  const query = sample(schema?.querystring, "valid", context).value as Record<string, unknown>;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && typeof value !== "object")
      search.set(key, String(value));
  }
  const text = search.toString();
  const body =
    route.method === "GET" ? undefined : (sample(schema?.body, "valid", context).value ?? {});
  return { method: route.method, path: text ? `${path}?${text}` : path, json: body };
}

/** A list with no filter but the position's unit (when it takes one). */
function listRequest(route: RouteEntry, at: Ids): Request {
  const query = (route.schema as { querystring?: { shape?: Record<string, unknown> } } | undefined)
    ?.querystring?.shape;
  return get(query && "unitId" in query ? `${route.url}?unitId=${at.unitId}` : route.url);
}

/**
 * A new session for a route that ends its own. Seven sign-ins from one address at once can meet
 * the sign-in throttle (it works as built): wait the second it asks for and sign in again.
 */
async function signInPatiently(username: string): Promise<ApiClient> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await t.signedIn(username, FACTORY_PASSWORD);
    } catch (error) {
      if (attempt >= 20 || !String(error).includes(" 429 ")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    }
  }
}

function send(client: ApiClient, request: Request): Promise<ApiResponse> {
  if (request.form) return client.request(request.method, request.path, { body: request.form });
  if (request.method === "GET") return client.get(request.path);
  return client.request(request.method, request.path, { json: request.json ?? {} });
}

/* ---------- the records ---------- */

async function ok(response: ApiResponse, what: string) {
  expect(response.status, `${what}: ${JSON.stringify(response.body).slice(0, 400)}`).toBeLessThan(
    300,
  );
  return response.body.data;
}

async function makePlan(at: Position, issued: boolean): Promise<Ids> {
  const own = ids[at];
  const plan = await ok(
    await root.post("/api/plans", {
      unitId: own.unitId,
      title: `Kế hoạch CCHC năm 2026 (${at})`,
      period: { kind: "year", year: 2026 },
      tasks: [
        {
          areaKey: "direction",
          ref: "1",
          text: "Báo cáo tình hình thực hiện",
          timeline: "Hằng quý",
          leadAgencyId: own.agencyId,
        },
      ],
      targets: [{ text: "Tỷ lệ hồ sơ đúng hạn", value: 99, comparator: "gte", unit: "percent" }],
    }),
    "plan",
  );
  if (issued)
    await ok(
      await root.post(`/api/plans/${plan.id}/issue`, {
        planNumber: "1/KH-UBND",
        confirmTasksWithoutLead: true,
      }),
      "issue",
    );
  const view = await ok(await root.get(`/api/plans/${plan.id}`), "plan view");
  return {
    ...own,
    planId: plan.id,
    issuedPlanId: plan.id,
    taskId: view.tasks[0].id,
    targetId: view.targets[0].id,
  };
}

async function makeRecords(at: Position, unitId: string, n: number) {
  const own: Ids = { unitId, parentId: unitId };
  ids[at] = own;
  const db = t.db.database.db;
  const unit = { id: unitId };
  own.agencyId = (await makeAgency(db, unit, { name: `Cơ quan ${at}`, kind: "department" })).id;
  own.userId = (
    await makeUser(db, { unit, role: "viewer", username: `dich-${at}`, fullName: `Đích ${at}` })
  ).id;
  await makeDesk(db, unit, { cutoff: "15:00", agencyCode: `000.${n}.90.H99` });
  own.procedureId = (
    await makeProcedure(db, unit, {
      code: `1.0048${n}`,
      name: `Thủ tục ${at}`,
      field: "Hộ tịch",
      processingDays: 3,
      onlineLevel: "none",
    })
  ).id;
  own.dossierId = (
    await ok(
      await root.post("/api/dossiers", {
        procedureId: own.procedureId,
        applicantName: "Hoàng Thị Mai",
        applicantPhone: "0911 222 333",
        channel: "in_person",
        receivedAt: "2026-03-02 09:00",
      }),
      "dossier",
    )
  ).id;
  own.feedbackId = (
    await ok(
      await root.post("/api/feedback", {
        unitId,
        channel: "phone",
        senderName: "Trần Văn Bình",
        senderPhone: "0987 654 321",
        title: "Thời gian chứng thực quá lâu",
        content: "Tôi chờ hơn 2 giờ.",
        receivedAt: "2026-03-02 09:00",
      }),
      "feedback",
    )
  ).id;
  await ok(
    await root.post(`/api/feedback/${own.feedbackId}/transitions`, {
      action: "classify",
      classification: "conduct",
    }),
    "classify",
  );
  await ok(
    await root.post(`/api/feedback/${own.feedbackId}/transitions`, {
      action: "assign",
      agencyId: own.agencyId,
    }),
    "assign",
  );
  own.methodologyId = (
    await ok(
      await root.post("/api/methodologies", {
        unitId,
        name: `Bộ tiêu chí ${at}`,
        year: 2026,
        criteria: [{ ref: "1", text: "Lĩnh vực", maxPoints: 10 }],
      }),
      "methodology",
    )
  ).id;
  const draft = await makePlan(at, false);
  const issued = await makePlan(at, true);
  Object.assign(own, {
    planId: draft.planId,
    targetId: draft.targetId,
    issuedPlanId: issued.planId,
  });
  own.taskId = issued.taskId!;
  const evidence = await root.request("POST", `/api/tasks/${own.taskId}/evidence`, {
    body: upload("bang-chung.pdf", PDF),
  });
  own.evidenceId = (await ok(evidence, "evidence")).id;
  const sql = t.db.database.db;
  const { notifications } = await import("../../src/server/db/schema-plan.ts");
  const { dossierImports } = await import("../../src/server/db/schema-dossier-import.ts");
  const [notification] = await sql
    .insert(notifications)
    .values({
      userId: own.userId,
      kind: "reminder",
      dedupeKey: at,
      title: "Nhắc hạn",
      body: "Sắp đến hạn",
    })
    .returning();
  own.notificationId = notification!.id;
  const [run] = await sql
    .insert(dossierImports)
    .values({ unitId, source: "dvc", fileName: "hs.csv", fileBytes: 1, state: "done" })
    .returning();
  own.dossierImportId = run!.id;
  const level = (await ok(await root.get(`/api/units/${unitId}`), "unit")).level;
  const parMethodology = await ok(
    await root.post("/api/methodologies/import", {
      unitId,
      level,
      document: { ...parIndexCommuneTemplate(), version: `ma-tran-${at}` },
    }),
    "par methodology",
  );
  const { scorecards } = await import("../../src/server/db/schema-scorecard.ts");
  const [card] = await sql
    .insert(scorecards)
    .values({ unitId, year: 2026, methodologyId: parMethodology.id, status: "submitted" })
    .returning();
  own.scorecardId = card!.id;
  const occurrences = (await ok(await root.get(`/api/plans/${own.issuedPlanId}`), "plan")).tasks[0]
    .occurrences;
  own.occurrenceId = occurrences[0]?.id ?? randomUUID();
}

const savedSoffice = process.env.CCHC_SOFFICE;

beforeAll(async () => {
  // The form PDFs convert their Word file; a stand-in answers at once (rendering is tested in
  // dossier-forms-pdf.test.ts).
  process.env.CCHC_SOFFICE = join(process.cwd(), "test", "support", "fake-soffice.sh");
  t = await startTestApp({ demo: false });
  const db = t.db.database.db;
  const unit = async (code: string, level: "province" | "district" | "commune", parent?: string) =>
    (
      await makeUnit(db, {
        code,
        name: `Đơn vị ${code}`,
        level,
        ...(parent ? { parent: { id: parent } } : {}),
      })
    ).id;
  const upper = await unit("90", "province");
  const own = await unit("9001", "district", upper);
  const descendant = await unit("900101", "commune", own);
  const other = await unit("91", "province");
  const { loadUnitTree } = await import("../../src/server/db/repositories/unit.repository.ts");
  tree = await loadUnitTree(db);
  root = await rootClient(upper, other);
  let n = 10;
  for (const [at, unitId] of Object.entries({ own, descendant, upper, other }) as [
    Position,
    string,
  ][])
    await makeRecords(at, unitId, n++);
  for (const role of ROLES) {
    const username = `ma-tran-${role.replace("_", "-")}`;
    const agencyId = role === "agency_officer" ? ids.own.agencyId! : null;
    const created = await makeUser(db, {
      unit: { id: own },
      role,
      username,
      fullName: `Ma trận ${role}`,
      ...(agencyId ? { agency: { id: agencyId } } : {}),
    });
    userIdOf.set(role, created.id);
    clients.set(role, await t.signedIn(username, created.password));
  }
}, 600_000);
afterAll(async () => {
  if (savedSoffice === undefined) delete process.env.CCHC_SOFFICE;
  else process.env.CCHC_SOFFICE = savedSoffice;
  await t?.close();
});

/** A global administrator builds the records (the system actor makes it). */
async function rootClient(...unitIds: string[]) {
  const db = t.db.database.db;
  const made = await makeUser(db, {
    unit: { id: unitIds[0]! },
    role: "admin",
    global: true,
    username: "quan-tri-goc",
    fullName: "Quản trị gốc",
  });
  return t.signedIn(made.username, made.password);
}

/* ---------- the expectation: the core gate, on the same tree and records ---------- */

function ownerOf(kind: RecordKind, at: Position, route: RouteEntry): RecordOwner {
  const own = ids[at];
  const unitId = own.unitId!;
  const issued = route.method === "GET" && (kind === "plan" || kind === "target");
  switch (kind) {
    case "task":
      return { id: "r", unitId, planStatus: "issued", agencyIds: [ids[at].agencyId!] };
    case "evidence":
      return {
        id: "r",
        unitId: null,
        tasks: [{ id: "t", unitId, planStatus: "issued", agencyIds: [own.agencyId!] }],
      };
    case "feedback":
      return { id: "r", unitId, agencyIds: [own.agencyId!] };
    case "user":
      return { id: "r", unitId, roleUnitIds: [unitId] };
    case "notification":
      return { id: "r", unitId: null, recipientId: own.userId! };
    case "scorecard":
      return { id: "r", unitId, scorecardStatus: "submitted" };
    default:
      return { id: "r", unitId, planStatus: issued ? "issued" : "draft" };
  }
}

function gateAllows(role: Role, action: Action, kind: RecordKind, at: Position, route: RouteEntry) {
  const subject = {
    userId: userIdOf.get(role)!,
    grants: [
      {
        role,
        unitId: ids.own.unitId!,
        agencyId: role === "agency_officer" ? ids.own.agencyId! : null,
      },
    ],
  };
  return allowedRecords(subject, action, kind, [ownerOf(kind, at, route)], tree).has("r");
}

/* ---------- the matrix ---------- */

interface Cell {
  route: string;
  role: Role;
  at: Position;
  status: number;
  code?: string;
  allowed: boolean;
  problem?: string;
}

async function runPool<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await jobs[index]!();
      }
    }),
  );
  return results;
}

function isPublic(route: RouteEntry) {
  return (
    route.url.startsWith("/api/public/") ||
    ["/api/auth/sign-in", "/api/health", "/api/federation/snapshots"].includes(route.url) ||
    route.url.startsWith("/api/docs")
  );
}

function routesUnderTest() {
  return routeTable(t.app).filter(
    (r) => r.method !== "HEAD" && r.url.startsWith("/api/") && !isPublic(r),
  );
}

describe("access matrix (generated from the route table)", () => {
  it("refuses every non-public route without a session (401, documented shape)", async () => {
    const anonymous = t.client();
    const routes = routesUnderTest();
    const answers = await runPool(
      routes.map((route) => async () => {
        const request = plainRequest(route, ids.own) ?? {
          method: route.method,
          path: route.url.replace(/:[a-zA-Z]+/g, randomUUID()),
        };
        const response = await anonymous.request(request.method, request.path, {
          json: request.method === "GET" ? undefined : {},
        });
        return `${route.method} ${route.url} → ${response.status} ${response.body?.error?.code}`;
      }),
      6,
    );
    expect(answers.filter((a) => !a.endsWith("→ 401 AUTH_REQUIRED"))).toEqual([]);
  });

  it("closes a route registered later without `public: true`, and refuses the flag off the public paths", async () => {
    const { buildApp } = await import("../../src/server/app.ts");
    const app = await buildApp({
      database: t.db.database,
      logLevel: "silent",
      webDir: null,
      dataDir: t.dataDir,
    });
    app.get("/api/added-later", async () => ({ data: "secret" }));
    expect(() =>
      app.get("/api/also-later", { config: { public: true } }, async () => ({ data: 1 })),
    ).toThrow();
    const response = await app.inject({ method: "GET", url: "/api/added-later" });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      error: { code: "AUTH_REQUIRED", message: expect.any(String) },
    });
    await app.close();
  });

  it("has a way to build a request for every route", () => {
    const missing = routesUnderTest()
      .filter((route) => {
        const fixture = FIXTURES[`${route.method} ${route.url}`];
        if (fixture?.request || fixture?.anyUnit) return false;
        return !recordOfPath(route.url) && !fixture?.kind;
      })
      .map((route) => `${route.method} ${route.url}`);
    expect(missing, "add an entry to FIXTURES").toEqual([]);
  });

  it("reads and writes only what the gate allows: 0 cross-unit reads or writes", async () => {
    const jobs: (() => Promise<Cell>)[] = [];
    for (const route of routesUnderTest()) {
      const key = `${route.method} ${route.url}`;
      const fixture = FIXTURES[key] ?? {};
      const kind = recordOfPath(route.url)?.[0] ?? fixture.kind;
      const config = route.config as { access?: { actions: Action[] } } | undefined;
      for (const role of ROLES) {
        for (const at of POSITIONS) {
          if (fixture.anyUnit && at !== "own") continue;
          jobs.push(async () => {
            const client = fixture.throwaway
              ? await signInPatiently(`ma-tran-${role.replace("_", "-")}`)
              : clients.get(role)!;
            const at_ = fixture.fresh ? await fixture.fresh(at) : ids[at];
            const request = fixture.request
              ? await fixture.request(at_, route)
              : fixture.listed
                ? listRequest(route, at_)
                : plainRequest(route, at_);
            const response = await send(client, request!);
            const cell: Cell = {
              route: key,
              role,
              at,
              status: response.status,
              code: response.body?.error?.code,
              allowed: false,
            };
            if (response.status >= 500 || response.status === 401) {
              cell.problem = "server error or session lost";
              return cell;
            }
            if (fixture.anyUnit || !kind) return cell;
            const action = fixture.action ?? config?.access?.actions[0] ?? READ_OF[kind];
            const allowed = gateAllows(role, action, fixture.gateKind ?? kind, at, route);
            cell.allowed = allowed;
            if (fixture.listed) {
              if (response.status >= 300) {
                if (allowed) cell.problem = "list refused where the gate allows";
                return cell;
              }
              const shown = fixture
                .listed(response.body)
                .includes(at_[fixture.listedId ?? "unitId"]!);
              const listAllowed = gateAllows(
                role,
                READ_OF[
                  fixture.kind === "unit" && fixture.listedId ? kindOfId(fixture.listedId) : kind
                ],
                fixture.kind === "unit" && fixture.listedId ? kindOfId(fixture.listedId) : kind,
                at,
                route,
              );
              if (shown !== listAllowed)
                cell.problem = shown ? "LEAK: listed" : "not listed where the gate allows";
              return cell;
            }
            const succeeded = response.status < 300;
            if (succeeded && !allowed) cell.problem = "LEAK: succeeded where the gate refuses";
            else if (!succeeded && !allowed && ![400, 403, 404].includes(response.status))
              cell.problem = "refused with an unexpected status";
            else if (
              allowed &&
              [403, 404].includes(response.status) &&
              !(fixture.allowedMayNotFind && response.status === 404)
            )
              cell.problem = "refused where the gate allows";
            return cell;
          });
        }
      }
    }
    const started = Date.now();
    const cells = await runPool(jobs, 8);
    const problems = cells
      .filter((c) => c.problem)
      .map((c) => `${c.route} as ${c.role} on ${c.at}: ${c.status} ${c.code ?? ""} (${c.problem})`);
    const crossUnit = cells.filter(
      (c) => (c.at === "other" || c.at === "upper") && c.problem?.startsWith("LEAK"),
    );
    console.info(
      `access matrix: ${cells.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
        `${cells.filter((c) => c.status < 300).length} succeeded, ${crossUnit.length} cross-unit successes`,
    );
    expect(problems).toEqual([]);
  }, 900_000);
});

function kindOfId(key: string): RecordKind {
  const found = Object.values(KIND_OF_SEGMENT).find(([, idKey]) => idKey === key);
  if (key === "issuedPlanId") return "plan";
  return found?.[0] ?? "unit";
}
