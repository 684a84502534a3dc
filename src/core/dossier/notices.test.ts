import { describe, expect, it } from "vitest";
import {
  DOSSIER_STATES,
  dossierNoticeContent,
  hasNotice,
  instantOfVietnamLocal,
  noticeDatePhrase,
  noticeDay,
  placeName,
  receptionRefusalContent,
  receivingBodyName,
  refusalNoticeContent,
  ruleSetById,
  stopNoticeContent,
  type DossierNoticeContent,
  type DossierNoticeRecord,
} from "./index.ts";

const rules2018 = ruleSetById("2018");
const rules2025 = ruleSetById("2025");

function record(overrides: Partial<DossierNoticeRecord> = {}): DossierNoticeRecord {
  return {
    code: "000.01.22.H99-260302-0007",
    state: "refused",
    unitName: "Phường Bãi Cháy",
    procedureCode: "1.004873",
    procedureName: "Thủ tục cấp bản sao Trích lục hộ tịch",
    applicantName: "Hoàng Thị Mai",
    applicantPhone: "0911 222 333",
    applicantAddress: "Tổ 3, khu 4, phường Bãi Cháy",
    receivedAt: instantOfVietnamLocal("2026-03-02 09:05"),
    finishedAt: instantOfVietnamLocal("2026-03-04 23:30"),
    reason: "Hồ sơ không thuộc thẩm quyền giải quyết của phường.",
    ...overrides,
  };
}

/** All the text a reader sees, paragraph by paragraph. */
function paragraphs(content: DossierNoticeContent): string[] {
  return content.paragraphs.map((p) => p.runs.map((r) => r.text).join(""));
}

function wholeText(content: DossierNoticeContent): string {
  return [
    content.issuer.upper,
    content.issuer.body,
    content.issuer.number,
    content.placeAndDate,
    content.title,
    content.summary ?? "",
    content.formReference,
    ...paragraphs(content),
    content.signer.title,
  ].join("\n");
}

describe("which dossiers have a refusal or stop notice", () => {
  it("gives the refusal notice to refused dossiers only, under both rule sets", () => {
    for (const rules of [rules2018, rules2025]) {
      for (const state of DOSSIER_STATES) {
        expect(hasNotice("refusal", state, rules), `${rules.id} ${state}`).toBe(
          state === "refused",
        );
      }
    }
  });

  it("gives the stop notice to stopped dossiers of the 2025 rule set only", () => {
    for (const state of DOSSIER_STATES) {
      expect(hasNotice("stop", state, rules2025), state).toBe(state === "stopped");
      expect(hasNotice("stop", state, rules2018), state).toBe(false);
    }
  });
});

