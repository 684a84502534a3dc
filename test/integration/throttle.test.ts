import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { verifyAgainstDummy } from "../../src/server/auth/password.ts";
import { loadConfig } from "../../src/server/config.ts";
import { dossiers } from "../../src/server/db/schema-one-stop.ts";
import { feedback } from "../../src/server/db/schema-feedback.ts";
import type { Executor } from "../../src/server/db/database.ts";
import { SYSTEM_ACTOR } from "../../src/server/services/actor.ts";
import { receiveDossier } from "../../src/server/services/dossier.service.ts";
import {
  getPublicationPreview,
  registerFeedback,
  transitionFeedback,
} from "../../src/server/services/feedback.service.ts";
import { makeStaff, type Staff } from "../support/account-fixtures.ts";
import { FACTORY_PASSWORD, makeDesk, makeProcedure } from "../support/factories.ts";
import {
  createTestDatabase,
  testDatabaseKind,
  type TestDatabase,
} from "../support/test-database.ts";

// Counts the dummy-hash checks (the path an unknown username takes), keeping the real work.
vi.mock("../../src/server/auth/password.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/server/auth/password.ts")>();
  return { ...original, verifyAgainstDummy: vi.fn(original.verifyAgainstDummy) };
});

const PROXY = "10.0.0.1";
let app: FastifyInstance;
let db: TestDatabase;
let dataDir: string;
let staff: Staff;
/** The throttles' clock: frozen, moved forward by the tests (no real waiting). */
let clock: Date;
const advance = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await makeStaff(db.database.db);
  await makeRecords(db.database.db, staff);
  dataDir = mkdtempSync(join(tmpdir(), "cchc-test-throttle-"));
  clock = new Date();
  app = await buildApp({
    database: db.database,
    logLevel: "silent",
    webDir: null,
    dataDir,
    // As the server reads it: only the reverse proxy at 10.0.0.1 may tell the client's address.
    trustProxy: loadConfig({ CCHC_TRUST_PROXY: PROXY }).trustProxy,
    now: () => clock,
  });
});
afterAll(async () => {
  await app.close();
  await db.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

let nextClient = 0;
/** A new client address each time, as an attacker rotating addresses behind the proxy. */
const freshAddress = () => {
  nextClient++;
  return `198.51.${Math.floor(nextClient / 250)}.${(nextClient % 250) + 1}`;
};
const viaProxy = (client = freshAddress()) => ({
  remoteAddress: PROXY,
  headers: { "x-forwarded-for": client },
});

async function signIn(
  username: string,
  password: string,
  from: { remoteAddress: string; headers?: Record<string, string> } = viaProxy(),
) {
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { username, password },
    ...from,
  });
  return {
    status: response.statusCode,
    body: response.json(),
    retryAfter: response.headers["retry-after"],
  };
}

