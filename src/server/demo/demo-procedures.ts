import type { OnlineLevel } from "../../core/dossier/dossier-values.ts";
import type { ProcedureDocument, ReceivedDocument } from "../../core/dossier/required-documents.ts";

/**
 * A small hand-typed list of real commune-level procedures (national codes and names from the
 * national procedure database, 2026) for the demo desk. Fees vary by province; the texts are
 * summaries. Online level "none" where no source stated one.
 */
export interface DemoProcedure {
  code: string;
  name: string;
  field: string;
  processingDays: number;
  feeText: string | null;
  onlineLevel: OnlineLevel;
  /** Thành phần hồ sơ, summarised from the national catalogue's page (a demo, not a reference). */
  documents?: ProcedureDocument[];
}

const doc = (
  name: string,
  form: ProcedureDocument["form"],
  copies = 1,
  required = true,
): ProcedureDocument => ({ name, form, copies, required });
const POWER_OF_ATTORNEY = doc("Văn bản ủy quyền (trường hợp ủy quyền)", "certified_copy", 1, false);

export const DEMO_PROCEDURES: DemoProcedure[] = [
  {
    code: "1.001193",
    name: "Thủ tục đăng ký khai sinh",
    field: "Hộ tịch",
    processingDays: 0,
    feeText: "Miễn lệ phí khi đăng ký đúng hạn",
    onlineLevel: "full",
    documents: [
      doc("Tờ khai đăng ký khai sinh", "original"),
      doc("Giấy chứng sinh", "original"),
      POWER_OF_ATTORNEY,
    ],
  },
  {
    code: "1.000894",
    name: "Thủ tục đăng ký kết hôn",
    field: "Hộ tịch",
    processingDays: 1,
    feeText: "Miễn lệ phí",
    onlineLevel: "none",
    documents: [
      doc("Tờ khai đăng ký kết hôn", "original"),
      doc("Giấy xác nhận tình trạng hôn nhân (trường hợp cư trú nơi khác)", "original", 1, false),
    ],
  },
  {
    code: "1.000656",
    name: "Thủ tục đăng ký khai tử",
    field: "Hộ tịch",
    processingDays: 1,
    feeText: "Miễn lệ phí khi đăng ký đúng hạn",
    onlineLevel: "none",
    documents: [
      doc("Tờ khai đăng ký khai tử", "original"),
      doc("Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử", "original"),
      POWER_OF_ATTORNEY,
    ],
  },
  {
    code: "1.004873",
    name: "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
    field: "Hộ tịch",
    processingDays: 3,
    feeText: "Mức lệ phí do HĐND cấp tỉnh quyết định",
    onlineLevel: "none",
    documents: [
      doc("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", "original"),
      doc("Bản án, quyết định ly hôn đã có hiệu lực (trường hợp đã ly hôn)", "copy", 1, false),
      POWER_OF_ATTORNEY,
    ],
  },
  {
    code: "1.004884",
    name: "Thủ tục đăng ký lại khai sinh",
    field: "Hộ tịch",
    processingDays: 5,
    feeText: "Mức lệ phí do HĐND cấp tỉnh quyết định",
    onlineLevel: "none",
  },
  {
    code: "2.000635",
    name: "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh",
    field: "Hộ tịch",
    processingDays: 0,
    feeText: "8.000 đồng/bản sao",
    onlineLevel: "none",
  },
  {
    code: "2.000908",
    name: "Thủ tục cấp bản sao từ sổ gốc",
    field: "Chứng thực",
    processingDays: 1,
    feeText: "Miễn phí",
    onlineLevel: "none",
  },
  {
    code: "1.001612",
    name: "Đăng ký thành lập hộ kinh doanh",
    field: "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)",
    processingDays: 3,
    feeText: "Lệ phí do HĐND cấp tỉnh quyết định",
    onlineLevel: "none",
    documents: [
      doc("Giấy đề nghị đăng ký hộ kinh doanh", "original"),
      doc("Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh", "copy", 1, false),
      POWER_OF_ATTORNEY,
    ],
  },
  {
    code: "1.004194",
    name: "Đăng ký tạm trú",
    field: "Đăng ký, quản lý cư trú",
    processingDays: 3,
    feeText: "Theo mức thu của HĐND cấp tỉnh",
    onlineLevel: "none",
    documents: [
      doc("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)", "original"),
      doc("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", "copy"),
    ],
  },
  {
    code: "1.013225",
    name: "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV (Công trình không theo tuyến/Theo tuyến trong đô thị/Tín ngưỡng, tôn giáo/Tượng đài, tranh hoành tráng/Theo giai đoạn cho công trình không theo tuyến/Theo giai đoạn cho công trình theo tuyến trong đô thị/Dự án) và nhà ở riêng lẻ",
    field: "Hoạt động xây dựng",
    processingDays: 15,
    feeText: "Lệ phí cấp giấy phép xây dựng theo HĐND cấp tỉnh",
    onlineLevel: "none",
  },
  {
    code: "1.000748",
    name: "Thủ tục tặng Giấy khen của Chủ tịch UBND cấp xã cho gia đình",
    field: "Thi đua - khen thưởng",
    processingDays: 12,
    feeText: "Không",
    onlineLevel: "none",
  },
];

