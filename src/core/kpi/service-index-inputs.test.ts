import { describe, expect, it } from "vitest";
import { builtInMethodology } from "../methodology/documents/index.ts";
import { leavesOf, metricOf } from "../methodology/index.ts";
import { METRIC_INPUT_SOURCES, METRIC_INPUTS_NOT_MEASURED } from "./metric-inputs.ts";

/** The KPI capability and the shipped 766 document must speak the same indicator codes. */
describe("live inputs of the 766 service index", () => {
  const document = builtInMethodology("766")!;
  const scored = new Set(leavesOf(document).map(({ leaf }) => metricOf(leaf)));

  it("feeds only indicators the 766 document scores (ONLINE_DOSSIER aside, CCHC's own)", () => {
    const fed = Object.keys(METRIC_INPUT_SOURCES).filter((code) => code !== "ONLINE_DOSSIER");
    expect(fed.filter((code) => !scored.has(code))).toEqual([]);
  });

  it("accounts for every scored indicator: measured live, or listed as not measured with why", () => {
    const accounted = new Set([
      ...Object.keys(METRIC_INPUT_SOURCES),
      ...Object.keys(METRIC_INPUTS_NOT_MEASURED),
    ]);
    expect([...scored].filter((code) => !accounted.has(code))).toEqual([]);
  });
});
