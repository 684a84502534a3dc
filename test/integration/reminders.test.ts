import { createServer, type Socket } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../src/server/db/schema.ts";
import { startReminderScheduler } from "../../src/server/reminders/reminder-scheduler.ts";
import { runReminders } from "../../src/server/reminders/reminder.service.ts";
import { startTestApp, type ApiClient, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let focal: ApiClient;
let officer: ApiClient;
let planId: string;

beforeAll(async () => {
  t = await startTestApp();
  focal = await t.signedIn("daumoi");
  officer = await t.signedIn("tuphap");
  const communeId = (await focal.get("/api/auth/me")).body.data.user.unit.id;
  const list = (await focal.get(`/api/agencies?unitId=${communeId}`)).body.data;
  const agencies = Object.fromEntries(list.map((a: any) => [a.name, a.id]));
  const created = await focal.post("/api/plans", {
    unitId: communeId,
    title: "Cải cách hành chính phường Bãi Cháy năm 2026",
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

  it("notifies lead-agency officers and focal officers once, however often it runs", async () => {
    const leader = await t.signedIn("lanhdao");
    const issued = await leader.post(`/api/plans/${planId}/issue`, {});
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);

    const first = await runReminders(db(), { daysBefore: 3, today: "2026-09-28" });
    // Due soon: the 30/9 task (Tư pháp + focal) and the Q3 report; overdue: the Q1 task, the
    // Q1 and Q2 reports (focal only: Văn phòng has no agency officer in the demo).
    expect(first.created).toBe(first.due);
    expect(first.created).toBe(6);
    const second = await runReminders(db(), { daysBefore: 3, today: "2026-09-28" });
    expect(second).toEqual({ due: first.due, created: 0 });
    // A restarted scheduler runs at once and creates nothing new either.
    const logged: unknown[] = [];
    const scheduler = startReminderScheduler(
      db(),
      { daysBefore: 3, intervalMinutes: 60, smtpUrl: null, publicUrl: null },
      { info: (o) => logged.push(o), error: (o) => logged.push(o) },
      { today: () => "2026-09-28" },
    );
    await scheduler.runNow();
    await scheduler.stop();
    expect(logged).toEqual([]);

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

    const focalList = (await focal.get("/api/notifications")).body;
    expect(focalList.meta.unread).toBe(first.created - 1);
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
    // The 30/9 task and the Q3 report are now overdue: officer + focal, and focal.
    expect(later.created).toBe(3);
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

  it("e-mails each new notification once over SMTP when configured", async () => {
    const received: { from: string; to: string; data: string; auth: string }[] = [];
    const server = createServer((socket: Socket) => {
      let buffer = "";
      let inData = false;
      let current = { from: "", to: "", data: "", auth: "" };
      const reply = (line: string) => socket.write(`${line}\r\n`);
      reply("220 fake ESMTP");
      socket.on("data", (chunk) => {
        buffer += chunk.toString("utf8");
        let index: number;
        while ((index = buffer.indexOf("\r\n")) >= 0) {
          const line = buffer.slice(0, index);
          buffer = buffer.slice(index + 2);
          if (inData) {
            if (line === ".") {
              inData = false;
              received.push(current);
              current = { from: "", to: "", data: "", auth: current.auth };
              reply("250 queued");
            } else current.data += `${line}\n`;
            continue;
          }
          const verb = line.split(" ")[0]!.toUpperCase();
          if (verb === "EHLO") reply("250-fake\r\n250 AUTH PLAIN");
          else if (verb === "AUTH") {
            current.auth = Buffer.from(line.split(" ")[2]!, "base64").toString("utf8");
            reply("235 ok");
          } else if (verb === "MAIL") {
            current.from = line;
            reply("250 ok");
          } else if (verb === "RCPT") {
            current.to = line;
            reply("250 ok");
          } else if (verb === "DATA") {
            inData = true;
            reply("354 go on");
          } else if (verb === "QUIT") {
            reply("221 bye");
            socket.end();
          } else reply("500 unknown");
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      await db()
        .update(users)
        .set({ email: "tuphap@baichay.gov.vn" })
        .where(eq(users.username, "tuphap"));
      const smtpUrl = `smtp://cchc%40baichay.gov.vn:mat-khau@127.0.0.1:${port}?from=cchc@baichay.gov.vn`;
      const officerCount = (await officer.get("/api/notifications")).body.data.length;
      const first = await runReminders(db(), {
        daysBefore: 3,
        today: "2026-10-01",
        smtpUrl,
        baseUrl: "https://cchc.example.gov.vn/",
      });
      expect(first).toMatchObject({ created: 0, emailed: officerCount });
      expect(received).toHaveLength(officerCount);
      expect(received[0]!.auth).toBe("\0cchc@baichay.gov.vn\0mat-khau");
      expect(received[0]!.from).toBe("MAIL FROM:<cchc@baichay.gov.vn>");
      expect(received[0]!.to).toBe("RCPT TO:<tuphap@baichay.gov.vn>");
      expect(received[0]!.data).toContain("Subject: =?UTF-8?B?");
      const body = Buffer.from(
        received[0]!.data.split("\n\n").slice(1).join(""),
        "base64",
      ).toString("utf8");
      expect(body).toMatch(/Nhiệm vụ (quá hạn|sắp đến hạn)/);
      expect(body).toContain(`https://cchc.example.gov.vn/ke-hoach/${planId}`);

      const second = await runReminders(db(), { daysBefore: 3, today: "2026-10-01", smtpUrl });
      expect(second.emailed).toBe(0);
      expect(received).toHaveLength(officerCount);
    } finally {
      server.close();
    }
  });
});
