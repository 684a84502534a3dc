import { describe, expect, it } from "vitest";
import { splitSignerTitle } from "../plan-import/to-plan-draft.ts";
import { issuerAuthorityLine, issuerInText, planSignerForm } from "./plan-issuer.ts";

describe("planSignerForm", () => {
  it("makes TM. the committee's signature, with KT. between when a deputy signs", () => {
    expect(planSignerForm("TM.", "Chủ tịch")).toEqual({
      issuer: "committee",
      authority: "TM.",
      onBehalfOf: "ỦY BAN NHÂN DÂN",
      deputyFor: null,
      title: "CHỦ TỊCH",
    });
    expect(planSignerForm("TM.", "PHÓ CHỦ TỊCH")).toMatchObject({
      issuer: "committee",
      deputyFor: "CHỦ TỊCH",
      title: "PHÓ CHỦ TỊCH",
    });
  });

  it("makes the chair's title, KT. and Q. the chair's signature", () => {
    expect(planSignerForm(null, "CHỦ TỊCH")).toMatchObject({
      issuer: "chair",
      authority: null,
      title: "CHỦ TỊCH",
    });
    expect(planSignerForm("KT.", "PHÓ CHỦ TỊCH")).toMatchObject({
      issuer: "chair",
      authority: "KT.",
      onBehalfOf: "CHỦ TỊCH",
    });
    expect(planSignerForm("Q.", null)).toMatchObject({ issuer: "chair", title: "CHỦ TỊCH" });
    // A deputy never signs in their own name.
    expect(planSignerForm(null, "Phó Chủ tịch")).toMatchObject({
      authority: "KT.",
      onBehalfOf: "CHỦ TỊCH",
      title: "PHÓ CHỦ TỊCH",
    });
  });

  it("names the same issuer in the authority line and in running text", () => {
    expect(issuerAuthorityLine("chair", "Ủy ban nhân dân phường Bãi Cháy")).toBe(
      "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG BÃI CHÁY",
    );
    expect(issuerAuthorityLine("committee", "Ủy ban nhân dân phường Bãi Cháy")).toBe(
      "ỦY BAN NHÂN DÂN PHƯỜNG BÃI CHÁY",
    );
    expect(issuerInText("chair", "Ủy ban nhân dân phường Bãi Cháy")).toBe(
      "Chủ tịch Ủy ban nhân dân phường Bãi Cháy",
    );
  });

  it("reads every printed form back to the form it came from (import → export)", () => {
    const printed = [
      { title: "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", lines: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] },
      {
        title: "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        lines: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
      },
      { title: "KT. CHỦ TỊCH PHÓ CHỦ TỊCH", lines: ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] },
      { title: "CHỦ TỊCH", lines: ["CHỦ TỊCH"] },
    ];
    for (const { title, lines } of printed) {
      const split = splitSignerTitle(title);
      const form = planSignerForm(split.authority, split.title);
      const again = [
        ...(form.authority === "TM." ? [`TM. ${form.onBehalfOf}`] : []),
        ...(form.deputyFor ? [`KT. ${form.deputyFor}`] : []),
        ...(form.authority === "KT." ? [`KT. ${form.onBehalfOf}`] : []),
        form.title,
      ];
      expect(again).toEqual(lines);
    }
  });
});