describe(`sign-in slows down instead of locking (${testDatabaseKind})`, () => {
  beforeEach(() => {
    advance(24 * 3600);
  });

  it("lets the real user in after the wait, however many failures an attacker sent", async () => {
    for (let i = 0; i < 3; i++)
      expect((await signIn(staff.agencyOfficer.username, `sai-${i}`)).status).toBe(401);
    // The fourth attempt comes too soon: refused before the password is even checked.
    const early = await signIn(staff.agencyOfficer.username, FACTORY_PASSWORD);
    expect(early).toMatchObject({ status: 429, retryAfter: "1" });
    expect(early.body.error).toEqual({
      code: "AUTH_RATE_LIMITED",
      message: "Đăng nhập sai nhiều lần. Vui lòng chờ 1 giây rồi thử lại.",
    });
    // The attacker keeps guessing from new addresses as soon as each wait is over.
    const waits: number[] = [];
    for (let i = 0; i < 20; i++) {
      const refused = await signIn(staff.agencyOfficer.username, `sai-tiep-${i}`);
      expect(refused.status).toBe(429);
      waits.push(Number(refused.retryAfter));
      advance(Number(refused.retryAfter));
      expect((await signIn(staff.agencyOfficer.username, `sai-tiep-${i}`)).status).toBe(401);
    }
    expect(waits.slice(0, 6)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(Math.max(...waits)).toBe(300);
    // The real user is asked to wait at most five minutes, and then gets in.
    const asked = await signIn(staff.agencyOfficer.username, FACTORY_PASSWORD);
    expect(asked.status).toBe(429);
    expect(asked.body.error.message).toBe(
      "Đăng nhập sai nhiều lần. Vui lòng chờ 5 phút rồi thử lại.",
    );
    advance(Number(asked.retryAfter));
    const real = await signIn(staff.agencyOfficer.username, FACTORY_PASSWORD);
    expect(real.status).toBe(200);
    expect(real.body.data.user.username).toBe(staff.agencyOfficer.username);
    // Success starts the count again: a typo right after is an ordinary refusal.
    expect((await signIn(staff.agencyOfficer.username, "go-nham")).status).toBe(401);
  });

  it("answers an unknown username exactly as a known one, through the same slow check", async () => {
    const answers = async (username: string) => {
      const list = [];
      for (let i = 0; i < 6; i++) {
        const { status, body, retryAfter } = await signIn(username, `sai-${i}`);
        list.push({ status, body, retryAfter });
      }
      return list;
    };
    const known = await answers(staff.viewer.username);
    const unknown = await answers("khong-co-ai");
    expect(unknown).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 429, 429, 429]);

    // The unknown name's password is checked against a dummy argon2 hash, the known one's not.
    const dummy = vi.mocked(verifyAgainstDummy);
    advance(24 * 3600);
    const timings = { known: [] as number[], unknown: [] as number[] };
    for (const { username } of [
      staff.reviewer,
      staff.leader,
      staff.focal,
      staff.clerk,
      staff.admin,
    ]) {
      dummy.mockClear();
      let started = performance.now();
      expect((await signIn(username, "sai-mat-khau")).status).toBe(401);
      timings.known.push(performance.now() - started);
      expect(dummy).not.toHaveBeenCalled();
      started = performance.now();
      expect((await signIn(`${username}-khong-co`, "sai-mat-khau")).status).toBe(401);
      timings.unknown.push(performance.now() - started);
      expect(dummy).toHaveBeenCalledTimes(1);
    }
    // A generous bound: without the dummy check an unknown name answers several times faster.
    const median = (values: number[]) => values.sort((a, b) => a - b)[2]!;
    expect(median(timings.unknown)).toBeGreaterThan(median(timings.known) / 3);
  });

  it("lets the owner in at once from a browser where they signed in before", async () => {
    const office = { remoteAddress: "203.0.113.50" };
    const first = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { username: staff.leader.username, password: FACTORY_PASSWORD },
      ...office,
    });
    expect(first.statusCode).toBe(200);
    const device = first.cookies.find((c) => c.name === "cchc_device")!;
    expect(device).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/api/auth/sign-in" });
    const otherUsersDevice = (
      await app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { username: staff.viewer.username, password: FACTORY_PASSWORD },
        ...office,
      })
    ).cookies.find((c) => c.name === "cchc_device")!;

    // An insider slows the account down from many addresses, and the office's address too.
    for (let i = 0; i < 12; i++) await signIn(staff.leader.username, `sai-${i}`);
    for (let i = 0; i < 12; i++) await signIn(`nguoi-${i}`, "sai", office);
    expect((await signIn(staff.leader.username, FACTORY_PASSWORD, office)).status).toBe(429);
    const withCookie = (value: string, password = FACTORY_PASSWORD) =>
      app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { username: staff.leader.username, password },
        cookies: { cchc_device: value },
        ...office,
      });
    // Another user's browser token does not help; the owner's does, at once.
    expect((await withCookie(otherUsersDevice.value)).statusCode).toBe(429);
    const owner = await withCookie(device.value);
    expect(owner.statusCode).toBe(200);
    expect(owner.cookies.find((c) => c.name === "cchc_device")).toBeUndefined();
    // The browser's own failures are throttled too, on their own.
    const own = [];
    for (let i = 0; i < 4; i++) own.push((await withCookie(device.value, "sai")).statusCode);
    expect(own).toEqual([401, 401, 401, 429]);
  });

  it("slows one address down whatever usernames it tries, and a forged X-Forwarded-For does not help", async () => {
    const direct = (i: number) => ({
      remoteAddress: "203.0.113.7",
      headers: { "x-forwarded-for": `192.0.2.${i}` },
    });
    for (let i = 0; i < 10; i++) {
      expect((await signIn(`thu-${i}`, "sai", direct(i))).status).toBe(401);
    }
    const refused = await signIn("thu-moi", "sai", direct(99));
    expect(refused).toMatchObject({ status: 429, retryAfter: "1" });
    // Another address is not affected.
    expect((await signIn("thu-moi", "sai", { remoteAddress: "203.0.113.8" })).status).toBe(401);
  });
});

