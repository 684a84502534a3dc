import { describe, expect, it } from "vitest";
import { surveySelectionFrom, surveysPath } from "./survey-params.ts";

const defaults = { unitId: "mine", from: "2026-01-01", to: "2026-12-03" };
const read = (path: string) =>
  surveySelectionFrom(new URL(path, "http://x").searchParams, defaults);

describe("the SIPAS page's address", () => {
  it("opens the unit and period a link names", () => {
    const path = surveysPath("/khao-sat", { unitId: "ward", from: "2026-04-01", to: "2026-06-30" });
    expect(path).toBe("/khao-sat?don-vi=ward&tu=2026-04-01&den=2026-06-30");
    expect(read(path)).toEqual({ unitId: "ward", from: "2026-04-01", to: "2026-06-30" });
  });

  it("falls back to the page's defaults for what is missing or malformed", () => {
    expect(read("/khao-sat")).toEqual(defaults);
    expect(read("/khao-sat?tu=01/04/2026&den=2026-06-30")).toEqual({
      ...defaults,
      to: "2026-06-30",
    });
  });
});
