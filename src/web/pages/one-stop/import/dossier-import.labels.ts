import type { DossierImportState } from "../../../../core/dossier/import/import-states.ts";

/** Every Vietnamese label of the dossier import page, in one place. */
export const importLabels = {
  title: "Nhập hồ sơ từ hệ thống Một cửa tỉnh",
  description:
    "Tải tệp CSV hoặc Excel xuất từ hệ thống Một cửa tỉnh. Hồ sơ được nhận diện theo mã hồ sơ: nhập lại cùng tệp không tạo hồ sơ trùng, dòng đã sửa được cập nhật.",
  back: "Về sổ theo dõi hồ sơ",
  registerLink: "Nhập từ Một cửa tỉnh",
  unit: "Đơn vị nhận hồ sơ",
  source: "Nguồn dữ liệu",
  sourceHint: "Cách ghép cột được lưu theo nguồn để dùng lại lần sau.",
  file: "Tệp xuất hồ sơ (.csv, .xlsx)",
  filePlaceholder: "Chọn tệp…",
  preview: "Xem trước",
  mappingTitle: "Ghép cột",
  mappingHint: "Chọn cột của tệp ứng với từng trường; trường có dấu * là bắt buộc.",
  savedMapping: "Đang dùng cách ghép cột đã lưu cho nguồn này.",
  field: "Trường",
  column: "Cột trong tệp",
  notImported: "— Không nhập —",
  rowsTitle: (shown: number, sampled: number, invalid: number) =>
    `Các dòng đầu (${shown} dòng hiển thị; kiểm tra ${sampled} dòng đầu, ${invalid} dòng có lỗi)`,
  row: "Dòng",
  clearFile: "Bỏ tệp đã chọn",
  code: "Mã hồ sơ",
  receivedAt: "Ngày tiếp nhận",
  dueDate: "Hạn xử lý",
  state: "Trạng thái",
  check: "Kiểm tra",
  ok: "Hợp lệ",
  errorsTitle: "Lỗi ở các dòng đầu",
  start: "Bắt đầu nhập",
  running: "Đang nhập…",
  progress: (processed: number, total: number | null) =>
    total
      ? `Đã xử lý ${processed.toLocaleString("vi-VN")} / ${total.toLocaleString("vi-VN")} dòng`
      : `Đã xử lý ${processed.toLocaleString("vi-VN")} dòng`,
  done: "Đã nhập xong",
  failed: "Lượt nhập bị dừng",
  summary: (inserted: number, updated: number, unchanged: number, errors: number) =>
    `${inserted.toLocaleString("vi-VN")} hồ sơ mới, ${updated.toLocaleString("vi-VN")} cập nhật, ${unchanged.toLocaleString("vi-VN")} không đổi, ${errors.toLocaleString("vi-VN")} dòng lỗi.`,
  downloadErrors: "Tải danh sách dòng lỗi (CSV)",
  another: "Nhập tệp khác",
  progressLabel: "Tiến độ nhập hồ sơ",
  recentTitle: "Các lượt nhập gần đây",
  recentEmpty: "Đơn vị chưa có lượt nhập nào.",
  startedAt: "Bắt đầu",
  fileName: "Tệp",
  result: "Kết quả",
  status: "Tình trạng",
  states: { running: "Đang nhập", done: "Đã xong", failed: "Bị dừng" } satisfies Record<
    DossierImportState,
    string
  >,
  counts: (inserted: number, updated: number, errors: number) =>
    `${inserted.toLocaleString("vi-VN")} mới, ${updated.toLocaleString("vi-VN")} cập nhật, ${errors.toLocaleString("vi-VN")} lỗi`,
  voidRun: "Hủy các hồ sơ của lượt nhập",
  voidedBadge: "Đã hủy hồ sơ",
  voidRunTitle: (fileName: string) => `Hủy các hồ sơ nhập sai của lượt nhập “${fileName}”`,
  voidRunWarning: (inserted: number) =>
    `Mọi hồ sơ do lượt nhập này tạo ra (${inserted.toLocaleString("vi-VN")} hồ sơ mới) được đánh dấu đã hủy cùng lý do, người hủy và thời điểm (ghi vào nhật ký); hồ sơ không bị xóa nhưng không còn trong sổ theo dõi, tra cứu và chỉ số, và mã hồ sơ được giải phóng. Hồ sơ lượt này chỉ cập nhật thì giữ nguyên.`,
  voidRunDone: (count: number) => `Đã hủy ${count.toLocaleString("vi-VN")} hồ sơ của lượt nhập.`,
  voidedRun: (count: number, reason: string) =>
    `Đã hủy ${count.toLocaleString("vi-VN")} hồ sơ. Lý do: ${reason}`,
} as const;
