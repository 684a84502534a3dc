import { describe, expect, it } from "vitest";
import { applicantKindOf, readApplicantKind } from "./applicant-kind.ts";
import { DossierError } from "./dossier-error.ts";
import {
  addresseeOf,
  bodyAbbreviation,
  documentNumber,
  headTitleOf,
  noticeIssuer,
} from "./notice-issuer.ts";

describe("the applicant's kind as the dossier tells it", () => {
  it("takes names that start with a legal form or a kind of body for organisations", () => {
    for (const name of [
      "Công ty TNHH Thương mại An Phát",
      "CÔNG TY CỔ PHẦN XÂY DỰNG HẠ LONG",
      "Hợp tác xã Nông nghiệp Hòa Bình",
      "Hộ kinh doanh Tạp hóa Minh Anh",
      "Chi nhánh Ngân hàng Nông nghiệp",
      "Trường Tiểu học Bãi Cháy",
      "Doanh nghiệp tư nhân Hải Yến",
    ]) {
      expect(applicantKindOf({ name }), name).toBe("organisation");
    }
  });

  it("takes personal names (a family name first) and anyone with an ID number for persons", () => {
    for (const name of ["Hoàng Thị Mai", "Nguyễn Văn Công", "Văn Thị Hòa", "Đỗ Trường Sơn"]) {
      expect(applicantKindOf({ name }), name).toBe("person");
    }
    expect(applicantKindOf({ name: "Công ty Hoàng Mai", idNumber: "022190001234" })).toBe("person");
  });

  it("addresses a person as Ông/Bà and an organisation by its name", () => {
    expect(addresseeOf({ name: " Hoàng Thị Mai " })).toEqual({
      kind: "person",
      salutation: "Ông/Bà Hoàng Thị Mai",
      pronoun: "Ông/Bà",
    });
    expect(addresseeOf({ name: "Công ty TNHH An Phát" })).toEqual({
      kind: "organisation",
      salutation: "Công ty TNHH An Phát",
      pronoun: "Quý tổ chức",
    });
  });
});