describe("the notice of a dossier refused after reception", () => {
  it("is a Thông báo with its summary, not Mẫu số 03 (the dossier was received)", () => {
    for (const rules of [rules2018, rules2025]) {
      const content = refusalNoticeContent(record(), rules);
      expect(content.title).toBe("THÔNG BÁO");
      expect(content.summary).toBe("Về việc không giải quyết hồ sơ");
      expect(content.formReference).toBe("");
      expect(wholeText(content)).not.toContain("Mẫu số 03");
      expect(wholeText(content)).not.toContain("TỪ CHỐI TIẾP NHẬN");
      expect(content.ruleSetId).toBe(rules.id);
    }
  });

  it("comes from the receiving body when the dossier was still with it, signed by its head", () => {
    const content = refusalNoticeContent(record(), rules2025);
    expect(content.issuer).toEqual({
      upper: "Phường Bãi Cháy",
      body: "Trung tâm Phục vụ hành chính công",
      number: "Số: ……/TB-TTPVHCC",
    });
    expect(content.placeAndDate).toBe("Bãi Cháy, ngày 04 tháng 3 năm 2026");
    expect(content.signer).toEqual({
      authority: null,
      onBehalfOf: null,
      title: "GIÁM ĐỐC",
      note: "(Ký, ghi rõ họ tên và đóng dấu)",
    });
    expect(content.fileName).toBe("khong-giai-quyet-000.01.22.H99-260302-0007.docx");
  });

  it("comes from the agency the dossier was handed to, named in the header, text and signature", () => {
    const content = refusalNoticeContent(
      record({ responsibleAgency: { name: "Phòng Kinh tế", kind: "department" } }),
      rules2025,
    );
    expect(content.issuer.body).toBe("Phòng Kinh tế");
    expect(content.issuer.number).toBe("Số: ……/TB-PKT");
    expect(content.signer.title).toBe("TRƯỞNG PHÒNG");
    const text = paragraphs(content);
    // The desk received it; the agency decided.
    expect(text[3]).toMatch(/^Trung tâm Phục vụ hành chính công — Phường Bãi Cháy đã tiếp nhận/);
    expect(text[4]).toMatch(/^Sau khi xem xét, thẩm định hồ sơ, Phòng Kinh tế — Phường Bãi Cháy/);
  });

  it("comes from the committee when the agency is a post with no head of its own", () => {
    const content = refusalNoticeContent(
      record({ responsibleAgency: { name: "Tư pháp - Hộ tịch", kind: "department" } }),
      rules2018,
    );
    expect(content.issuer).toMatchObject({ committee: true, number: "Số: ……/TB-UBND" });
    expect(content.signer).toMatchObject({
      authority: "TM.",
      onBehalfOf: "ỦY BAN NHÂN DÂN",
      title: "CHỦ TỊCH",
    });
    expect(paragraphs(content)[4]).toContain("Ủy ban nhân dân phường Bãi Cháy thông báo");
  });

  it("names the applicant, the dossier, the procedure, the day received and the reason", () => {
    const content = refusalNoticeContent(record(), rules2018);
    const text = paragraphs(content);
    expect(text[0]).toBe("Kính gửi: Ông/Bà Hoàng Thị Mai");
    expect(text[1]).toBe("Địa chỉ: Tổ 3, khu 4, phường Bãi Cháy");
    expect(text[2]).toBe("Số điện thoại: 0911 222 333");
    expect(text[3]).toMatch(
      /^Bộ phận tiếp nhận và trả kết quả — Phường Bãi Cháy đã tiếp nhận hồ sơ mã /,
    );
    expect(text[3]).toContain("hồ sơ mã 000.01.22.H99-260302-0007 của Ông/Bà");
    expect(text[3]).toContain("“Thủ tục cấp bản sao Trích lục hộ tịch” (mã TTHC 1.004873)");
    expect(text[3]).toMatch(/vào lúc 09 giờ 05 phút, ngày 02\/03\/2026\.$/);
    // The reason ends the sentence once, without a doubled full stop.
    expect(text[4]).toMatch(/Lý do: Hồ sơ không thuộc thẩm quyền giải quyết của phường\.$/);
    const reason = content.paragraphs[4]!.runs.find((r) => r.text.startsWith("Hồ sơ không"));
    expect(reason?.italics).toBe(true);
    const code = content.paragraphs[3]!.runs.find((r) => r.text === record().code);
    expect(code?.bold).toBe(true);
    // The 2018 desk signs as the head of a "bộ phận".
    expect(content.issuer.number).toBe("Số: ……/TB-BPTN&TKQ");
    expect(content.signer.title).toBe("TRƯỞNG BỘ PHẬN");
  });

  it("addresses an organisation by its name and calls it Quý tổ chức", () => {
    const content = refusalNoticeContent(
      record({ applicantName: "Công ty TNHH Thương mại An Phát" }),
      rules2025,
    );
    const text = paragraphs(content);
    expect(text[0]).toBe("Kính gửi: Công ty TNHH Thương mại An Phát");
    expect(text[3]).toContain("của Quý tổ chức đề nghị");
    expect(text.at(-1)).toContain("để Quý tổ chức được biết");
    expect(wholeText(content)).not.toContain("Ông/Bà");
  });

  it("addresses by the kind the desk chose, over what the name or ID number suggest", () => {
    // A cooperative whose representative gave an ID number: inferred a person, chosen organisation.
    const chosen = refusalNoticeContent(
      record({
        applicantName: "Đoàn Kết Xanh",
        applicantIdNumber: "022190001234",
        applicantKind: "organisation",
      }),
      rules2025,
    );
    expect(paragraphs(chosen)[0]).toBe("Kính gửi: Đoàn Kết Xanh");
    expect(paragraphs(chosen)[3]).toContain("của Quý tổ chức đề nghị");
    expect(wholeText(chosen)).not.toContain("Ông/Bà");
    const person = refusalNoticeContent(
      record({ applicantName: "Hội Thị Lan", applicantKind: "person" }),
      rules2025,
    );
    expect(paragraphs(person)[0]).toBe("Kính gửi: Ông/Bà Hội Thị Lan");
    expect(wholeText(person)).not.toContain("Quý tổ chức");
  });

  it("leaves dotted blanks for what an imported record lacks", () => {
    const content = refusalNoticeContent(
      record({ applicantAddress: null, finishedAt: null, reason: null }),
      rules2025,
    );
    expect(content.placeAndDate).toBe("Bãi Cháy, ngày … tháng … năm …");
    const text = paragraphs(content);
    expect(text[1]).toBe("Địa chỉ: …………………………………");
    expect(text[4]).toMatch(/Lý do: …………………………………\.$/);
  });
});

