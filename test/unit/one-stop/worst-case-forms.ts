/**
 * The longest A5 forms a desk realistically prints (issue 12): twelve documents with long names,
 * a procedure name of three lines, an organisation with a long name and address, a configured
 * receiving body and a handling agency with long names, a long reason. Every form must still fit
 * one A5 page.
 */
import {
  instantOfVietnamLocal,
  receptionRefusalContent,
  refusalNoticeContent,
  ruleSetById,
  stopNoticeContent,
  supplementRequestContent,
  DOCUMENT_FORM_LABELS,
  type ProcedureDocument,
} from "../../../src/core/dossier/index.ts";
import { apologyDocx } from "../../../src/server/documents/one-stop/apology-document.ts";
import { noticeDocx } from "../../../src/server/documents/one-stop/notice-document.ts";
import { receiptDocx } from "../../../src/server/documents/one-stop/receipt-document.ts";

export const LONG = {
  code: "000.05.22.H99-260305-0128",
  unitName: "Xã Quảng Phú Cầu",
  receivingBody: "Bộ phận Tiếp nhận và Trả kết quả giải quyết thủ tục hành chính",
  agency: { name: "Phòng Kinh tế, Hạ tầng, Đô thị và Tài nguyên Môi trường", kind: "department" },
  procedureCode: "1.012749",
  // Three lines on the receipt at 12 pt, with its label and code.
  procedureName:
    "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu đối với hộ gia đình, cá nhân đang sử dụng đất",
  applicantName:
    "Công ty Trách nhiệm hữu hạn Một thành viên Xây dựng và Thương mại Dịch vụ Hoàng Long Quảng Phú Cầu",
  applicantPhone: "0912 345 678",
  applicantAddress:
    "Số nhà 125, ngõ 47, đường Nguyễn Văn Cừ, tổ dân phố số 12, xã Quảng Phú Cầu, Thành phố Hà Nội",
  receiverName: "Nguyễn Thị Phương Thảo Hoàng",
  reason:
    "Hồ sơ thiếu văn bản thỏa thuận phân chia di sản thừa kế đã được công chứng; diện tích thửa đất trên sơ đồ nhà ở không khớp với trích lục bản đồ địa chính và người nộp không bổ sung trong thời hạn đã hẹn",
  receivedAt: instantOfVietnamLocal("2026-03-05 14:45"),
  dueDate: "2026-04-16",
};

/** Twelve documents as a land dossier lists them: two with long names (one as the issue quotes it), the others of one line or two. */
export const LONG_DOCUMENTS: ProcedureDocument[] = [
  {
    name: "Đơn đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (Mẫu số 04a/ĐK)",
    form: "original",
    copies: 1,
    required: true,
  },
  {
    name: "Bản sao Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất (bản sao có chứng thực)",
    form: "certified_copy",
    copies: 2,
    required: true,
  },
  {
    name: "Hợp đồng chuyển nhượng quyền sử dụng đất đã công chứng",
    form: "original",
    copies: 2,
    required: true,
  },
  {
    name: "Giấy tờ về quyền sử dụng đất theo Điều 137 Luật Đất đai",
    form: "copy",
    copies: 1,
    required: true,
  },
  {
    name: "Sơ đồ nhà ở, công trình xây dựng",
    form: "original",
    copies: 1,
    required: true,
  },
  {
    name: "Chứng từ thực hiện nghĩa vụ tài chính về đất đai",
    form: "copy",
    copies: 1,
    required: true,
  },
  {
    name: "Văn bản ủy quyền nộp hồ sơ thay",
    form: "original",
    copies: 1,
    required: true,
  },
  {
    name: "Căn cước của người đề nghị cấp Giấy chứng nhận",
    form: "certified_copy",
    copies: 2,
    required: true,
  },
  {
    name: "Giấy xác nhận thông tin về cư trú",
    form: "original",
    copies: 1,
    required: true,
  },
  {
    name: "Trích lục bản đồ địa chính thửa đất",
    form: "original",
    copies: 1,
    required: true,
  },
  {
    name: "Văn bản thỏa thuận phân chia di sản thừa kế đã được công chứng",
    form: "copy",
    copies: 1,
    required: true,
  },
  {
    name: "Tờ khai lệ phí trước bạ nhà, đất (Mẫu số 01/LPTB)",
    form: "original",
    copies: 2,
    required: true,
  },
];

const ruleSet = ruleSetById("2025");
const record = {
  code: LONG.code,
  unitName: LONG.unitName,
  receivingBody: LONG.receivingBody,
  procedureCode: LONG.procedureCode,
  procedureName: LONG.procedureName,
  applicantName: LONG.applicantName,
  applicantPhone: LONG.applicantPhone,
  applicantAddress: LONG.applicantAddress,
  receivedAt: LONG.receivedAt,
};

