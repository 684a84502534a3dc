import { describe, expect, it } from "vitest";
import { allowedActions, transition } from "./report-workflow.ts";

describe("report workflow", () => {
  it("goes draft → submitted → returned → submitted → accepted", () => {
    expect(transition("draft", "submit")).toBe("submitted");
    expect(transition("submitted", "return", "Bổ sung số liệu")).toBe("returned");
    expect(transition("returned", "submit")).toBe("submitted");
    expect(transition("submitted", "accept")).toBe("accepted");
  });

  it("refuses bad transitions with a code and a Vietnamese message", () => {
    expect(() => transition("draft", "accept")).toThrowError(
      expect.objectContaining({
        code: "REPORT_TRANSITION_INVALID",
        message: expect.stringMatching(/chưa được gửi/),
      }),
    );
    expect(() => transition("accepted", "submit")).toThrowError(
      expect.objectContaining({ code: "REPORT_TRANSITION_INVALID" }),
    );
    expect(() => transition("submitted", "edit")).toThrowError(
      expect.objectContaining({ code: "REPORT_TRANSITION_INVALID" }),
    );
    expect(() => transition("submitted", "return", "  ")).toThrowError(
      expect.objectContaining({ code: "REPORT_RETURN_COMMENT_REQUIRED" }),
    );
  });

  it("lists the actions each status allows", () => {
    expect(allowedActions("draft")).toEqual(["edit", "submit"]);
    expect(allowedActions("submitted")).toEqual(["accept", "return"]);
    expect(allowedActions("accepted")).toEqual([]);
  });
});
