import { describe, expect, it } from "vitest";
import type { DocumentTable } from "./document-model.ts";
import { classifyTables, guessLayout, isSubHeaderRow, TaskTableParser } from "./tables.ts";
import { WarningSink } from "./warnings.ts";

function table(rows: string[][], line = 1): DocumentTable {
  return { kind: "table", line, rows: rows.map((cells, index) => ({ cells, line: line + index })) };
}

function parse(rows: string[][]) {
  const source = table(rows);
  const layout = classifyTables([source]).get(source);
  expect(layout).toBeDefined();
  const parser = new TaskTableParser(new WarningSink());
  parser.addTable(source, layout!);
  return { layout: layout!, tasks: parser.tasks };
}

describe("task tables of other shapes", () => {
  it("reads a PAR-criteria table: result, monitor, lead and support columns in any wording", () => {
    const { layout } = parse([
      [
        "TT",
        "Lĩnh vực, tiêu chí",
        "Kết quả cần đạt",
        "Cơ quan theo dõi",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
      ],
      ["1", "Ban hành kế hoạch", "Trước 15/01", "Chủ tịch", "Văn phòng", "Các phòng"],
    ]);
    expect(layout.columns).toEqual(["ref", "text", "targetText", "monitor", "lead", "support"]);
  });

  it("merges a second header row under merged cells and skips it", () => {
    expect(isSubHeaderRow(["", "", "Chủ trì", "Phối hợp", "Theo dõi", ""])).toBe(true);
    expect(isSubHeaderRow(["1", "Rà soát thủ tục", "Văn phòng", "", "", ""])).toBe(false);
    const { layout, tasks } = parse([
      ["TT", "Nội dung nhiệm vụ", "Cơ quan, đơn vị", "", "", "Thời gian"],
      ["", "", "Chủ trì", "Phối hợp", "Theo dõi", ""],
      ["1", "Rà soát thủ tục", "Văn phòng", "Tư pháp", "Chủ tịch", "Quý I"],
    ]);
    expect(layout.columns).toEqual(["ref", "text", "lead", "support", "monitor", "timeline"]);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ lead: "Văn phòng", support: "Tư pháp", monitor: "Chủ tịch" });
  });

  it("reads numbers and section numerals written in the text cell of a table without TT", () => {
    const { tasks } = parse([
      ["Nội dung", "Cơ quan chủ trì thực hiện", "Thời gian"],
      ["II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", ""],
      ["3. Niêm yết thủ tục", "Bộ phận Một cửa", "Quý I"],
      ["a) Tại trụ sở", "Bộ phận Một cửa", "Quý I"],
      ["Cải cách chế độ công vụ", "", ""],
      ["Đánh giá công chức", "Văn phòng", "Tháng 12"],
    ]);
    expect(tasks.map((t) => [t.rowType, t.ref, t.area, t.text])).toEqual([
      ["section", "II", "procedures", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
      ["task", "3", "procedures", "Niêm yết thủ tục"],
      ["subtask", "a", "procedures", "Tại trụ sở"],
      ["section", null, "civil_service", "Cải cách chế độ công vụ"],
      ["task", null, "civil_service", "Đánh giá công chức"],
    ]);
  });

  it("sets the area from a separate area column kept only on a group's first row", () => {
    const { tasks } = parse([
      ["STT", "Lĩnh vực", "Nhiệm vụ", "Đơn vị thực hiện", "Thời hạn"],
      ["1", "Cải cách thủ tục hành chính", "Niêm yết thủ tục", "Một cửa", "Tháng 2"],
      ["2", "", "Xử lý phản ánh", "Văn phòng", "Thường xuyên"],
      ["3", "Chuyển đổi số", "Cấp chữ ký số", "Văn phòng", "Quý I"],
    ]);
    expect(tasks.filter((t) => t.rowType === "task").map((t) => t.area)).toEqual([
      "procedures",
      "procedures",
      "digital_government",
    ]);
  });

  it("keeps a cell in a column the header does not name as a note", () => {
    const { tasks } = parse([
      ["TT", "Nội dung", "Chủ trì", "Mã số"],
      ["1", "Rà soát thủ tục", "Văn phòng", "TT-07"],
    ]);
    expect(tasks[0]?.text).toBe("Rà soát thủ tục (TT-07)");
  });

  it("guesses the columns of a table whose header it does not know, only with agency and time", () => {
    const guessed = guessLayout(
      table([
        ["#", "Việc", "Ai làm", "Khi nào"],
        ["1", "Cập nhật cơ sở dữ liệu cán bộ, công chức", "Văn phòng", "Tháng 6/2026"],
        ["2", "Tập huấn sử dụng chữ ký số cho công chức", "Phòng Văn hóa", "Quý II/2026"],
      ]),
    );
    expect(guessed).toMatchObject({
      kind: "tasks",
      guessed: true,
      columns: ["ref", "text", "lead", "timeline"],
    });
    expect(
      guessLayout(
        table([
          ["Mã", "Diễn giải", "Ghi nhận"],
          ["X1", "Sổ theo dõi văn bản đến", "Văn phòng"],
          ["X2", "Sổ theo dõi hồ sơ", "Bộ phận Một cửa"],
        ]),
      ),
    ).toBeNull();
  });
});