/** The applicant as a person with a long name (a person's name is far shorter than a company's). */
export const PERSON = {
  applicantName: "Tôn Nữ Hoàng Thị Phương Thảo",
  applicantAddress: "Số nhà 125, ngõ 47, đường Nguyễn Văn Cừ, tổ dân phố số 12, xã Quảng Phú Cầu",
};

/** Mẫu 01 with `count` of the documents above (cycled past twelve). */
export function longReceipt(
  count = LONG_DOCUMENTS.length,
  ruleSetId = "2025",
  overrides: Partial<Parameters<typeof receiptDocx>[0]> = {},
) {
  return receiptDocx({
    ...record,
    upperUnitName: "Thành phố Hà Nội",
    ruleSet: ruleSetId,
    processingDays: 30,
    dueDate: LONG.dueDate,
    feeText: "Lệ phí 100.000 đồng; phí thẩm định hồ sơ 1.500.000 đồng",
    channelLabel: "Trực tiếp",
    receiverName: LONG.receiverName,
    documents: Array.from({ length: count }, (_, i) => {
      const doc = LONG_DOCUMENTS[i % LONG_DOCUMENTS.length]!;
      return { name: doc.name, formLabel: DOCUMENT_FORM_LABELS[doc.form], copies: doc.copies };
    }),
    sets: 2,
    registerEntry: { year: 2026, book: 12, entry: 123456 },
    surveyUrl: `https://dichvucong.hanoi.example.gov.vn/danh-gia/H99.05.22?hoSo=${LONG.code}`,
    ...overrides,
  });
}

/** Mẫu 02 asking for all twelve documents and a note. */
export function longSupplementRequest() {
  return noticeDocx(
    supplementRequestContent(
      {
        ...record,
        state: "supplement_requested",
        requestedAt: instantOfVietnamLocal("2026-03-10 10:00"),
        note: "Ghi rõ diện tích, ranh giới thửa đất theo trích lục bản đồ địa chính và bổ sung chữ ký của tất cả các đồng thừa kế",
        procedureDocuments: LONG_DOCUMENTS,
        receivedDocuments: [],
      },
      ruleSet,
    ),
  );
}

/** The notices after reception, sent by the agency that had the dossier. */
export function longRefusalNotice() {
  return noticeDocx(
    refusalNoticeContent(
      {
        ...record,
        state: "refused",
        finishedAt: instantOfVietnamLocal("2026-03-20 10:00"),
        reason: LONG.reason,
        responsibleAgency: LONG.agency,
      },
      ruleSet,
    ),
  );
}

export function longStopNotice() {
  return noticeDocx(
    stopNoticeContent(
      {
        ...record,
        state: "stopped",
        finishedAt: instantOfVietnamLocal("2026-03-20 10:00"),
        reason: LONG.reason,
        responsibleAgency: LONG.agency,
      },
      ruleSet,
    ),
  );
}

/** Mẫu 03 at the counter. */
export function longReceptionRefusal() {
  return noticeDocx(
    receptionRefusalContent(
      {
        unitName: LONG.unitName,
        receivingBody: LONG.receivingBody,
        procedureCode: LONG.procedureCode,
        procedureName: LONG.procedureName,
        applicantName: LONG.applicantName,
        applicantPhone: LONG.applicantPhone,
        applicantAddress: LONG.applicantAddress,
        refusedAt: instantOfVietnamLocal("2026-03-05 15:30"),
        reason: LONG.reason,
      },
      ruleSet,
    ),
  );
}

/** Mẫu 04 from the late agency, 2025 and 2018 wording. */
export function longApology(ruleSetId = "2025") {
  return apologyDocx({
    ...record,
    number: "128/PKTHTĐT&TNMT",
    ruleSet: ruleSetId,
    issuedAt: instantOfVietnamLocal("2026-04-14 09:00"),
    newDueDate: "2026-04-30",
    reason: LONG.reason,
    dueDate: LONG.dueDate,
    responsibleAgency: LONG.agency,
  });
}

/**
 * Every A5 form in its longest realistic case, by artefact name. The receipt: the case
 * (six documents, the procedure over lines) with every name long, and twelve documents for a
 * person with a long name and address (a company's name as long as the one above, the long
 * receiving body and twelve such documents do not fit an A5 page together at 7 pt or more).
 */
export const LONGEST_FORMS: Record<string, () => Promise<Buffer>> = {
  "mau-01-receipt-6-documents-long-names": () => longReceipt(6),
  "mau-01-receipt-12-documents": () => longReceipt(12, "2025", PERSON),
  "mau-01-receipt-2018-12-documents": () => longReceipt(12, "2018", PERSON),
  "mau-02-supplement-12-documents": longSupplementRequest,
  "mau-03-reception-refusal": longReceptionRefusal,
  "mau-04-apology": () => longApology(),
  "mau-04-apology-2018": () => longApology("2018"),
  "mau-05-stop-notice": longStopNotice,
  "refusal-notice": longRefusalNotice,
};
