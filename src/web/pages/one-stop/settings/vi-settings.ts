/** Vietnamese labels of the desk administration page. */
export const viSettings = {
  title: "Cấu hình Bộ phận Một cửa",
  description:
    "Lịch nghỉ lễ, Tết chính thức hằng năm (ngày nghỉ, ngày làm bù) dùng để tính ngày làm việc, và cấu hình giờ chốt tiếp nhận, mã cơ quan của từng đơn vị.",
  tabs: {
    schedules: "Lịch nghỉ chính thức",
    holidays: "Ngày nghỉ trong năm",
    desk: "Giờ chốt và mã cơ quan",
  },
  kinds: {
    official: "Ngày nghỉ (hoán đổi)",
    makeup_workday: "Ngày làm bù",
    no_substitute: "Không nghỉ bù",
  } as Record<string, string>,
  holidayKinds: {
    statutory: "Nghỉ lễ, Tết",
    substitute: "Nghỉ bù",
    official: "Nghỉ theo lịch chính thức",
    makeup_workday: "Làm bù",
  } as Record<string, string>,
  schedules: {
    add: "Thêm phiên bản lịch",
    kpiRecomputing: "Đang tính lại số liệu chỉ số",
    kpiDone: "Số liệu chỉ số đã theo lịch mới",
    year: "Năm",
    version: "Phiên bản",
    effectiveFrom: "Hiệu lực từ",
    source: "Văn bản nguồn",
    origin: "Nguồn",
    stored: "Đã nhập",
    seed: "Mặc định",
    entries: "Ngày đặc biệt",
    empty: "Chưa có lịch nghỉ chính thức nào.",
    none: "Không có",
  },
  form: {
    title: "Thêm phiên bản lịch nghỉ chính thức",
    hint: "Phiên bản mới thay thế phiên bản trước của cùng năm từ ngày hiệu lực; phiên bản cũ được giữ làm lịch sử.",
    year: "Năm",
    effectiveFrom: "Hiệu lực từ ngày",
    source: "Văn bản nguồn (số, ngày, cơ quan ban hành)",
    tetDaysBeforeNewYear: "Số ngày nghỉ Tết trước mùng 1",
    nationalDaySecondDay: "Ngày nghỉ thứ hai dịp Quốc khánh",
    nationalDay: { before: "01/9 (trước 02/9)", after: "03/9 (sau 02/9)" } as Record<
      string,
      string
    >,
    defaultValue: "Mặc định",
    entries: "Ngày nghỉ, ngày làm bù, ngày không nghỉ bù",
    kind: "Loại",
    date: "Ngày",
    name: "Tên (ví dụ: Nghỉ hoán đổi…)",
    addEntry: "Thêm ngày",
    removeEntry: "Xóa dòng",
    required: "Không được để trống.",
    submit: "Lưu phiên bản",
    cancel: "Hủy",
    saved: (year: number, version: number) => `Đã lưu lịch nghỉ năm ${year}, phiên bản ${version}.`,
  },
  holidays: {
    year: "Năm",
    schedule: (origin: string, version: number, source: string) =>
      `Theo lịch ${origin === "stored" ? "đã nhập" : "mặc định"}, phiên bản ${version}: ${source}`,
    noSchedule:
      "Năm này chưa có lịch nghỉ chính thức: chỉ áp dụng ngày nghỉ theo Bộ luật Lao động.",
    date: "Ngày",
    weekday: "Thứ",
    name: "Tên",
    kind: "Loại",
    lunar: "Âm lịch",
    basis: "Căn cứ xếp ngày",
    bases: {
      official: "Lịch chính thức",
      rule: "Theo quy tắc (chưa có lịch chính thức)",
      law: "Cố định theo luật",
    },
    ruleNote:
      "Ngày “theo quy tắc” do CCHC xếp khi năm chưa có lịch chính thức: 2/9 rơi vào thứ Ba thì nghỉ thêm thứ Hai, rơi vào thứ Năm thì nghỉ thêm thứ Sáu; nghỉ bù theo Điều 111 Bộ luật Lao động.",
  },
  desk: {
    unit: "Đơn vị",
    cutoff: "Giờ chốt tiếp nhận (HH:mm)",
    cutoffHint: "Hồ sơ tiếp nhận từ giờ chốt trở đi được tính từ ngày làm việc tiếp theo.",
    agencyCode: "Mã cơ quan (QCVN 102:2016)",
    agencyCodeHint: "Dùng làm tiền tố mã hồ sơ, ví dụ 000.00.12.H56.",
    receivingBody: "Tên bộ phận tiếp nhận in trên biểu mẫu",
    receivingBodyHint:
      "In dưới dòng “UBND …” trên các phiếu A5, ví dụ Bộ phận Một cửa hoặc Trung tâm Phục vụ hành chính công. Để trống: theo quy định áp dụng cho hồ sơ (Bộ phận tiếp nhận và trả kết quả trước 01/07/2025, Trung tâm Phục vụ hành chính công từ 01/07/2025).",
    save: "Lưu cấu hình",
    saved: "Đã lưu cấu hình Bộ phận Một cửa.",
    readOnly: "Chỉ quản trị hệ thống được sửa cấu hình này.",
  },
};