describe(`client addresses behind a configured proxy (${testDatabaseKind})`, () => {
  const units = (from: { remoteAddress: string; headers?: Record<string, string> }) =>
    app.inject({ method: "GET", url: "/api/public/feedback/units", ...from });

  it("rate-limits a direct client on its real address, whatever X-Forwarded-For it sends", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const response = await units({
        remoteAddress: "203.0.113.20",
        headers: { "x-forwarded-for": `192.0.2.${i}` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
  });

  it("tells the clients of the proxy apart by the address the proxy forwards", async () => {
    for (let i = 0; i < 61; i++) {
      expect((await units(viaProxy(`198.18.0.${i}`))).statusCode).toBe(200);
    }
    const oneClient: number[] = [];
    for (let i = 0; i < 61; i++) {
      oneClient.push((await units(viaProxy("198.18.1.1"))).statusCode);
    }
    expect(oneClient[60]).toBe(429);
  });
});

describe(`public lookups are throttled per code, whatever the address (${testDatabaseKind})`, () => {
  beforeEach(() => {
    advance(24 * 3600);
  });

  const lookup = async (url: string) => {
    const response = await app.inject({ method: "GET", url, ...viaProxy() });
    return { status: response.statusCode, body: response.json() };
  };

  /** The first dossier's code, the last four digits of its phone, and four that are wrong. */
  const firstDossierDigits = async () => {
    const [dossier] = await db.database.db
      .select({ code: dossiers.code, phone: dossiers.applicantPhone })
      .from(dossiers)
      .limit(1);
    const right = dossier!.phone.replace(/\D/g, "").slice(-4);
    return { dossier: dossier!, right, wrong: right === "0000" ? "1111" : "0000" };
  };

  it("pauses a dossier code's lookup after five wrong phone digits, even for the right ones", async () => {
    const { dossier, right, wrong } = await firstDossierDigits();
    // Same shape, but no such dossier: it must answer the same way, so codes cannot be probed.
    const missing = dossier!.code.replace(/-\d+$/, "-9999");
    expect(missing).not.toBe(dossier!.code);

    for (const code of [dossier!.code, missing]) {
      for (let i = 0; i < 5; i++) {
        const miss = await lookup(`/api/public/dossiers/${code}?phoneLast4=${wrong}`);
        expect(miss.status).toBe(404);
        expect(miss.body.error.code).toBe("PUBLIC_LOOKUP_FAILED");
      }
    }
    const lockedRight = await lookup(`/api/public/dossiers/${dossier!.code}?phoneLast4=${right}`);
    const lockedMissing = await lookup(`/api/public/dossiers/${missing}?phoneLast4=${right}`);
    expect(lockedRight.status).toBe(429);
    expect(lockedRight.body.error).toEqual({
      code: "PUBLIC_LOOKUP_LOCKED",
      message:
        "Mã này đã bị nhập sai 4 số cuối điện thoại nhiều lần nên tạm ngừng tra cứu. Vui lòng thử lại sau 15 phút.",
    });
    expect(lockedMissing).toEqual(lockedRight);

    advance(14 * 60);
    expect((await lookup(`/api/public/dossiers/${dossier!.code}?phoneLast4=${right}`)).status).toBe(
      429,
    );
    advance(60);
    const found = await lookup(`/api/public/dossiers/${dossier!.code}?phoneLast4=${right}`);
    expect(found.status).toBe(200);
    expect(found.body.data.code).toBe(dossier!.code);
    // The wrong digits are not forgotten at once: the next wrong try closes it again.
    expect((await lookup(`/api/public/dossiers/${dossier!.code}?phoneLast4=${wrong}`)).status).toBe(
      404,
    );
    expect((await lookup(`/api/public/dossiers/${dossier!.code}?phoneLast4=${right}`)).status).toBe(
      429,
    );
  });

  it.skipIf(testDatabaseKind !== "pglite")(
    "takes the embedded database's connection once per lookup, right or wrong, however many statements it runs",
    async () => {
      const { dossier, right, wrong } = await firstDossierDigits();
      const lanes = db.database.lanes!;
      // The lookup's lane (the job runner's turns, in theirs, may come in between).
      const turns = () => lanes.stats.granted.light;
      for (const [digits, status] of [
        [right, 200],
        [wrong, 404],
      ] as const) {
        const before = turns();
        expect(
          (await lookup(`/api/public/dossiers/${dossier!.code}?phoneLast4=${digits}`)).status,
        ).toBe(status);
        expect(turns() - before).toBe(1);
      }
    },
  );

  it("counts every guess of a parallel burst: no more than five wrong tries get evaluated", async () => {
    const [, dossier] = await db.database.db
      .select({ code: dossiers.code, phone: dossiers.applicantPhone })
      .from(dossiers)
      .limit(2);
    const right = dossier!.phone.replace(/\D/g, "").slice(-4);
    const guesses = Array.from({ length: 30 }, (_, i) => String(i).padStart(4, "0")).filter(
      (digits) => digits !== right,
    );
    const answers = await Promise.all(
      guesses.map((digits) => lookup(`/api/public/dossiers/${dossier!.code}?phoneLast4=${digits}`)),
    );
    const statuses = answers.map((a) => a.status);
    const evaluated = statuses.filter((status) => status === 404).length;
    expect(evaluated).toBeGreaterThan(0);
    expect(evaluated).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(guesses.length - evaluated);
  });

  it("counts the feedback lookup and the satisfaction rating together per feedback code", async () => {
    const [published] = await db.database.db
      .select({ code: feedback.code, phone: feedback.senderPhone })
      .from(feedback)
      .where(eq(feedback.state, "published"));
    const code = published!.code;
    const right = published!.phone.replace(/\D/g, "").slice(-4);
    const rate = (phoneLast4: string) =>
      app.inject({
        method: "POST",
        url: `/api/public/feedback/${code}/satisfaction`,
        payload: { phoneLast4, satisfaction: "satisfied" },
        ...viaProxy(),
      });

    for (let i = 0; i < 3; i++) {
      expect((await lookup(`/api/public/feedback/${code}?phoneLast4=0000`)).status).toBe(404);
    }
    for (let i = 0; i < 2; i++) expect((await rate("0000")).statusCode).toBe(404);
    const locked = await lookup(`/api/public/feedback/${code}?phoneLast4=${right}`);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("PUBLIC_LOOKUP_LOCKED");
    expect((await rate(right)).statusCode).toBe(429);

    advance(15 * 60);
    expect((await lookup(`/api/public/feedback/${code}?phoneLast4=${right}`)).status).toBe(200);
    const rated = await rate(right);
    expect(rated.statusCode).toBe(200);
    expect(rated.json().data.satisfaction).toBe("satisfied");
  });
});

/** Two dossiers at the ward's desk and one feedback item answered and published. */
async function makeRecords(exec: Executor, { ward, wardAgency }: Staff) {
  await makeDesk(exec, ward);
  const procedure = await makeProcedure(exec, ward);
  for (const [applicantName, applicantPhone] of [
    ["Hoàng Thị Mai", "0911 222 333"],
    ["Lý Văn Phúc", "0977 864 205"],
  ] as const)
    await receiveDossier(exec, SYSTEM_ACTOR, {
      procedureId: procedure.id,
      applicantName,
      applicantPhone,
      channel: "in_person",
      receivedAt: "2026-03-02 09:00",
    });
  const registered = await registerFeedback(exec, SYSTEM_ACTOR, {
    unitId: ward.id,
    channel: "portal",
    senderName: "Ngô Thị Minh Châu",
    senderPhone: "0912 468 135",
    title: "Đề nghị hướng dẫn rõ hồ sơ đăng ký khai sinh",
    content: "Đề nghị phường hướng dẫn cụ thể và niêm yết tại Bộ phận Một cửa.",
    receivedAt: "2026-03-02 09:15",
  });
  const id = registered.data.id;
  const step = (input: Parameters<typeof transitionFeedback>[3]) =>
    transitionFeedback(exec, SYSTEM_ACTOR, id, input);
  await step({ action: "classify", classification: "regulation", at: "2026-03-02 10:00" });
  await step({ action: "assign", agencyId: wardAgency.id, at: "2026-03-02 10:30" });
  await step({
    action: "answer",
    answer: "Phường đã niêm yết hướng dẫn tại quầy Tư pháp - Hộ tịch.",
    at: "2026-03-05 15:00",
  });
  // The masked public texts as proposed, as a clerk confirming them would.
  const preview = (await getPublicationPreview(exec, SYSTEM_ACTOR, id)).data;
  await step({
    action: "publish",
    at: "2026-03-06 08:30",
    publication: {
      title: preview.title.text,
      content: preview.content.text,
      answer: preview.answer.text,
    },
  });
}
