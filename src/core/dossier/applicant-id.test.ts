import { describe, expect, it } from "vitest";
import {
  APPLICANT_ID_FORMAT_MESSAGE,
  applicantIdNumber,
  maskApplicantIdNumber,
  readApplicantIdNumber,
  shownApplicantIdNumber,
} from "./applicant-id.ts";
import { DossierError } from "./dossier-error.ts";

function errorOf(run: () => unknown): DossierError {
  try {
    run();
  } catch (error) {
    if (error instanceof DossierError) return error;
    throw error;
  }
  throw new Error("no error thrown");
}

describe("the applicant's ID number", () => {
  it("reads a personal identification number, an old identity card and a passport", () => {
    expect(readApplicantIdNumber("001203004567")).toEqual({
      ok: true,
      value: "001203004567",
      kind: "personal_id",
    });
    expect(readApplicantIdNumber("079098001234")).toMatchObject({ kind: "personal_id" });
    expect(readApplicantIdNumber("123456789")).toEqual({
      ok: true,
      value: "123456789",
      kind: "identity_card",
    });
    expect(readApplicantIdNumber("C1234567")).toEqual({
      ok: true,
      value: "C1234567",
      kind: "passport",
    });
  });

  it("drops spaces, dots and dashes between the groups and upper-cases a passport's letter", () => {
    expect(applicantIdNumber(" 001 203 004 567 ")).toBe("001203004567");
    expect(applicantIdNumber("001.203.004.567")).toBe("001203004567");
    expect(applicantIdNumber("0012\u00a003004-567")).toBe("001203004567");
    expect(applicantIdNumber("123 456 789")).toBe("123456789");
    expect(applicantIdNumber("b 123 4567")).toBe("B1234567");
  });

  it("takes nothing when the field is left blank", () => {
    expect(applicantIdNumber(undefined)).toBeNull();
    expect(applicantIdNumber(null)).toBeNull();
    expect(applicantIdNumber("   ")).toBeNull();
  });

  it("refuses a number of the wrong length or shape, with the field's message", () => {
    for (const wrong of [
      "12345678",
      "1234567890",
      "0012030045678",
      "AB1234567",
      "B123456",
      "12345678X",
      "CCCD",
    ]) {
      const error = errorOf(() => applicantIdNumber(wrong));
      expect(error.code).toBe("DOSSIER_APPLICANT_ID_INVALID");
      expect(error.message).toBe(APPLICANT_ID_FORMAT_MESSAGE);
      expect(error.details).toEqual([
        { path: "applicantIdNumber", message: APPLICANT_ID_FORMAT_MESSAGE },
      ]);
    }
  });

  it("refuses a 12-digit number whose first three digits are no province code", () => {
    for (const [wrong, code] of [
      ["000203004567", "000"],
      ["003203004567", "003"],
      ["097203004567", "097"],
      ["999203004567", "999"],
    ] as const) {
      const reading = readApplicantIdNumber(wrong);
      expect(reading.ok).toBe(false);
      expect(!reading.ok && reading.message).toContain(`(${code})`);
      expect(errorOf(() => applicantIdNumber(wrong)).code).toBe("DOSSIER_APPLICANT_ID_INVALID");
    }
    // Every province code is accepted, the first and the last.
    expect(applicantIdNumber("001000000001")).toBe("001000000001");
    expect(applicantIdNumber("096000000001")).toBe("096000000001");
  });

  it("is shown with only its last three characters", () => {
    expect(maskApplicantIdNumber("001203004567")).toBe("*********567");
    expect(maskApplicantIdNumber("123456789")).toBe("******789");
    expect(maskApplicantIdNumber("B1234567")).toBe("*****567");
    expect(maskApplicantIdNumber("12")).toBe("**");
    expect(shownApplicantIdNumber("001203004567")).toBe("*********567");
    expect(shownApplicantIdNumber(null)).toBeNull();
  });
});