describe("the refusal at the counter (Mẫu số 03), before a dossier is received", () => {
  const refusal = {
    unitName: "Phường Bãi Cháy",
    procedureCode: "1.004873",
    procedureName: "Thủ tục cấp bản sao Trích lục hộ tịch",
    applicantName: "Hoàng Thị Mai",
    applicantPhone: "0911 222 333",
    applicantAddress: null,
    refusedAt: instantOfVietnamLocal("2026-03-05 06:30"),
    reason: "Thủ tục không thuộc thẩm quyền của phường.",
  };

  it("is Mẫu số 03 of the circular in force, cited in full, with no dossier code", () => {
    const old = receptionRefusalContent(refusal, rules2018);
    const recent = receptionRefusalContent(refusal, rules2025);
    expect(old.title).toBe("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
    expect(old.formReference).toBe(
      "(Mẫu số 03 ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23 tháng 11 năm 2018 của Văn phòng Chính phủ)",
    );
    expect(recent.formReference).toBe(
      "(Mẫu số 03 ban hành kèm theo Thông tư số 03/2025/TT-VPCP của Văn phòng Chính phủ)",
    );
    expect(recent.code).toBe("");
    expect(wholeText(recent)).not.toMatch(/mã hồ sơ|đã tiếp nhận/i);
  });

  it("addresses an organisation chosen at the counter by its name", () => {
    const content = receptionRefusalContent(
      { ...refusal, applicantName: "Nguyễn Gia Phát", applicantKind: "organisation" },
      rules2025,
    );
    expect(paragraphs(content)[0]).toBe("Kính gửi: Nguyễn Gia Phát");
    expect(wholeText(content)).not.toContain("Ông/Bà");
  });

  it("comes from the receiving body, dated by the Vietnam day, with the reason", () => {
    const content = receptionRefusalContent(refusal, rules2025);
    expect(content.issuer.number).toBe("Số: ……/TTPVHCC");
    expect(content.placeAndDate).toBe("Bãi Cháy, ngày 05 tháng 3 năm 2026");
    expect(content.signer.title).toBe("GIÁM ĐỐC");
    const text = paragraphs(content);
    expect(text[0]).toBe("Kính gửi: Ông/Bà Hoàng Thị Mai");
    expect(text[3]).toContain(
      "Ngày 05/03/2026, Trung tâm Phục vụ hành chính công — Phường Bãi Cháy",
    );
    expect(text[4]).toMatch(
      /từ chối tiếp nhận, giải quyết hồ sơ với lý do cụ thể như sau: Thủ tục không thuộc thẩm quyền của phường\.$/,
    );
    expect(content.fileName).toBe("tu-choi-tiep-nhan-2026-03-05.docx");
  });
});

describe("stop notice content", () => {
  it("is Mẫu số 05 of TT 03/2025 with the reason recorded at the stop", () => {
    const content = stopNoticeContent(
      record({ state: "stopped", reason: "Người nộp đề nghị dừng" }),
      rules2025,
    );
    expect(content.title).toBe("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ");
    expect(content.formName).toBe("Thông báo dừng giải quyết hồ sơ");
    expect(content.formReference).toBe(
      "(Mẫu số 05 ban hành kèm theo Thông tư số 03/2025/TT-VPCP của Văn phòng Chính phủ)",
    );
    expect(content.issuer.number).toBe("Số: ……/TB-TTPVHCC");
    expect(content.placeAndDate).toBe("Bãi Cháy, ngày 04 tháng 3 năm 2026");
    const text = paragraphs(content);
    expect(text[0]).toBe("Kính gửi: Ông/Bà Hoàng Thị Mai");
    expect(text[3]).toContain("000.01.22.H99-260302-0007");
    expect(text[4]).toBe(
      "Trung tâm Phục vụ hành chính công — Phường Bãi Cháy thông báo dừng giải quyết hồ sơ nêu trên kể từ ngày 04 tháng 3 năm 2026. Lý do: Người nộp đề nghị dừng.",
    );
    expect(content.fileName).toBe("dung-giai-quyet-000.01.22.H99-260302-0007.docx");
    expect(wholeText(content)).not.toContain("undefined");
  });

  it("does not exist under the 2018 rule set", () => {
    expect(() => stopNoticeContent(record({ state: "stopped" }), rules2018)).toThrow(RangeError);
  });

  it("is chosen by kind", () => {
    expect(dossierNoticeContent("refusal", record(), rules2025).kind).toBe("refusal");
    expect(dossierNoticeContent("stop", record({ state: "stopped" }), rules2025).kind).toBe("stop");
  });
});

describe("notice dates and places", () => {
  it("writes dd/mm/yyyy and the ND 30/2020 'ngày … tháng … năm …' phrase", () => {
    expect(noticeDay("2026-03-04")).toBe("04/03/2026");
    expect(noticeDay("2025-12-31")).toBe("31/12/2025");
    expect(noticeDatePhrase("2026-02-02")).toBe("ngày 02 tháng 02 năm 2026");
    expect(noticeDatePhrase("2026-01-15")).toBe("ngày 15 tháng 01 năm 2026");
    expect(noticeDatePhrase("2025-11-09")).toBe("ngày 09 tháng 11 năm 2025");
    expect(noticeDatePhrase("2026-03-04")).toBe("ngày 04 tháng 3 năm 2026");
    expect(noticeDatePhrase(null)).toBe("ngày … tháng … năm …");
  });

  it("takes the unit's official name without its kind", () => {
    expect(placeName("Phường Bãi Cháy")).toBe("Bãi Cháy");
    expect(placeName("Xã Hòa Phong")).toBe("Hòa Phong");
    expect(placeName("Đặc khu Vân Đồn")).toBe("Vân Đồn");
    expect(placeName("Thị trấn Cái Rồng")).toBe("Cái Rồng");
    expect(placeName("Tỉnh Quảng Ninh")).toBe("Tỉnh Quảng Ninh");
  });

  it("dates the notice by the Vietnam day of the refusal, not the UTC day", () => {
    // 06:30 on 05/03 in Vietnam is 23:30 UTC on 04/03.
    const early = refusalNoticeContent(
      record({ finishedAt: instantOfVietnamLocal("2026-03-05 06:30") }),
      rules2025,
    );
    expect(early.placeAndDate).toBe("Bãi Cháy, ngày 05 tháng 3 năm 2026");
    const dawn = stopNoticeContent(
      record({ state: "stopped", receivedAt: instantOfVietnamLocal("2026-03-02 06:30") }),
      rules2025,
    );
    expect(paragraphs(dawn)[3]).toContain("vào lúc 06 giờ 30 phút, ngày 02/03/2026.");
  });
});

describe("the receiving body the notices name", () => {
  it("is the rule set's unless the unit's desk settings give one", () => {
    expect(receivingBodyName(rules2018)).toBe("Bộ phận tiếp nhận và trả kết quả");
    expect(receivingBodyName(rules2025)).toBe("Trung tâm Phục vụ hành chính công");
    expect(receivingBodyName(rules2025, "  ")).toBe("Trung tâm Phục vụ hành chính công");
    const content = refusalNoticeContent(record({ receivingBody: "Bộ phận Một cửa" }), rules2025);
    expect(content.issuer.body).toBe("Bộ phận Một cửa");
    expect(content.paragraphs.map((p) => p.runs.map((r) => r.text).join("")).join(" ")).toContain(
      "Bộ phận Một cửa — Phường Bãi Cháy đã tiếp nhận",
    );
  });
});
