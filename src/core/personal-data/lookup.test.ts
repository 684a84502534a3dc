import { describe, expect, it } from "vitest";
import {
  maskedLookupQuery,
  numbersMentioned,
  personLookupQuery,
  sameIdNumber,
  sameName,
  samePhone,
} from "./index.ts";

function query(input: Parameters<typeof personLookupQuery>[0]) {
  const parsed = personLookupQuery(input);
  if ("problem" in parsed) throw new Error(parsed.problem);
  return parsed.query;
}

describe("one person's lookup query", () => {
  it("normalises a phone written in any usual way to national digits", () => {
    for (const phone of ["0912 345 678", "+84912345678", "+84 (0) 912.345.678", "84912345678"])
      expect(query({ phone }).phone).toBe("0912345678");
  });
  it("keeps an ID number's digits and folds a name", () => {
    expect(query({ idNumber: "001 203 004 567" }).idNumber).toBe("001203004567");
    expect(query({ idNumber: "001.203.004.567" }).idNumber).toBe("001203004567");
    // A passport as the desk stores it: the letter upper case, the digits.
    expect(query({ idNumber: "c 123 4567" }).idNumber).toBe("C1234567");
    expect(query({ name: "  Nguyễn   Văn An " })).toMatchObject({
      name: "Nguyễn Văn An",
      nameKey: "nguyen van an",
    });
  });
  it("says what is wrong", () => {
    expect(personLookupQuery({})).toEqual({ problem: "empty" });
    expect(personLookupQuery({ phone: " ", name: "" })).toEqual({ problem: "empty" });
    expect(personLookupQuery({ phone: "0912abc" })).toEqual({ problem: "phone" });
    expect(personLookupQuery({ phone: "12345" })).toEqual({ problem: "phone" });
    expect(personLookupQuery({ idNumber: "1234567890" })).toEqual({ problem: "id_number" });
    expect(personLookupQuery({ idNumber: "AB1234567" })).toEqual({ problem: "id_number" });
    expect(personLookupQuery({ name: "A" })).toEqual({ problem: "name" });
  });
});

describe("matching a record to the person", () => {
  it("compares a dossier's stored ID number with the normalised query", () => {
    expect(sameIdNumber("001203004567", "001203004567")).toBe(true);
    expect(sameIdNumber("001203004568", "001203004567")).toBe(false);
    expect(sameIdNumber(null, "001203004567")).toBe(false);
  });
  it("compares phones by their national digits", () => {
    expect(samePhone("+84 912 345 678", "0912345678")).toBe(true);
    expect(samePhone("0912.345.678", "0912345678")).toBe(true);
    expect(samePhone("0912345679", "0912345678")).toBe(false);
    expect(samePhone("", "0912345678")).toBe(false);
  });
  it("compares names word by word: tone placement and missing diacritics allowed, other marks not", () => {
    expect(sameName("Trần Thị Thủy", "Trần Thị Thuỷ")).toBe(true);
    expect(sameName("Nguyễn Văn An", "nguyen van an")).toBe(true);
    expect(sameName("Nguyễn Vân An", "Nguyễn Văn An")).toBe(false);
    expect(sameName("Nguyễn Văn An", "Nguyễn Văn")).toBe(false);
  });
  it("finds the phone and ID number inside a text", () => {
    const text = "Liên hệ số +84 912 345 678, CCCD 001203004567.";
    expect(numbersMentioned(text, { phone: "0912345678", idNumber: "001203004567" })).toEqual({
      phone: true,
      idNumber: true,
    });
    expect(numbersMentioned(text, { phone: "0912345679", idNumber: null })).toEqual({
      phone: false,
      idNumber: false,
    });
  });
  it("writes the query for the audit log masked", () => {
    const masked = maskedLookupQuery(
      query({ phone: "0912345678", idNumber: "001203004567", name: "Nguyễn Văn An" }),
    );
    expect(masked).toBe("số điện thoại 09******78, số CMND/CCCD *********567, họ tên Nguyễn V. A.");
  });
});
