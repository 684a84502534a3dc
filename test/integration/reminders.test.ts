import { eq, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../src/server/db/schema.ts";
import { JobRunner } from "../../src/server/jobs/job-runner.ts";
import { listJobs } from "../../src/server/jobs/job.repository.ts";
import { REMINDER_JOB, reminderJob } from "../../src/server/reminders/reminder-job.ts";
import { runReminders } from "../../src/server/reminders/reminder.service.ts";
import { makeWardWorld, signIn, type WardWorld } from "../support/desk-fixtures.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let focal: ApiClient;
let officer: ApiClient;
let planId: string;
let world: WardWorld;

beforeAll(async () => {
  t = await startTestApp({ demo: false });
  world = await makeWardWorld(t.db.database.db, { wardName: "Phường Cẩm Thành" });
  focal = await signIn(t, world.users.focal);
  officer = await signIn(t, world.users.officer);
  const communeId = world.ward.id;
  const agencies = {
    "Tư pháp - Hộ tịch": world.agencies.justice.id,
    "Văn phòng HĐND và UBND": world.agencies.office.id,
  };
  const created = await focal.post("/api/plans", {
    unitId: communeId,
    title: "Cải cách hành chính phường Cẩm Thành năm 2026",
    period: { kind: "year", year: 2026 },
    tasks: [
      {
        areaKey: "institutions",
        text: "Rà soát văn bản quy phạm pháp luật",
        leadAgencyId: agencies["Tư pháp - Hộ tịch"],
        timeline: "30/9/2026",
      },
      {
        areaKey: "direction",
        text: "Ban hành Kế hoạch tuyên truyền CCHC",
        leadAgencyId: agencies["Văn phòng HĐND và UBND"],
        timeline: "Quý I/2026",
      },
      {
        areaKey: "direction",
        text: "Báo cáo CCHC định kỳ",
        leadAgencyId: agencies["Văn phòng HĐND và UBND"],
        timeline: "Hằng quý",
      },
      {
        areaKey: "procedures",
        text: "Niêm yết thủ tục hành chính",
        leadAgencyId: agencies["Tư pháp - Hộ tịch"],
        timeline: "31/12/2026",
      },
    ],
  });
  expect(created.status).toBe(201);
  planId = created.body.data.id;
});
afterAll(() => t.close());

const db = () => t.db.database.db;

describe("reminders", () => {
  it("reminds nobody about a draft plan", async () => {
    expect(await runReminders(db(), { daysBefore: 3, today: "2026-09-28" })).toEqual({
      due: 0,
      created: 0,
    });
  });

  it("notifies lead-agency officers, focal officers and (of overdue tasks) the leader once, however often it runs", async () => {
    const leader = await signIn(t, world.users.leader);
    const issued = await leader.post(`/api/plans/${planId}/issue`, {
      confirmTasksWithoutLead: true,
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);

    const first = await runReminders(db(), { daysBefore: 3, today: "2026-09-28" });
    // Due soon: the 30/9 task (Tư pháp + focal) and the Q3 report; overdue: the Q1 task, the
    // Q1 and Q2 reports (focal and the leader: Văn phòng has no agency officer here).
    expect(first.created).toBe(first.due);
    expect(first.created).toBe(9);
    const second = await runReminders(db(), { daysBefore: 3, today: "2026-09-28" });
    expect(second).toEqual({ due: first.due, created: 0 });
    // The recurring reminder job of a (re)started server runs at once and creates nothing new
    // either; its next run is queued an interval later.
    const logged: unknown[] = [];
    const log = { info: (o: object) => logged.push(o), error: (o: object) => logged.push(o) };
    const runner = new JobRunner(db(), { log, pollMs: 50 });
    const config = { daysBefore: 3, intervalMinutes: 60, smtpUrl: null, publicUrl: null };
    runner.register(REMINDER_JOB, reminderJob(db(), config, log, { today: () => "2026-09-28" })!);
    const startedAt = Date.now();
    await runner.start();
    await runner.idle();
    await runner.stop();
    expect(logged).toEqual([]);
    const runs = await listJobs(db(), { unitIds: null, kind: REMINDER_JOB, limit: 10 });
    expect(runs.map((job) => job.state).sort()).toEqual(["done", "queued"]);
    const next = runs.find((job) => job.state === "queued")!;
    expect(next.runAt.getTime()).toBeGreaterThanOrEqual(startedAt + 59 * 60_000);

    const mine = (await officer.get("/api/notifications")).body;
    expect(mine.meta.unread).toBe(1);
    expect(mine.data).toHaveLength(1);
    expect(mine.data[0]).toMatchObject({
      kind: "task_due_soon",
      title: "Nhiệm vụ sắp đến hạn: còn 2 ngày (hạn 30/09/2026)",
      link: `/ke-hoach/${planId}`,
      readAt: null,
    });
    expect(mine.data[0].body).toContain("Rà soát văn bản quy phạm pháp luật");

    // The leader hears of the unit's overdue task only, not of what falls due soon.
    const leaderList = (await leader.get("/api/notifications")).body;
    expect(leaderList.data.map((n: any) => [n.kind, n.title]).sort()).toEqual([
      ["task_overdue", "Nhiệm vụ quá hạn (hạn 30/06/2026)"],
      ["task_overdue", "Nhiệm vụ quá hạn (hạn 31/03/2026)"],
      ["task_overdue", "Nhiệm vụ quá hạn (hạn 31/03/2026)"],
    ]);

    const focalList = (await focal.get("/api/notifications")).body;
    expect(focalList.meta.unread).toBe(first.created - 1 - 3);
    const titles = focalList.data.map((n: any) => n.title);
    expect(titles).toContain("Nhiệm vụ quá hạn (hạn 31/03/2026)");
    expect(titles).toContain("Nhiệm vụ quá hạn (hạn 30/06/2026)");
  });

  it("reminds afresh when a task becomes overdue, and not for finished tasks", async () => {
    const tasks = (await focal.get(`/api/plans/${planId}`)).body.data.tasks;
    const yearEnd = tasks.find((x: any) => x.text === "Niêm yết thủ tục hành chính");
    const done = await focal.post(`/api/tasks/${yearEnd.id}/updates`, {
      status: "completed",
      completedOn: "2025-12-30",
    });
    expect(done.status, JSON.stringify(done.body)).toBeLessThan(300);
    const later = await runReminders(db(), { daysBefore: 3, today: "2026-10-01" });
    // The 30/9 task and the Q3 report are now overdue: officer + focal + leader, focal + leader.
    expect(later.created).toBe(5);
    const mine = (await officer.get("/api/notifications")).body;
    expect(mine.data.map((n: any) => n.kind)).toEqual(["task_overdue", "task_due_soon"]);
    await runReminders(db(), { daysBefore: 3, today: "2027-01-05" });
    const officerAfter = (await officer.get("/api/notifications")).body.data;
    expect(officerAfter.some((n: any) => n.body.includes("Niêm yết"))).toBe(false);
  });

  it("marks notifications read, only one's own", async () => {
    const mine = (await officer.get("/api/notifications")).body;
    const id = mine.data[0].id;
    expect((await focal.post(`/api/notifications/${id}/read`)).status).toBe(404);
    const read = await officer.post(`/api/notifications/${id}/read`);
    expect(read.body).toEqual({ data: { ok: true } });
    expect((await officer.get("/api/notifications")).body.meta.unread).toBe(mine.meta.unread - 1);
    await officer.post("/api/notifications/read-all");
    expect((await officer.get("/api/notifications")).body.meta.unread).toBe(0);
    expect((await t.client().get("/api/notifications")).status).toBe(401);
  });

  it("e-mails each new notification once over STARTTLS, authenticated", async () => {
    const smtp = await startSmtpServer({ offerStartTls: true });
    try {
      await db()
        .update(users)
        .set({ email: "hotich@camthanh.gov.vn" })
        .where(eq(users.username, world.users.officer.username));
      const smtpUrl = `smtp://cchc%40camthanh.gov.vn:mat-khau@127.0.0.1:${smtp.port}?from=cchc@camthanh.gov.vn&insecure=true`;
      const officerCount = (await officer.get("/api/notifications")).body.data.length;
      const first = await runReminders(db(), {
        daysBefore: 3,
        today: "2026-10-01",
        smtpUrl,
        baseUrl: "https://cchc.example.gov.vn/",
      });
      expect(first).toMatchObject({ created: 0, emailed: officerCount });
      expect(smtp.received).toHaveLength(officerCount);
      const mail = smtp.received[0]!;
      expect(mail).toMatchObject({
        secure: true,
        user: "cchc@camthanh.gov.vn",
        password: "mat-khau",
        from: "cchc@camthanh.gov.vn",
        to: ["hotich@camthanh.gov.vn"],
      });
      expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?/m);
      const body = Buffer.from(mail.raw.split("\r\n\r\n").slice(1).join(""), "base64").toString(
        "utf8",
      );
      expect(body).toMatch(/Nhiệm vụ (quá hạn|sắp đến hạn)/);
      expect(body).toContain(`https://cchc.example.gov.vn/ke-hoach/${planId}`);

      const second = await runReminders(db(), { daysBefore: 3, today: "2026-10-01", smtpUrl });
      expect(second.emailed).toBe(0);
      expect(smtp.received).toHaveLength(officerCount);
    } finally {
      await smtp.close();
    }
  });

  it("never sends the SMTP password over a connection without TLS unless told to", async () => {
    const smtp = await startSmtpServer({ offerStartTls: false });
    try {
      await db().execute(sql`update notifications set emailed_at = null`);
      const plain = `smtp://cchc%40camthanh.gov.vn:mat-khau@127.0.0.1:${smtp.port}?from=cchc@camthanh.gov.vn`;
      await expect(
        runReminders(db(), { daysBefore: 3, today: "2026-10-01", smtpUrl: plain }),
      ).rejects.toThrow();
      expect(smtp.authAttempts).toBe(0);
      expect(smtp.received).toHaveLength(0);

      // A relay on the same machine may be allowed plain authentication explicitly; the
      // notifications refused above are still pending and go now.
      const allowed = await runReminders(db(), {
        daysBefore: 3,
        today: "2026-10-01",
        smtpUrl: `${plain}&allow_plain_auth=true`,
      });
      expect(allowed.emailed).toBeGreaterThan(0);
      expect(smtp.authAttempts).toBe(1);
      expect(smtp.received[0]).toMatchObject({ secure: false, user: "cchc@camthanh.gov.vn" });
    } finally {
      await smtp.close();
    }
  });
});

interface ReceivedMail {
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string | undefined;
  to: string[];
  raw: string;
}

/** A real SMTP server (smtp-server, with its built-in self-signed certificate for STARTTLS). */
async function startSmtpServer(options: { offerStartTls: boolean }) {
  const received: ReceivedMail[] = [];
  const state = { authAttempts: 0 };
  const server = new SMTPServer({
    hideSTARTTLS: !options.offerStartTls,
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onAuth(auth, _session, callback) {
      state.authAttempts++;
      callback(null, { user: `${auth.username}\u0000${auth.password}` });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const [user, password] = String(session.user ?? "").split("\u0000");
        received.push({
          secure: session.secure,
          user,
          password,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    received,
    get authAttempts() {
      return state.authAttempts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
