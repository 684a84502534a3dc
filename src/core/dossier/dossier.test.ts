import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OFFICIAL_SCHEDULES, createWorkingCalendar } from "../calendar/index.ts";
import {
  DOSSIER_ACTIONS,
  DOSSIER_STATES,
  DossierError,
  TRANSITIONS,
  allowedActions,
  firstFreeSequence,
  formatDossierCode,
  isInCodeSpace,
  isPhoneNumber,
  maskName,
  maskPhone,
  movedDueDate,
  nextState,
  parseDossierCode,
  pausedWorkingDays,
  phoneConfirms,
  phoneEndsWith,
  ruleSetById,
  ruleSetOn,
  timeliness,
  type DossierAction,
  type DossierState,
} from "./index.ts";

const rules2025 = ruleSetById("2025");
const rules2018 = ruleSetById("2018");

describe("dossier code (TT 01/2018)", () => {
  it("formats the example from the circular", () => {
    expect(
      formatDossierCode({ agencyCode: "000.00.12.H56", receivedOn: "2025-07-15", sequence: 1 }),
    ).toBe("000.00.12.H56-250715-0001");
  });

  it("parses what it formats", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom("A", "G", "H", "Z"),
        fc.date({
          min: new Date("2000-01-01T00:00:00Z"),
          max: new Date("2099-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 9999 }),
        (level4, level3, letter, day, sequence) => {
          const agencyCode = `${String(level4).padStart(3, "0")}.00.${String(level3).padStart(2, "0")}.${letter}56`;
          const receivedOn = day.toISOString().slice(0, 10);
          const code = formatDossierCode({ agencyCode, receivedOn, sequence });
          expect(parseDossierCode(code)).toEqual({ agencyCode, receivedOn, sequence });
        },
      ),
    );
  });

  it("rejects malformed codes, impossible days and sequence 0", () => {
    for (const bad of [
      "000.00.12.H56-250230-0001",
      "000.00.12.H56-250715-0000",
      "00.00.12.H56-250715-0001",
      "000.00.12.h56-250715-0001",
      "000.00.12.H56-250715-001",
      "PAKN.20200812.0012",
      "",
    ]) {
      expect(parseDossierCode(bad), bad).toBeNull();
    }
  });

  it("tells the codes of a unit's code space, for every code it formats", () => {
    const own = new Set(["000.01.22.H99"]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 3650 }), (n, d) => {
        const receivedOn = new Date(Date.UTC(2020, 0, 1) + d * 86_400_000)
          .toISOString()
          .slice(0, 10);
        const code = (agencyCode: string) =>
          formatDossierCode({ agencyCode, receivedOn, sequence: n });
        expect(isInCodeSpace(code("000.01.22.H99"), own)).toBe(true);
        expect(isInCodeSpace(code("000.02.22.H99"), own)).toBe(false);
      }),
    );
    expect(isInCodeSpace("000.01.22.H99-260302-0001 ", own)).toBe(false);
    expect(isInCodeSpace("000.01.22.H99-260302-0001", new Set())).toBe(false);
  });

  it("finds the first free daily number after the counter, within a window", () => {
    const taken = new Set([1, 2, 3, 5]);
    expect(firstFreeSequence(0, 50, (n) => taken.has(n))).toBe(4);
    expect(firstFreeSequence(4, 50, (n) => taken.has(n))).toBe(6);
    expect(firstFreeSequence(0, 3, (n) => taken.has(n))).toBeNull();
    expect(firstFreeSequence(9998, 50, () => false)).toBe(9999);
    expect(firstFreeSequence(9999, 50, () => false)).toBeNull();
  });

  it("refuses a bad agency code and the 10 000th dossier of a day", () => {
    expect(() =>
      formatDossierCode({ agencyCode: "H56", receivedOn: "2025-07-15", sequence: 1 }),
    ).toThrow(expect.objectContaining({ code: "DOSSIER_AGENCY_CODE_INVALID" }));
    expect(() =>
      formatDossierCode({
        agencyCode: "000.00.12.H56",
        receivedOn: "2025-07-15",
        sequence: 10_000,
      }),
    ).toThrow(expect.objectContaining({ code: "DOSSIER_SEQUENCE_EXHAUSTED" }));
  });
});

describe("dossier state machine", () => {
  const expected: Record<DossierAction, [DossierState[], DossierState]> = {
    hand_over: [["received", "in_progress"], "in_progress"],
    request_supplement: [["in_progress"], "supplement_requested"],
    receive_supplement: [["supplement_requested"], "in_progress"],
    resolve: [["in_progress"], "resolved"],
    return_result: [["resolved"], "returned"],
    refuse: [["received", "in_progress"], "refused"],
    stop: [["in_progress", "supplement_requested"], "stopped"],
    withdraw: [["received", "in_progress", "supplement_requested"], "withdrawn"],
  };

  it("allows exactly the listed transitions and forbids every other pair", () => {
    for (const state of DOSSIER_STATES) {
      for (const action of DOSSIER_ACTIONS) {
        const [from, to] = expected[action];
        if (from.includes(state)) {
          expect(nextState(state, action, rules2025), `${state} --${action}`).toBe(to);
        } else {
          expect(() => nextState(state, action, rules2025), `${state} --${action}`).toThrow(
            DossierError,
          );
        }
      }
    }
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...DOSSIER_ACTIONS].sort());
  });

  it("ends at returned, refused, stopped and withdrawn", () => {
    for (const state of ["returned", "refused", "stopped", "withdrawn"] as const) {
      expect(allowedActions(state, rules2025)).toEqual([]);
    }
  });

  it("has no stop notice before 1 July 2025", () => {
    expect(allowedActions("in_progress", rules2018)).not.toContain("stop");
    expect(allowedActions("in_progress", rules2025)).toContain("stop");
    expect(() => nextState("in_progress", "stop", rules2018)).toThrow(/01\/07\/2025/);
  });

  it("explains a forbidden transition in Vietnamese", () => {
    expect(() => nextState("returned", "resolve", rules2025)).toThrow(
      "Không thể “Có kết quả giải quyết” khi hồ sơ đang ở trạng thái “Đã trả kết quả”.",
    );
  });
});

