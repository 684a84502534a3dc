import ExcelJS from "exceljs";
import { STATE_LABELS, type DossierState } from "../../core/dossier/dossier-state.ts";
import { FEEDBACK_STATE_LABELS, type FeedbackState } from "../../core/feedback/feedback-state.ts";
import { formatVietnameseDate, vietnamDate } from "../../core/time/vietnam-time.ts";
import type { LookupMatch, PersonData } from "../operations/personal-data/lookup.service.ts";

const MATCH_LABELS: Record<LookupMatch, string> = {
  phone: "Số điện thoại",
  id_number: "Số CMND/CCCD",
  name: "Họ tên",
};

/** dd/mm/yyyy of an instant, in Vietnam time. */
function day(instant: string | null): string {
  return instant === null ? "" : formatVietnameseDate(vietnamDate(new Date(instant)));
}

const matched = (by: LookupMatch[]) => by.map((m) => MATCH_LABELS[m]).join(", ");
const yesNo = (value: boolean) => (value ? "Đã ẩn danh" : "");

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  headers: string[],
  rows: (string | null)[][],
) {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow([title]).font = { bold: true, size: 13 };
  sheet.addRow([]);
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: header.number }];
  // Values are written as strings: exceljs makes a formula only of `{ formula }`.
  for (const row of rows) sheet.addRow(row.map((value) => value ?? ""));
  headers.forEach((text, index) => {
    const longest = Math.max(text.length, ...rows.map((row) => (row[index] ?? "").length));
    sheet.getColumn(index + 1).width = Math.min(60, Math.max(10, longest + 2));
  });
}

/**
 * One person's data as an Excel workbook: a sheet of dossiers and one of feedback, the person's
 * data in full (the data subject's own request), with codes, units, dates and states.
 */
export async function personDataWorkbook(data: PersonData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "CCHC";
  addSheet(
    workbook,
    "Hồ sơ",
    `Hồ sơ thủ tục hành chính của người được tra cứu (${data.query})`,
    [
      "Mã hồ sơ",
      "Đơn vị",
      "Thủ tục",
      "Trạng thái",
      "Ngày tiếp nhận",
      "Hạn trả kết quả",
      "Ngày hoàn thành",
      "Ngày trả kết quả",
      "Họ tên người nộp",
      "Số điện thoại",
      "Địa chỉ",
      "Số định danh / CMND / Hộ chiếu",
      "Tìm thấy theo",
      "Ẩn danh",
    ],
    data.dossiers.map((d) => [
      d.code,
      d.unitName,
      d.procedureName,
      STATE_LABELS[d.state as DossierState] ?? d.state,
      day(d.receivedAt),
      formatVietnameseDate(d.dueDate),
      day(d.finishedAt),
      day(d.returnedAt),
      d.applicantName,
      d.applicantPhone,
      d.applicantAddress,
      d.applicantIdNumber,
      matched(d.matchedBy),
      yesNo(d.anonymised),
    ]),
  );
  addSheet(
    workbook,
    "Phản ánh, kiến nghị",
    `Phản ánh, kiến nghị của người được tra cứu (${data.query})`,
    [
      "Mã phản ánh",
      "Đơn vị",
      "Trạng thái",
      "Ngày tiếp nhận",
      "Hạn xử lý",
      "Ngày kết thúc",
      "Họ tên người gửi",
      "Số điện thoại",
      "Thư điện tử",
      "Địa chỉ",
      "Tiêu đề",
      "Nội dung",
      "Trả lời",
      "Ý kiến về kết quả",
      "Tìm thấy theo",
      "Ẩn danh",
    ],
    data.feedback.map((f) => [
      f.code,
      f.unitName,
      FEEDBACK_STATE_LABELS[f.state as FeedbackState] ?? f.state,
      day(f.receivedAt),
      formatVietnameseDate(f.dueDate),
      day(f.finishedAt),
      f.senderName,
      f.senderPhone,
      f.senderEmail,
      f.senderAddress,
      f.title,
      f.content,
      f.answer,
      f.satisfactionNote,
      matched(f.matchedBy),
      yesNo(f.anonymised),
    ]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
