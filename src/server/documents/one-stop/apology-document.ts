import { Document, Packer } from "docx";
import {
  formatVietnamDateTime,
  placeName,
  ruleSetById,
  vietnamLocal,
} from "../../../core/dossier/index.ts";
import {
  a5Section,
  datePhrase,
  dmy,
  field,
  headerBlock,
  line,
  text,
  SIZE,
} from "./one-stop-docx.ts";

export interface ApologyInput {
  number: string;
  ruleSet: string;
  issuedAt: Date;
  newDueDate: string;
  reason: string;
  code: string;
  unitName: string;
  procedureName: string;
  applicantName: string;
  applicantPhone: string;
  applicantAddress: string | null;
  receivedAt: Date;
  dueDate: string;
}

/**
 * Mẫu 04: "Phiếu xin lỗi và hẹn lại ngày trả kết quả" (TT 01/2018) for dossiers received before
 * 01/07/2025, "Văn bản xin lỗi và đề nghị gia hạn" (TT 03/2025) from then on.
 */
export async function apologyDocx(input: ApologyInput): Promise<Buffer> {
  const ruleSet = ruleSetById(input.ruleSet);
  const issuedOn = vietnamLocal(input.issuedAt).date;
  const extension = ruleSet.id === "2025";
  const children = [
    headerBlock(
      {
        upper: input.unitName,
        body: "Bộ phận tiếp nhận và trả kết quả",
        number: `Số: ${input.number}`,
      },
      `${placeName(input.unitName)}, ${datePhrase(issuedOn)}`,
    ),
    line([text(ruleSet.apologyTitle.toUpperCase(), { bold: true, size: SIZE.title })], {
      align: "center",
      before: 160,
      after: 160,
    }),
    line([text("Kính gửi: "), text(input.applicantName, { bold: true })], { align: "center" }),
    field("Địa chỉ", input.applicantAddress ?? "…………………………………"),
    field("Số điện thoại", input.applicantPhone),
    line([
      `Ngày ${formatVietnamDateTime(input.receivedAt).replace(/^.*ngày /, "")}, Bộ phận tiếp nhận và trả kết quả — ${input.unitName} tiếp nhận hồ sơ mã `,
      text(input.code, { bold: true }),
      ` đề nghị giải quyết thủ tục “${input.procedureName}”.`,
    ]),
    line([`Thời hạn trả kết quả theo giấy tiếp nhận: ngày ${dmy(input.dueDate)}.`]),
    line([
      "Đến nay hồ sơ của Ông/Bà chưa được giải quyết xong. Lý do: ",
      text(input.reason, { italics: true }),
      ".",
    ]),
    line([
      "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. Chúng tôi thành thật xin lỗi Ông/Bà",
      extension
        ? " và đề nghị được gia hạn thời gian giải quyết hồ sơ; kết quả sẽ được trả vào "
        : " và xin hẹn lại thời gian trả kết quả vào ",
      text(datePhrase(input.newDueDate), { bold: true }),
      ".",
    ]),
    line(["Xin trân trọng cảm ơn sự hợp tác của Ông/Bà."], { after: 200 }),
    line([text("THỦ TRƯỞNG CƠ QUAN", { bold: true })], { align: "right", after: 0 }),
    line([text("(Ký, ghi rõ họ tên và đóng dấu)", { italics: true, size: SIZE.small })], {
      align: "right",
    }),
  ];
  const document = new Document({
    creator: "CCHC",
    title: `${ruleSet.apologyTitle} — hồ sơ ${input.code}`,
    sections: [a5Section(children)],
  });
  return Packer.toBuffer(document);
}
