import { beforeAll, describe, expect, it } from "vitest";
import { generatePlanDocument } from "../../../src/server/documents/plan-document/plan-document.ts";
import type { PlanDocumentInput } from "../../../src/server/documents/plan-document/plan-document-input.ts";
import {
  attribute,
  cells,
  openDocx,
  rows,
  runWithText,
  sectionProperties,
  tables,
  texts,
} from "../../support/docx-xml.ts";
import { makePlanDocumentInput } from "./plan-document-factory.ts";

const TWIPS_PER_MM = 1440 / 25.4;
const toMm = (twips: string | undefined): number => Number(twips) / TWIPS_PER_MM;

describe("plan Word document (60 tasks)", () => {
  let input: PlanDocumentInput;
  let document: string;
  let styles: string;
  let allTexts: string[];

  beforeAll(async () => {
    input = makePlanDocumentInput({ taskCount: 60 });
    ({ document, styles } = await openDocx(await generatePlanDocument(input)));
    allTexts = texts(document);
  });

  it("opens with the ND 30 header block as a borderless two-column table", () => {
    const header = tables(document)[0] ?? "";
    expect(header.match(/<w:gridCol /g)).toHaveLength(2);
    expect(header).toMatch(/<w:tblBorders>.*<w:top w:val="none"/s);
    const [issuerAndState, numberAndDate] = rows(header).map(cells);
    expect(issuerAndState).toEqual([
      "ỦY BAN NHÂN DÂN\nXÃ HÒA PHONG\n",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
    ]);
    expect(numberAndDate).toEqual(["Số: 28/QĐ-UBND", "Hòa Phong, ngày 02 tháng 02 năm 2026"]);
  });

  it("prints the issuer, Quốc hiệu and Tiêu ngữ bold, the place and date in italics", () => {
    for (const text of [
      "XÃ HÒA PHONG",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
    ]) {
      expect(runWithText(document, text)).toContain("<w:b/>");
    }
    expect(runWithText(document, "Hòa Phong, ngày 02 tháng 02 năm 2026")).toContain("<w:i/>");
    expect(runWithText(document, "Số: 28/QĐ-UBND")).toContain('<w:sz w:val="26"/>');
  });

  it("writes the decision: title, authority, bases in italics, three articles, recipients, signer", () => {
    const order = [
      "QUYẾT ĐỊNH",
      "Ban hành Kế hoạch cải cách hành chính xã Hòa Phong năm 2026",
      "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA PHONG",
      "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;",
      "Theo đề nghị của Chánh Văn phòng HĐND và UBND xã.",
      "QUYẾT ĐỊNH:",
      "Điều 1. ",
      "Điều 2. ",
      "Điều 3. ",
      "Nơi nhận:",
      "- Lưu: VT.",
      "KT. CHỦ TỊCH",
      "PHÓ CHỦ TỊCH",
      "Trần Thị Minh Hằng",
      "KẾ HOẠCH",
    ];
    const positions = order.map((text) => allTexts.indexOf(text));
    expect(positions).not.toContain(-1);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(
      runWithText(document, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;"),
    ).toContain("<w:i/>");
    expect(allTexts).toContain("- UBND tỉnh;");
    const recipientsHeading = runWithText(document, "Nơi nhận:") ?? "";
    expect(recipientsHeading).toContain("<w:b/>");
    expect(recipientsHeading).toContain("<w:i/>");
    expect(recipientsHeading).toContain('<w:sz w:val="24"/>');
    expect(runWithText(document, "- UBND tỉnh;")).toContain('<w:sz w:val="22"/>');
  });

  it("prints the plan issued with the decision as ND 30 Mẫu 1.3: no number, date or recipients", () => {
    const plan = allTexts.indexOf("KẾ HOẠCH");
    const appendix = allTexts.indexOf("Phụ lục I", plan);
    const planTexts = allTexts.slice(plan, appendix);
    expect(allTexts.filter((text) => text.startsWith("Số:"))).toEqual(["Số: 28/QĐ-UBND"]);
    expect(allTexts.filter((text) => text.startsWith("Hòa Phong, ngày"))).toHaveLength(1);
    expect(planTexts.slice(0, 3)).toEqual([
      "KẾ HOẠCH",
      "Cải cách hành chính xã Hòa Phong năm 2026",
      "(Kèm theo Quyết định số 28/QĐ-UBND ngày 02 tháng 02 năm 2026 của Chủ tịch Ủy ban nhân dân xã Hòa Phong)",
    ]);
    expect(planTexts).not.toContain("Nơi nhận:");
    expect(planTexts).toContain("PHÓ CHỦ TỊCH");
    // The plan's own header block has the issuer and the Quốc hiệu and no second row.
    const planHeader = tables(document).find(
      (table, index) => index > 0 && table.includes("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    );
    expect(rows(planHeader ?? "")).toHaveLength(1);
  });

  it("numbers the plan's parts I, II…", () => {
    const parts = allTexts.filter((text) => /^[IVX]+\. [A-ZĐỦẾỆỰỔ]/u.test(text));
    expect(parts).toEqual([
      "I. MỤC ĐÍCH, YÊU CẦU",
      "II. CHỈ TIÊU",
      "III. NHIỆM VỤ, GIẢI PHÁP",
      "IV. TỔ CHỨC THỰC HIỆN",
      "V. KINH PHÍ THỰC HIỆN",
    ]);
    expect(allTexts).toContain("(Nhiệm vụ cụ thể tại Phụ lục I kèm theo Kế hoạch này.)");
  });

  it("has the appendix task table with six columns, a repeating header and one row per item", () => {
    const appendixTable = tables(document).find((table) => table.includes("<w:tblHeader/>")) ?? "";
    expect(appendixTable).not.toBe("");
    expect(appendixTable.match(/<w:gridCol /g)).toHaveLength(6);
    const tableRows = rows(appendixTable);
    const [headerRow, ...bodyRows] = tableRows;
    expect(cells(headerRow ?? "")).toEqual([
      "TT",
      "Nội dung",
      "Cơ quan chủ trì",
      "Cơ quan phối hợp",
      "Thời gian thực hiện",
      "Sản phẩm",
    ]);
    expect(headerRow).toContain("<w:tblHeader/>");
    const sections = input.appendices[0]?.sections ?? [];
    const tasks = sections.flatMap((section) => section.tasks);
    const subtasks = tasks.flatMap((task) => task.subtasks ?? []);
    expect(tasks).toHaveLength(60);
    expect(bodyRows).toHaveLength(sections.length + tasks.length + subtasks.length);
    const labels = bodyRows.map((row) => cells(row)[0]);
    expect(labels.filter((label) => /^\d+$/.test(label ?? ""))).toEqual(
      Array.from({ length: 60 }, (_, index) => String(index + 1)),
    );
    expect(labels.filter((label) => /^[IVX]+$/.test(label ?? ""))).toEqual([
      "I",
      "II",
      "III",
      "IV",
      "V",
      "VI",
      "VII",
    ]);
    const firstSubRow = bodyRows.find((row) => cells(row)[1]?.startsWith("a) "));
    expect(cells(firstSubRow ?? "")[0]).toBe("");
  });

  it("titles the appendix 'Phụ lục I' and cites the decision the plan is issued with", () => {
    expect(runWithText(document, "Phụ lục I")).toContain("<w:b/>");
    const title = allTexts.indexOf("DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH XÃ HÒA PHONG NĂM 2026");
    expect(title).toBeGreaterThan(-1);
    expect(allTexts[title + 1]).toBe(
      "(Kèm theo Quyết định số 28/QĐ-UBND ngày 02 tháng 02 năm 2026 của Chủ tịch Ủy ban nhân dân xã Hòa Phong)",
    );
  });

  it("lays out A4 pages with ND 30 margins: decision and plan portrait, appendix landscape", () => {
    const sections = sectionProperties(document);
    expect(sections).toHaveLength(3);
    const sizes = sections.map((section) => {
      const size = /<w:pgSz [^>]*\/>/.exec(section)?.[0] ?? "";
      return [
        attribute(size, "w:w"),
        attribute(size, "w:h"),
        attribute(size, "w:orient") ?? "portrait",
      ];
    });
    expect(sizes).toEqual([
      ["11906", "16838", "portrait"],
      ["11906", "16838", "portrait"],
      ["16838", "11906", "landscape"],
    ]);
    for (const section of sections) {
      const margin = /<w:pgMar [^>]*\/>/.exec(section)?.[0] ?? "";
      expect(toMm(attribute(margin, "w:top"))).toBeGreaterThanOrEqual(19.9);
      expect(toMm(attribute(margin, "w:top"))).toBeLessThanOrEqual(25.1);
      expect(toMm(attribute(margin, "w:bottom"))).toBeGreaterThanOrEqual(19.9);
      expect(toMm(attribute(margin, "w:bottom"))).toBeLessThanOrEqual(25.1);
      expect(toMm(attribute(margin, "w:left"))).toBeGreaterThanOrEqual(29.9);
      expect(toMm(attribute(margin, "w:left"))).toBeLessThanOrEqual(35.1);
      expect(toMm(attribute(margin, "w:right"))).toBeGreaterThanOrEqual(14.9);
      expect(toMm(attribute(margin, "w:right"))).toBeLessThanOrEqual(20.1);
      expect(section).toContain("<w:titlePg/>");
      expect(section).toMatch(/<w:pgNumType w:start="1"\/>/);
    }
  });

  it("sets Times New Roman at 14 pt as the document default", () => {
    const defaults = /<w:docDefaults>.*<\/w:docDefaults>/s.exec(styles)?.[0] ?? "";
    expect(defaults).toMatch(/<w:rFonts w:ascii="Times New Roman"[^>]*w:hAnsi="Times New Roman"/);
    const size = Number(/<w:sz w:val="(\d+)"\/>/.exec(defaults)?.[1]);
    expect(size / 2).toBeGreaterThanOrEqual(13);
    expect(size / 2).toBeLessThanOrEqual(14);
  });
});

describe("plan Word document variants", () => {
  it("leaves out the decision, fills a plan number below 10 with a zero and prints a draft date", async () => {
    const input = makePlanDocumentInput({ taskCount: 5, decision: null, issuedOn: null });
    input.plan.number = { number: "5", symbol: "KH-UBND" };
    input.plan.bases = ["Căn cứ Kế hoạch số 412/KH-UBND ngày 26/12/2025 của UBND tỉnh"];
    input.issuer.upperName = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM";
    const { document } = await openDocx(await generatePlanDocument(input));
    const allTexts = texts(document);
    expect(allTexts).not.toContain("QUYẾT ĐỊNH");
    expect(allTexts).toContain("Số: 05/KH-UBND");
    expect(allTexts).toContain("Hòa Phong, ngày      tháng      năm 2026");
    // The parent body, upright, broken at a space where it is wider than the header's column.
    for (const line of ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NAM"]) {
      expect(runWithText(document, line)).toBeDefined();
    }
    expect(runWithText(document, "TỈNH QUẢNG NAM")).not.toContain("<w:b/>");
    expect(sectionProperties(document)).toHaveLength(2);
    // A plan issued on its own: its bases, its recipients, and the appendix cites the plan,
    // naming the same issuer as the signature (KT. CHỦ TỊCH: the chair).
    expect(allTexts).toContain("Căn cứ Kế hoạch số 412/KH-UBND ngày 26/12/2025 của UBND tỉnh");
    expect(allTexts).toContain("Nơi nhận:");
    expect(allTexts).toContain(
      "(Kèm theo Kế hoạch số 05/KH-UBND ngày      tháng      năm 2026 của Chủ tịch Ủy ban nhân dân xã Hòa Phong)",
    );
  });

  it("keeps an older decision summary when given one", async () => {
    const input = makePlanDocumentInput({ taskCount: 1 });
    if (input.decision) input.decision.summary = "Về việc ban hành Kế hoạch cải cách hành chính";
    const allTexts = texts((await openDocx(await generatePlanDocument(input))).document);
    expect(allTexts).toContain("Về việc ban hành Kế hoạch cải cách hành chính");
    expect(allTexts).not.toContain("Ban hành Kế hoạch cải cách hành chính xã Hòa Phong năm 2026");
  });

  it("prints a deputy signing for the committee as TM. / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH, and the committee as issuer", async () => {
    const input = makePlanDocumentInput({ taskCount: 1, decision: null });
    input.plan.signer = {
      authority: "TM.",
      onBehalfOf: "ỦY BAN NHÂN DÂN",
      deputyFor: "CHỦ TỊCH",
      title: "PHÓ CHỦ TỊCH",
      name: "Trần Thị Minh Hằng",
    };
    const allTexts = texts((await openDocx(await generatePlanDocument(input))).document);
    const authority = allTexts.indexOf("TM. ỦY BAN NHÂN DÂN");
    expect(allTexts.slice(authority, authority + 3)).toEqual([
      "TM. ỦY BAN NHÂN DÂN",
      "KT. CHỦ TỊCH",
      "PHÓ CHỦ TỊCH",
    ]);
    expect(allTexts).toContain(
      "(Kèm theo Kế hoạch số       /KH-UBND ngày 02 tháng 02 năm 2026 của Ủy ban nhân dân xã Hòa Phong)",
    );
  });

  it("writes signer authority lines for TM. and Q.", async () => {
    const onBehalf = makePlanDocumentInput({ taskCount: 1 });
    onBehalf.plan.signer = {
      authority: "TM.",
      onBehalfOf: "ỦY BAN NHÂN DÂN",
      title: "CHỦ TỊCH",
      name: "Nguyễn Văn An",
    };
    const acting = makePlanDocumentInput({ taskCount: 1 });
    acting.plan.signer = {
      authority: "Q.",
      onBehalfOf: null,
      title: "CHỦ TỊCH",
      name: "Lê Văn Bình",
    };
    const onBehalfTexts = texts((await openDocx(await generatePlanDocument(onBehalf))).document);
    const actingTexts = texts((await openDocx(await generatePlanDocument(acting))).document);
    const authority = onBehalfTexts.indexOf("TM. ỦY BAN NHÂN DÂN");
    expect(authority).toBeGreaterThan(-1);
    expect(onBehalfTexts[authority + 1]).toBe("CHỦ TỊCH");
    expect(onBehalfTexts.indexOf("Nguyễn Văn An")).toBeGreaterThan(authority);
    const actingAuthority = actingTexts.indexOf("Q. CHỦ TỊCH");
    expect(actingAuthority).toBeGreaterThan(-1);
    expect(actingTexts[actingAuthority + 1]).toBe("");
  });
});