describe("the applicant's kind the desk said", () => {
  it("wins over the inference, both ways", () => {
    expect(addresseeOf({ name: "Nguyễn Văn An", kind: "organisation" })).toEqual({
      kind: "organisation",
      salutation: "Nguyễn Văn An",
      pronoun: "Quý tổ chức",
    });
    // An organisation whose representative gave an ID number, and a name the inference misreads.
    expect(
      addresseeOf({ name: "Hợp tác xã Đoàn Kết", idNumber: "022190001234", kind: "organisation" }),
    ).toMatchObject({ kind: "organisation", salutation: "Hợp tác xã Đoàn Kết" });
    expect(addresseeOf({ name: "Hội Thị Lan", kind: "person" })).toMatchObject({
      kind: "person",
      salutation: "Ông/Bà Hội Thị Lan",
    });
    expect(applicantKindOf({ name: "Hội Thị Lan" })).toBe("organisation");
  });

  it("falls back to the inference when none was said", () => {
    expect(addresseeOf({ name: "Công ty TNHH An Phát", kind: null }).kind).toBe("organisation");
    expect(addresseeOf({ name: "Hoàng Thị Mai", kind: undefined }).kind).toBe("person");
  });

  it("reads a client's value: blank or absent is none, anything else but the two is refused", () => {
    expect(readApplicantKind(undefined)).toBeNull();
    expect(readApplicantKind(null)).toBeNull();
    expect(readApplicantKind("  ")).toBeNull();
    expect(readApplicantKind("person")).toBe("person");
    expect(readApplicantKind("organisation")).toBe("organisation");
    for (const bad of ["company", "Tổ chức", "PERSON", 1, true]) {
      let caught: unknown;
      try {
        readApplicantKind(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught, String(bad)).toBeInstanceOf(DossierError);
      expect((caught as DossierError).code).toBe("DOSSIER_APPLICANT_KIND_INVALID");
      expect((caught as DossierError).message).toContain("Cá nhân");
    }
  });
});

describe("who signs for a body", () => {
  it("gives each kind of body its head's title", () => {
    const cases: [string, string, string | null][] = [
      ["Phòng Kinh tế", "department", "TRƯỞNG PHÒNG"],
      ["Phòng Văn hóa - Xã hội", "department", "TRƯỞNG PHÒNG"],
      ["Văn phòng HĐND và UBND", "office", "CHÁNH VĂN PHÒNG"],
      ["Trung tâm Phục vụ hành chính công", "one_stop", "GIÁM ĐỐC"],
      ["Bộ phận tiếp nhận và trả kết quả", "one_stop", "TRƯỞNG BỘ PHẬN"],
      ["Bộ phận Một cửa", "one_stop", "TRƯỞNG BỘ PHẬN"],
      ["Sở Nội vụ", "department", "GIÁM ĐỐC"],
      ["Ban Chỉ huy quân sự phường", "other", "CHỈ HUY TRƯỞNG"],
      ["Công an phường Bãi Cháy", "other", "TRƯỞNG CÔNG AN"],
      ["Một cửa liên thông", "one_stop", "TRƯỞNG BỘ PHẬN"],
      ["Tư pháp - Hộ tịch", "department", null],
      ["Địa chính - Xây dựng", "department", null],
    ];
    for (const [name, kind, title] of cases) expect(headTitleOf({ name, kind }), name).toBe(title);
  });

  it("abbreviates a body by its initials, acronyms kept and 'và' as &", () => {
    expect(bodyAbbreviation("Trung tâm Phục vụ hành chính công")).toBe("TTPVHCC");
    expect(bodyAbbreviation("Bộ phận tiếp nhận và trả kết quả")).toBe("BPTN&TKQ");
    expect(bodyAbbreviation("Bộ phận Một cửa")).toBe("BPMC");
    expect(bodyAbbreviation("Phòng Kinh tế")).toBe("PKT");
    expect(bodyAbbreviation("Phòng Văn hóa - Xã hội")).toBe("PVHXH");
    expect(bodyAbbreviation("Văn phòng HĐND và UBND")).toBe("VP");
    expect(bodyAbbreviation("Đội Quản lý trật tự đô thị")).toBe("ĐQLTTĐT");
  });

  it("numbers as ND 30 does: two digits at least, the kind's abbreviation, the body's", () => {
    expect(documentNumber({ abbreviation: "PKT" }, 3)).toBe("Số: 03/PKT");
    expect(documentNumber({ abbreviation: "PKT" }, 12, "TB")).toBe("Số: 12/TB-PKT");
    expect(documentNumber({ abbreviation: "UBND" }, null, "TB")).toBe("Số: ……/TB-UBND");
  });
});

describe("the sender of a letter or notice", () => {
  const unitName = "Phường Bãi Cháy";
  const receivingBody = "Trung tâm Phục vụ hành chính công";

  it("is the receiving body when no agency had the dossier", () => {
    expect(noticeIssuer({ unitName, receivingBody, agency: null })).toEqual({
      kind: "receiving_body",
      name: receivingBody,
      inText: "Trung tâm Phục vụ hành chính công — Phường Bãi Cháy",
      abbreviation: "TTPVHCC",
      signer: {
        authority: null,
        onBehalfOf: null,
        title: "GIÁM ĐỐC",
        note: "(Ký, ghi rõ họ tên và đóng dấu)",
      },
    });
  });

  it("is the agency that had it, signed by its head", () => {
    const sender = noticeIssuer({
      unitName,
      receivingBody,
      agency: { name: "Phòng Kinh tế", kind: "department" },
    });
    expect(sender).toMatchObject({
      kind: "agency",
      name: "Phòng Kinh tế",
      abbreviation: "PKT",
      signer: { authority: null, title: "TRƯỞNG PHÒNG" },
    });
  });

  it("is the committee, TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH, for a post without a head", () => {
    const sender = noticeIssuer({
      unitName: "Xã Hòa Phong",
      receivingBody: "Bộ phận tiếp nhận và trả kết quả",
      agency: { name: "Tư pháp - Hộ tịch", kind: "department" },
    });
    expect(sender).toMatchObject({
      kind: "committee",
      name: "Ủy ban nhân dân xã Hòa Phong",
      inText: "Ủy ban nhân dân xã Hòa Phong",
      abbreviation: "UBND",
      signer: { authority: "TM.", onBehalfOf: "ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH" },
    });
  });
});