/** Illustrative QCVN 102:2016 agency codes for the demo desks (real codes are issued per province). */
export const DEMO_DESK_CODES: Record<string, string> = {
  "06658": "000.01.22.H99",
  "06700": "000.02.22.H99",
  "07192": "000.03.22.H99",
  "07090": "000.04.22.H99",
};

export interface DemoDossier {
  unitCode: string;
  procedureCode: string;
  applicantName: string;
  applicantPhone: string;
  channel: "in_person" | "online" | "postal";
  receivedAt: string;
  /** Steps after receipt, in order: [action, "YYYY-MM-DD HH:mm", note]. */
  steps: [string, string, string | null][];
  apology?: { at: string; newDueDate: string; reason: string; beforeStep: number };
  /** What the desk received (the receipt lists it); none for a dossier received without a list. */
  documents?: ReceivedDocument[];
  documentSets?: number;
}

/** A few dossiers of Phường Bãi Cháy: finished on time, waiting for a supplement, late with an apology. */
export const DEMO_DOSSIERS: DemoDossier[] = [
  {
    unitCode: "06658",
    procedureCode: "1.004873",
    applicantName: "Nguyễn Văn An",
    applicantPhone: "0912345678",
    channel: "in_person",
    receivedAt: "2026-03-02 09:15",
    documents: [
      { name: "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", form: "original", copies: 1 },
      {
        name: "Bản án, quyết định ly hôn đã có hiệu lực (trường hợp đã ly hôn)",
        form: "copy",
        copies: 1,
      },
    ],
    documentSets: 1,
    steps: [
      ["hand_over", "2026-03-02 10:00", null],
      ["resolve", "2026-03-04 16:00", null],
      ["return_result", "2026-03-05 08:30", null],
    ],
  },
  {
    unitCode: "06658",
    procedureCode: "1.004884",
    applicantName: "Trần Thị Bích",
    applicantPhone: "0987654321",
    channel: "online",
    receivedAt: "2026-03-03 14:20",
    steps: [
      ["hand_over", "2026-03-03 15:00", null],
      [
        "request_supplement",
        "2026-03-05 09:00",
        "Bổ sung bản sao giấy tờ tùy thân của người yêu cầu",
      ],
    ],
  },
  {
    unitCode: "06658",
    procedureCode: "1.001612",
    applicantName: "Phạm Quốc Cường",
    applicantPhone: "0903111222",
    channel: "postal",
    receivedAt: "2026-03-09 10:00",
    steps: [
      ["hand_over", "2026-03-09 11:00", null],
      ["resolve", "2026-03-17 15:00", null],
    ],
    apology: {
      at: "2026-03-13 09:00",
      newDueDate: "2026-03-17",
      reason: "Cần xác minh thêm thông tin địa điểm kinh doanh",
      beforeStep: 1,
    },
  },
];
