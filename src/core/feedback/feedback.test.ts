import { describe, expect, it } from "vitest";
import { OFFICIAL_SCHEDULES, countWorkingDays, createWorkingCalendar } from "../calendar/index.ts";
import {
  FEEDBACK_ACTIONS,
  FEEDBACK_RULE_SETS,
  FEEDBACK_STATES,
  FEEDBACK_TRANSITIONS,
  FeedbackError,
  allowedFeedbackActions,
  feedbackDueDates,
  feedbackOnTimeCounts,
  feedbackRuleSetOn,
  feedbackTimeliness,
  formatFeedbackCode,
  nextFeedbackState,
  parseFeedbackCode,
  type FeedbackRuleSet,
  type FeedbackState,
} from "./index.ts";

const calendar = createWorkingCalendar({ schedules: OFFICIAL_SCHEDULES });
const defaults = FEEDBACK_RULE_SETS[0]!;

describe("feedback code PAKN.YYYYMMDD.NNNN", () => {
  it("formats and parses the daily sequence", () => {
    expect(formatFeedbackCode({ receivedOn: "2020-08-12", sequence: 12 })).toBe(
      "PAKN.20200812.0012",
    );
    expect(parseFeedbackCode(" pakn.20200812.0012 ")).toEqual({
      receivedOn: "2020-08-12",
      sequence: 12,
    });
    expect(formatFeedbackCode({ receivedOn: "2026-03-02", sequence: 9999 })).toBe(
      "PAKN.20260302.9999",
    );
  });

  it("refuses bad days, bad numbers and the 10 000th feedback of a day", () => {
    expect(parseFeedbackCode("PAKN.20260230.0001")).toBeNull();
    expect(parseFeedbackCode("PAKN.20260301.0000")).toBeNull();
    expect(parseFeedbackCode("PAKN-20260301-0001")).toBeNull();
    expect(() => formatFeedbackCode({ receivedOn: "2026-13-01", sequence: 1 })).toThrow(
      FeedbackError,
    );
    try {
      formatFeedbackCode({ receivedOn: "2026-03-02", sequence: 10_000 });
      expect.unreachable();
    } catch (error) {
      expect((error as FeedbackError).code).toBe("FEEDBACK_SEQUENCE_EXHAUSTED");
    }
  });
});

describe("feedback deadlines in working days", () => {
  it("gives 15 working days to answer and 5 to transfer, the day of receipt not counted", () => {
    expect(feedbackDueDates("2026-03-02", defaults, calendar)).toEqual({
      countedFrom: "2026-03-02",
      due: "2026-03-23",
      transferDue: "2026-03-09",
    });
  });

  it("counts from the next working day when received on a day off", () => {
    expect(feedbackDueDates("2026-03-07", defaults, calendar)).toEqual({
      countedFrom: "2026-03-09",
      due: "2026-03-30",
      transferDue: "2026-03-16",
    });
  });

  it("skips the Tết holidays of 2026 (14–22/02)", () => {
    expect(feedbackDueDates("2026-02-13", defaults, calendar)).toEqual({
      countedFrom: "2026-02-13",
      due: "2026-03-13",
      transferDue: "2026-02-27",
    });
  });

  it("always lands on working days and spans exactly the rule's working days", () => {
    for (let day = 1; day <= 365; day += 3) {
      const date = new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10);
      const dates = feedbackDueDates(date, defaults, calendar);
      expect(calendar.isWorkingDay(dates.due), date).toBe(true);
      expect(calendar.isWorkingDay(dates.transferDue), date).toBe(true);
      expect(countWorkingDays(dates.countedFrom, dates.due, calendar)).toBe(15);
      expect(countWorkingDays(dates.countedFrom, dates.transferDue, calendar)).toBe(5);
    }
  });

  it("picks the rule set in force on the day of receipt", () => {
    const rules: FeedbackRuleSet[] = [
      ...FEEDBACK_RULE_SETS,
      {
        id: "hp-2026",
        effectiveFrom: "2026-07-01",
        legalBasis: "Quy chế của tỉnh",
        resolveWorkingDays: 10,
        transferWorkingDays: 2,
      },
    ];
    expect(feedbackRuleSetOn("2026-06-30", rules).id).toBe("2008");
    expect(feedbackRuleSetOn("2026-07-01", rules).id).toBe("hp-2026");
    expect(
      feedbackDueDates("2026-07-01", feedbackRuleSetOn("2026-07-01", rules), calendar),
    ).toEqual({ countedFrom: "2026-07-01", due: "2026-07-15", transferDue: "2026-07-03" });
    expect(() => feedbackRuleSetOn("2001-01-01")).toThrow(FeedbackError);
  });
});

