import {
  instantOfVietnamLocal,
  receivingBodyName,
  refusalNoticeContent,
  ruleSetById,
  supplementRequestContent,
  type ProcedureDocument,
} from "../../../src/core/dossier/index.ts";
import { apologyDocx } from "../../../src/server/documents/one-stop/apology-document.ts";
import { noticeDocx } from "../../../src/server/documents/one-stop/notice-document.ts";
import { receiptDocx } from "../../../src/server/documents/one-stop/receipt-document.ts";

/** One dossier of Phường Bãi Cháy received on 05/03/2026, for the one-stop forms. */
export const dossier = {
  code: "000.01.22.H99-260305-0007",
  unitName: "Phường Bãi Cháy",
  procedureName: "Cấp bản sao Trích lục hộ tịch",
  applicantName: "Hoàng Thị Mai",
  applicantPhone: "0911 222 333",
  applicantAddress: "Tổ 3, khu 4",
  receivedAt: instantOfVietnamLocal("2026-03-05 09:00"),
  dueDate: "2026-03-09",
  ruleSet: "2025",
};

export function receipt(overrides: Partial<Parameters<typeof receiptDocx>[0]> = {}) {
  return receiptDocx({
    ...dossier,
    upperUnitName: "Tỉnh Quảng Ninh",
    receivingBody: receivingBodyName(ruleSetById(dossier.ruleSet)),
    procedureCode: "1.004873",
    processingDays: 3,
    feeText: "8.000 đồng",
    channelLabel: "Trực tiếp",
    receiverName: "Nguyễn Văn Tiếp",
    surveyUrl: "https://cchc.example/danh-gia/H99.01?hoSo=000.01.22.H99-260305-0007",
    ...overrides,
  });
}

export function apology(overrides: Partial<Parameters<typeof apologyDocx>[0]> = {}) {
  return apologyDocx({
    ...dossier,
    receivingBody: receivingBodyName(ruleSetById(dossier.ruleSet)),
    number: "01/XL-BPMC",
    issuedAt: instantOfVietnamLocal("2026-03-09 09:00"),
    newDueDate: "2026-03-12",
    reason: "Chờ xác minh",
    ...overrides,
  });
}

export function refusalNotice() {
  return noticeDocx(
    refusalNoticeContent(
      {
        ...dossier,
        procedureCode: "1.004873",
        state: "refused",
        finishedAt: instantOfVietnamLocal("2026-03-06 10:00"),
        reason: "Không thuộc thẩm quyền",
      },
      ruleSetById("2025"),
    ),
  );
}

/** The procedure's documents of the dossier above: two required, one optional. */
export const procedureDocuments = [
  { name: "Tờ khai cấp bản sao trích lục", form: "original", copies: 1, required: true },
  { name: "Căn cước công dân", form: "certified_copy", copies: 2, required: true },
  { name: "Giấy ủy quyền", form: "original", copies: 1, required: false },
] as const satisfies readonly ProcedureDocument[];

export function supplementRequest(
  overrides: Partial<Parameters<typeof supplementRequestContent>[0]> = {},
) {
  return noticeDocx(
    supplementRequestContent(
      {
        ...dossier,
        procedureCode: "1.004873",
        state: "supplement_requested",
        requestedAt: instantOfVietnamLocal("2026-03-06 10:00"),
        note: "Ghi rõ năm đăng ký khai sinh",
        procedureDocuments,
        receivedDocuments: null,
        ...overrides,
      },
      ruleSetById("2025"),
    ),
  );
}