describe("rule sets by effective date", () => {
  it("switches on 1 July 2025", () => {
    expect(ruleSetOn("2025-06-30").apologyTitle).toBe("Phiếu xin lỗi và hẹn lại ngày trả kết quả");
    expect(ruleSetOn("2025-06-30").stopNoticeTitle).toBeNull();
    expect(ruleSetOn("2025-07-01").apologyTitle).toBe(
      "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
    );
    expect(ruleSetOn("2025-07-01").stopNoticeTitle).toBe("Thông báo dừng giải quyết hồ sơ");
    expect(ruleSetOn("2019-01-06").id).toBe("2018");
    expect(() => ruleSetOn("2018-12-31")).toThrow(
      expect.objectContaining({ code: "DOSSIER_RULE_NOT_IN_FORCE" }),
    );
  });
});

describe("on-time rule", () => {
  const base = { dueDate: "2026-03-05", supplementCount: 0, today: "2026-03-04" };
  it("classifies finished dossiers against the whole due day", () => {
    expect(timeliness({ ...base, finishedOn: "2026-03-04" })).toBe("early");
    expect(timeliness({ ...base, finishedOn: "2026-03-05" })).toBe("on_time");
    expect(timeliness({ ...base, finishedOn: "2026-03-06" })).toBe("late");
  });
  it("marks open dossiers overdue after the due day", () => {
    expect(timeliness({ ...base, finishedOn: null })).toBe("pending");
    expect(timeliness({ ...base, finishedOn: null, today: "2026-03-05" })).toBe("pending");
    expect(timeliness({ ...base, finishedOn: null, today: "2026-03-06" })).toBe("overdue");
  });
  it("counts a second supplement request as late", () => {
    expect(timeliness({ ...base, supplementCount: 1, finishedOn: "2026-03-04" })).toBe("early");
    expect(timeliness({ ...base, supplementCount: 2, finishedOn: "2026-03-04" })).toBe("late");
    expect(timeliness({ ...base, supplementCount: 2, finishedOn: null })).toBe("overdue");
  });
  it("does not classify withdrawn dossiers", () => {
    expect(timeliness({ ...base, finishedOn: null, withdrawn: true })).toBeNull();
  });
});

describe("supplement pause", () => {
  const calendar = createWorkingCalendar({ schedules: OFFICIAL_SCHEDULES });
  it("moves the due date by the working days paused, skipping the weekend", () => {
    // Requested Thursday 05/03/2026, received Monday 09/03: Friday and Monday were paused.
    const paused = pausedWorkingDays("2026-03-05", "2026-03-09", calendar);
    expect(paused).toBe(2);
    expect(movedDueDate("2026-03-10", paused, calendar)).toBe("2026-03-12");
    expect(pausedWorkingDays("2026-03-05", "2026-03-05", calendar)).toBe(0);
  });
  it("never lands a moved due date on a day off", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 30 }),
        (offset, days) => {
          const start = new Date(Date.UTC(2025, 0, 2) + offset * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const due = movedDueDate(start, days, calendar);
          if (days > 0) expect(calendar.isWorkingDay(due)).toBe(true);
        },
      ),
    );
  });
});

describe("personal data on public pages", () => {
  it("masks phone numbers and names", () => {
    expect(maskPhone("0912 345 678")).toBe("*******678");
    expect(maskName("Nguyễn Văn An")).toBe("N***** V** A*");
    expect(maskName("  Lê   Thị Thủy ")).toBe("L* T** T***");
  });
  it("matches the last four digits only exactly", () => {
    expect(phoneEndsWith("0912.345.678", "5678")).toBe(true);
    expect(phoneEndsWith("0912345678", "678")).toBe(false);
    expect(phoneEndsWith("0912345678", "1234")).toBe(false);
  });
  it("takes the last four digits or the whole number as the phone's proof", () => {
    expect(phoneConfirms("0912.345.678", "5678")).toBe(true);
    expect(phoneConfirms("0912.345.678", "0912 345 678")).toBe(true);
    expect(phoneConfirms("0912345678", "+84 912 345 678")).toBe(true);
    expect(phoneConfirms("+84912345678", "0912345678")).toBe(true);
    expect(phoneConfirms("0912345678", "0912345679")).toBe(false);
    // A tail longer than four digits is not a whole number: refused, never matched as a suffix.
    expect(phoneConfirms("0912345678", "345678")).toBe(false);
    expect(phoneConfirms("0912345678", "678")).toBe(false);
  });
  it("accepts Vietnamese phone numbers", () => {
    expect(isPhoneNumber("0912 345 678")).toBe(true);
    expect(isPhoneNumber("+84 912 345 678")).toBe(true);
    expect(isPhoneNumber("12ab")).toBe(false);
  });
});
