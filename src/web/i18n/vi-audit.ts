import type { AuditAction, AuditEntityType } from "../../core/audit/audit-actions.ts";

/**
 * Vietnamese names of every audit action and record type. Typed over the catalogue
 * (src/core/audit/audit-actions.ts): a new action does not compile until it has a label here.
 */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  "unit.create": "Thêm đơn vị",
  "unit.update": "Sửa đơn vị",
  "unit.import": "Nhập danh sách đơn vị",
  "agency.create": "Thêm cơ quan",
  "agency.update": "Sửa cơ quan",
  "user.create": "Thêm người dùng",
  "user.update": "Sửa người dùng",
  "auth.sign_in": "Đăng nhập",
  "auth.sign_in_failed": "Đăng nhập không thành công",
  "auth.sign_out": "Đăng xuất",
  "auth.password_changed": "Đổi mật khẩu",
  "system.demo_loaded": "Nạp dữ liệu mẫu",
  "system.demo_password_change_required": "Yêu cầu đổi mật khẩu tài khoản mẫu",
  "system.backup_created": "Tạo bản sao lưu",
  "plan.create": "Tạo kế hoạch",
  "plan.update": "Sửa kế hoạch",
  "plan.delete": "Xóa kế hoạch",
  "plan.issue": "Ban hành kế hoạch",
  "plan.amend": "Điều chỉnh kế hoạch",
  "target.measure": "Nhập kết quả chỉ tiêu",
  "task.create": "Thêm nhiệm vụ",
  "task.update": "Sửa nhiệm vụ",
  "task.delete": "Xóa nhiệm vụ",
  "task.progress": "Cập nhật tiến độ nhiệm vụ",
  "task.import": "Cập nhật nhiệm vụ từ Excel",
  "evidence.upload": "Tải lên tài liệu kiểm chứng",
  "evidence.link": "Gắn tài liệu kiểm chứng",
  "calendar.schedule_create": "Thêm lịch nghỉ, làm bù",
  "desk.update": "Sửa cấu hình Một cửa",
  "procedure.create": "Thêm thủ tục hành chính",
  "procedure.update": "Sửa thủ tục hành chính",
  "procedure.import": "Nhập danh mục thủ tục hành chính",
  "dossier.receive": "Tiếp nhận hồ sơ",
  "dossier.transition": "Chuyển bước xử lý hồ sơ",
  "dossier.apology": "Lập phiếu xin lỗi",
  "dossier.update": "Sửa hồ sơ",
  "dossier.void": "Hủy hồ sơ",
  "feedback.receive": "Tiếp nhận phản ánh, kiến nghị",
  "feedback.transition": "Chuyển bước xử lý phản ánh, kiến nghị",
  "feedback.satisfaction": "Ghi nhận mức độ hài lòng",
  "dossier.import": "Nhập hồ sơ từ tệp",
  "dossier.import_mapping": "Lưu cách ghép cột nhập hồ sơ",
  "dossier.import_void": "Hủy lần nhập hồ sơ",
  "methodology.create": "Tạo bộ tiêu chí",
  "methodology.import": "Nhập bộ tiêu chí",
  "methodology.publish": "Công bố bộ tiêu chí",
  "scorecard.open": "Mở kỳ chấm điểm",
  "scorecard.entry": "Tự chấm điểm",
  "scorecard.appraise_entry": "Thẩm định điểm",
  "scorecard.evidence": "Gắn tài liệu chấm điểm",
  "scorecard.transition": "Chuyển bước chấm điểm",
  "sipas.response": "Nhập phiếu khảo sát SIPAS",
  "report.kind_create": "Tạo loại báo cáo",
  "report.create": "Tạo báo cáo",
  "report.update": "Sửa báo cáo",
  "report.submit": "Gửi báo cáo",
  "report.review": "Xem xét báo cáo",
};

export const AUDIT_ENTITY_LABELS: Record<AuditEntityType, string> = {
  unit: "Đơn vị",
  agency: "Cơ quan",
  user: "Người dùng",
  session: "Phiên đăng nhập",
  system: "Hệ thống",
  plan: "Kế hoạch",
  target: "Chỉ tiêu",
  task: "Nhiệm vụ",
  evidence: "Tài liệu kiểm chứng",
  official_schedule: "Lịch nghỉ, làm bù",
  desk_settings: "Cấu hình Một cửa",
  procedure: "Thủ tục hành chính",
  dossier: "Hồ sơ",
  feedback: "Phản ánh, kiến nghị",
  dossier_import: "Lần nhập hồ sơ",
  dossier_import_mapping: "Cách ghép cột nhập hồ sơ",
  methodology: "Bộ tiêu chí",
  scorecard: "Kỳ chấm điểm",
  sipas_response: "Phiếu khảo sát SIPAS",
  report_kind: "Loại báo cáo",
  report: "Báo cáo",
};

/** The label of a stored action; an action the catalogue no longer has shows as "Thao tác khác". */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? "Thao tác khác";
}

export function auditEntityLabel(entityType: string): string {
  return (AUDIT_ENTITY_LABELS as Record<string, string>)[entityType] ?? "Bản ghi khác";
}
