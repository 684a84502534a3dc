import { describe, expect, it } from "vitest";
import { CalendarError } from "../../src/core/calendar/calendar-error.ts";
import { DossierError } from "../../src/core/dossier/dossier-error.ts";
import { RuleError } from "../../src/core/errors.ts";
import { FeedbackError } from "../../src/core/feedback/feedback-error.ts";
import { KpiError } from "../../src/core/kpi/kpi-error.ts";
import { ReportCalendarError } from "../../src/core/report/report-calendar.ts";
import { ReportWorkflowError, transition } from "../../src/core/report/report-workflow.ts";
import { AppError, appErrorOfRule, applyRule } from "../../src/server/errors.ts";
import { toAppError } from "../../src/server/http/error-handler.ts";

describe("core rule errors", () => {
  it("share one base type, keeping their own class name and code", () => {
    const errors = [
      new DossierError("DOSSIER_TRANSITION_INVALID", "Hồ sơ đã trả kết quả."),
      new FeedbackError("FEEDBACK_RULE_NOT_IN_FORCE", "Chưa có quy định."),
      new CalendarError("CALENDAR_INVALID_DATE", "Ngày không hợp lệ."),
      new KpiError("KPI_PERIOD_INVALID", "Kỳ không hợp lệ."),
      new ReportCalendarError("REPORT_DUE_TEXT_INVALID", "Không đọc được hạn nộp."),
      new ReportWorkflowError("REPORT_TRANSITION_INVALID", "Báo cáo đã được tiếp nhận."),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(RuleError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(error.constructor.name);
    }
  });

  it("map to HTTP once: the catalogue's code and status, the core's message as the reason", () => {
    const mapped = appErrorOfRule(
      new DossierError("DOSSIER_TRANSITION_INVALID", "Hồ sơ đã trả kết quả, không thể từ chối."),
    );
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped.code).toBe("DOSSIER_TRANSITION_INVALID");
    expect(mapped.status).toBe(409);
    expect(mapped.message).toBe("Hồ sơ đã trả kết quả, không thể từ chối.");
  });

  it("keep a fixed catalogue message and give the core's message as a detail", () => {
    const mapped = appErrorOfRule(new KpiError("KPI_PERIOD_INVALID", "Tháng 13 không tồn tại."));
    expect(mapped.code).toBe("KPI_PERIOD_INVALID");
    expect(mapped.status).toBe(400);
    expect(mapped.message).toMatch(/^Kỳ báo cáo không hợp lệ/);
    expect(mapped.details).toEqual([{ message: "Tháng 13 không tồn tại." }]);
  });

  it("become VALIDATION_FAILED when the API has no code of their own", () => {
    const mapped = appErrorOfRule(new DossierError("DOSSIER_CODE_INVALID", "Mã hồ sơ sai."));
    expect(mapped.code).toBe("VALIDATION_FAILED");
    expect(mapped.status).toBe(400);
    expect(mapped.details).toEqual([{ message: "Mã hồ sơ sai." }]);
  });

  it("are mapped by applyRule and by the error handler alike", () => {
    const rule = () => transition("accepted", "submit");
    expect(rule).toThrow(ReportWorkflowError);
    let thrown: unknown;
    try {
      applyRule(rule);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe("REPORT_TRANSITION_INVALID");
    expect((thrown as AppError).status).toBe(409);

    let raw: unknown;
    try {
      rule();
    } catch (error) {
      raw = error;
    }
    const handled = toAppError(raw);
    expect(handled.code).toBe("REPORT_TRANSITION_INVALID");
    expect(handled.message).toBe((thrown as AppError).message);
  });

  it("let other errors through untouched", () => {
    const bug = new TypeError("x is undefined");
    expect(() =>
      applyRule(() => {
        throw bug;
      }),
    ).toThrow(bug);
  });
});
