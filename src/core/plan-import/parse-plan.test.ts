import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planImportSchema } from "./contract.ts";
import { parsePlan } from "./parse-plan.ts";
import { textToDocument } from "./text-source.ts";
import { htmlToBlocks } from "./html-blocks.ts";

const importText = (text: string) => planImportSchema.parse(parsePlan(textToDocument(text)));

const PLAN = [
  "ỦY BAN NHÂN DÂN",
  "XÃ AN BÌNH",
  "Số: 05 /KH - UBND",
  "An Bình, ngày 10 tháng 01 năm 2025",
  "KẾ HOẠCH",
  "Cải cách hành chính xã An Bình năm 2025",
  "Căn cứ Kế hoạch số 12/KH-UBND ngày 05/01/2025 của UBND huyện về cải cách hành chính năm 2025;",
  "I. CHỈ TIÊU",
  "1. Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%.",
  "II. NHIỆM VỤ, GIẢI PHÁP",
  "1. Hiện đại hóa nền hành chính",
  "a) Triển khai chữ ký số cho công chức.",
  "- Cơ quan chủ trì: Văn phòng.",
  "- Cơ quan theo dõi: Chủ tịch UBND xã.",
  "- Thời hạn: Quý II/2025.",
  "Phần đầu năm 2025 đạt 9.5/9.5 điểm.",
  "III. TỔ CHỨC THỰC HIỆN",
  "1. Văn phòng: theo dõi; báo cáo.",
  "CHỦ TỊCH",
  "Nguyễn Văn An",
].join("\r\n");

describe("parsePlan on a small plan", () => {
  const result = importText(`\ufeff${PLAN}`);

  it("reads the header", () => {
    expect(result.document).toMatchObject({
      kind: "plan",
      number: "05/KH-UBND",
      issuer: "ỦY BAN NHÂN DÂN XÃ AN BÌNH",
      place: "An Bình",
      date: "2025-01-10",
      title: "Cải cách hành chính xã An Bình năm 2025",
      signer: { name: "Nguyễn Văn An", title: "CHỦ TỊCH" },
    });
    expect(result.bases).toEqual([
      expect.objectContaining({
        type: "Kế hoạch",
        number: "12/KH-UBND",
        date: "2025-01-05",
        issuer: "UBND huyện",
      }),
    ]);
  });

  it("maps areas, inline fields and per-area scores", () => {
    expect(result.areas).toHaveLength(1);
    expect(result.areas[0]).toMatchObject({
      key: "digital_government",
      targetScore: { target: 9.5, max: 9.5 },
    });
    expect(result.tasks).toEqual([
      expect.objectContaining({
        ref: "a",
        parentRef: "1",
        area: "digital_government",
        lead: "Văn phòng",
        monitor: "Chủ tịch UBND xã",
        timeline: "Quý II/2025",
      }),
    ]);
    expect(result.targets).toEqual([
      expect.objectContaining({ comparator: "gt", value: 98, metric: "on_time_rate", scope: null }),
      expect.objectContaining({ unit: "points", value: 9.5, scope: "digital_government" }),
    ]);
    expect(result.duties).toEqual([
      expect.objectContaining({ agency: "Văn phòng", duties: ["theo dõi", "báo cáo"] }),
    ]);
  });
});

describe("tables from text", () => {
  const header = "TT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian\tSản phẩm";
  it("skips repeated headers and merges a cell continued after a page break", () => {
    const text = [
      "PHỤ LỤC",
      header,
      "I\tCẢI CÁCH THỂ CHẾ\t\t\t\t",
      "1\tRà soát văn bản\tTư pháp\t\t\t",
      "",
      header,
      "\tquy phạm pháp luật\t\t\tQuý I/2025\tBáo cáo",
      "2\tNhóm việc\t\t\t\t",
      "\ta) Việc một\tVăn phòng\t\tQuý II\t",
    ].join("\n");
    const tasks = importText(text).tasks;
    expect(tasks.map((task) => [task.ref, task.parentRef, task.rowType])).toEqual([
      ["I", null, "section"],
      ["1", "I", "task"],
      ["2", "I", "group"],
      ["a", "2", "subtask"],
    ]);
    expect(tasks[1]).toMatchObject({
      text: "Rà soát văn bản quy phạm pháp luật",
      lead: "Tư pháp",
      timeline: "Quý I/2025",
      deliverable: "Báo cáo",
      area: "institutions",
    });
  });

  it("reads Markdown and HTML tables", () => {
    const markdown = [
      "| TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |",
      "|---|---|---|---|",
      "| 1 | Ban hành kế hoạch | Văn phòng | Quý I |",
    ].join("\n");
    expect(importText(markdown).tasks[0]).toMatchObject({
      ref: "1",
      lead: "Văn phòng",
      timeline: "Quý I",
    });
    const html =
      "<table><tr><th>TT</th><th>Tiêu chí</th><th>Điểm tối đa</th><th>Điểm tự chấm</th></tr>" +
      "<tr><td>1.1</td><td><p>Ban hành</p><ul><li>kịp thời</li></ul></td><td>1,5</td><td>1</td></tr></table>";
    expect(importText(html).criteria[0]).toMatchObject({
      ref: "1.1",
      parentRef: "1",
      maxPoints: 1.5,
      selfScore: 1,
    });
  });

  it("keeps cell fragments from HTML as text lines", () => {
    const [table] = htmlToBlocks("<table><tr><td><p>a</p><ul><li>b</li></ul></td></tr></table>");
    expect(table).toMatchObject({ kind: "table", rows: [{ cells: ["a\n- b"] }] });
  });
});

describe("robustness", () => {
  it("never throws and always returns a valid contract on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        expect(() => importText(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("reports an empty document", () => {
    expect(importText("  \n\n").warnings.map((warning) => warning.code)).toContain(
      "EMPTY_DOCUMENT",
    );
  });

  it("reports text it cannot place instead of dropping it", () => {
    const result = importText("I. KẾT QUẢ NĂM TRƯỚC\nĐã hoàn thành nhiều việc.");
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: "NARRATIVE_NOT_IMPORTED", line: 2 }),
      expect.objectContaining({ code: "MISSING_SECTION" }),
    ]);
  });
});
