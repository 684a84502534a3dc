import { describe, expect, it } from "vitest";
import { instantOfVietnamLocal } from "./local-time.ts";
import { dossierSurveyUrl, publicBaseUrl, receiptNumber, returnTime } from "./receipt.ts";

describe("receipt number", () => {
  it("is the dossier's daily sequence in the TNHS series", () => {
    expect(receiptNumber("000.01.22.H99-260305-0007")).toBe("0007/TNHS");
    expect(receiptNumber("000.00.12.H56-250715-0123")).toBe("0123/TNHS");
  });
  it("is unknown for a code of another shape (an imported dossier)", () => {
    expect(receiptNumber("HS-2026-7")).toBeNull();
  });
});

describe("return time", () => {
  it("keeps the time of day of the receipt", () => {
    expect(returnTime(instantOfVietnamLocal("2026-03-05 09:40"), 3)).toBe("09:40");
    expect(returnTime(instantOfVietnamLocal("2026-03-05 14:05"), 10)).toBe("14:05");
  });
  it("stays within office hours", () => {
    expect(returnTime(instantOfVietnamLocal("2026-03-05 07:15"), 3)).toBe("08:00");
    expect(returnTime(instantOfVietnamLocal("2026-03-05 16:55"), 3)).toBe("16:30");
  });
  it("returns a same-day procedure by the end of the day", () => {
    expect(returnTime(instantOfVietnamLocal("2026-03-05 09:00"), 0)).toBe("16:30");
  });
});

describe("public address and survey link", () => {
  it("keeps a public address without its trailing slash", () => {
    expect(publicBaseUrl(" https://cchc.quangninh.gov.vn/ ")).toBe("https://cchc.quangninh.gov.vn");
    expect(publicBaseUrl("https://tinh.gov.vn/cchc")).toBe("https://tinh.gov.vn/cchc");
  });
  it("refuses no address, a local one and other schemes", () => {
    for (const raw of [
      undefined,
      null,
      "",
      "  ",
      "http://localhost:3000",
      "http://127.0.0.1:3000",
      "http://[::1]:3000",
      "http://0.0.0.0",
      "ftp://cchc.gov.vn",
      "cchc.gov.vn",
    ]) {
      expect(publicBaseUrl(raw)).toBeNull();
    }
  });
  it("leads to the unit's survey page with the dossier code, or nowhere without an address", () => {
    expect(dossierSurveyUrl("https://cchc.gov.vn", "06658", "000.01.22.H99-260305-0007")).toBe(
      "https://cchc.gov.vn/danh-gia/06658?hoSo=000.01.22.H99-260305-0007",
    );
    expect(dossierSurveyUrl(null, "06658", "000.01.22.H99-260305-0007")).toBeNull();
  });
});