describe("feedback states", () => {
  it("follows received → classified → assigned → answered → published", () => {
    let state: FeedbackState = "received";
    for (const action of ["classify", "assign", "answer", "publish"] as const) {
      state = nextFeedbackState(state, action);
    }
    expect(state).toBe("published");
    expect(allowedFeedbackActions("received")).toEqual(["classify", "transfer", "reject"]);
    expect(allowedFeedbackActions("published")).toEqual([]);
  });

  it("allows exactly the table's transitions and explains the others in Vietnamese", () => {
    for (const state of FEEDBACK_STATES) {
      for (const action of FEEDBACK_ACTIONS) {
        const allowed = FEEDBACK_TRANSITIONS[action].from.includes(state);
        if (allowed) {
          expect(nextFeedbackState(state, action)).toBe(FEEDBACK_TRANSITIONS[action].to);
        } else {
          expect(() => nextFeedbackState(state, action), `${state} ${action}`).toThrow(
            /^Không thể “.+” khi phản ánh, kiến nghị đang ở trạng thái “.+”\.$/,
          );
        }
      }
    }
    for (const end of ["published", "transferred", "rejected"] as const) {
      expect(allowedFeedbackActions(end)).toEqual([]);
    }
  });
});

describe("feedback on-time rule", () => {
  const base = { dueDate: "2026-03-23", transferDueDate: "2026-03-09", today: "2026-03-20" };

  it("compares the answer day with the due day, the transfer day with the transfer due day", () => {
    expect(feedbackTimeliness({ ...base, state: "answered", finishedOn: "2026-03-23" })).toBe(
      "on_time",
    );
    expect(feedbackTimeliness({ ...base, state: "published", finishedOn: "2026-03-10" })).toBe(
      "early",
    );
    expect(feedbackTimeliness({ ...base, state: "answered", finishedOn: "2026-03-24" })).toBe(
      "late",
    );
    expect(feedbackTimeliness({ ...base, state: "transferred", finishedOn: "2026-03-10" })).toBe(
      "late",
    );
    expect(feedbackTimeliness({ ...base, state: "transferred", finishedOn: "2026-03-09" })).toBe(
      "on_time",
    );
    expect(feedbackTimeliness({ ...base, state: "assigned", finishedOn: null })).toBe("pending");
    expect(
      feedbackTimeliness({ ...base, state: "assigned", finishedOn: null, today: "2026-03-24" }),
    ).toBe("overdue");
    expect(feedbackTimeliness({ ...base, state: "rejected", finishedOn: "2026-03-04" })).toBeNull();
  });

  it("counts answered and overdue feedback within competence for the rate", () => {
    const counts = feedbackOnTimeCounts([
      { ...base, state: "published", finishedOn: "2026-03-12" },
      { ...base, state: "answered", finishedOn: "2026-03-25" },
      { ...base, state: "assigned", finishedOn: null, today: "2026-03-30" },
      { ...base, state: "assigned", finishedOn: null },
      { ...base, state: "transferred", finishedOn: "2026-03-05" },
      { ...base, state: "rejected", finishedOn: "2026-03-05" },
    ]);
    expect(counts).toEqual({ onTime: 1, counted: 3 });
  });
});
