/**
 * Typed errors with a stable English code and a Vietnamese message. One table maps every code
 * to its HTTP status and message; the Record type makes the table exhaustive.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, message: "Dữ liệu gửi lên không hợp lệ." },
  INVALID_JSON: { status: 400, message: "Nội dung yêu cầu không phải JSON hợp lệ." },
  PAYLOAD_TOO_LARGE: { status: 413, message: "Dữ liệu gửi lên vượt quá dung lượng cho phép." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Định dạng dữ liệu gửi lên không được hỗ trợ." },
  NOT_FOUND: { status: 404, message: "Không tìm thấy địa chỉ yêu cầu." },
  AUTH_REQUIRED: { status: 401, message: "Vui lòng đăng nhập để tiếp tục." },
  AUTH_INVALID_CREDENTIALS: { status: 401, message: "Tên đăng nhập hoặc mật khẩu không đúng." },
  AUTH_ACCOUNT_DISABLED: {
    status: 403,
    message: "Tài khoản đã bị khóa. Vui lòng liên hệ quản trị hệ thống.",
  },
  AUTH_RATE_LIMITED: {
    status: 429,
    message: "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút.",
  },
  RATE_LIMITED: { status: 429, message: "Quá nhiều yêu cầu. Vui lòng thử lại sau ít phút." },
  CSRF_INVALID: {
    status: 403,
    message: "Phiên làm việc không hợp lệ (thiếu mã chống giả mạo). Vui lòng tải lại trang.",
  },
  FORBIDDEN: { status: 403, message: "Bạn không có quyền thực hiện thao tác này." },
  UNIT_NOT_FOUND: { status: 404, message: "Không tìm thấy đơn vị." },
  UNIT_CODE_TAKEN: { status: 409, message: "Mã đơn vị {code} đã được sử dụng." },
  UNIT_PARENT_INVALID: { status: 400, message: "Đơn vị cấp trên không hợp lệ: {reason}." },
  UNIT_KIND_INVALID: {
    status: 400,
    message: "Loại hình (xã/phường/thị trấn/đặc khu) chỉ áp dụng cho đơn vị cấp xã.",
  },
  UNIT_IMPORT_INVALID: {
    status: 400,
    message: "Tệp danh sách đơn vị có lỗi; chưa có dữ liệu nào được lưu.",
  },
  FILE_UNSUPPORTED: { status: 400, message: "Chỉ chấp nhận tệp {accepted}." },
  FILE_REQUIRED: { status: 400, message: "Vui lòng chọn tệp để tải lên." },
  AGENCY_NOT_FOUND: { status: 404, message: "Không tìm thấy cơ quan." },
  AGENCY_NAME_TAKEN: { status: 409, message: "Đơn vị đã có cơ quan tên “{name}”." },
  USER_NOT_FOUND: { status: 404, message: "Không tìm thấy người dùng." },
  USERNAME_TAKEN: { status: 409, message: "Tên đăng nhập {username} đã được sử dụng." },
  USER_AGENCY_MISMATCH: {
    status: 400,
    message: "Cơ quan được chọn không thuộc đơn vị được chọn.",
  },
  PASSWORD_TOO_WEAK: {
    status: 400,
    message: "Mật khẩu phải có ít nhất 10 ký tự.",
  },
  DATA_FOLDER_LOCKED: {
    status: 409,
    message:
      "Thư mục dữ liệu {dataDir} đang được một tiến trình CCHC khác sử dụng (pid {pid}). Hãy dừng tiến trình đó hoặc dùng lệnh qua API của máy chủ đang chạy.",
  },
  INTERNAL_ERROR: {
    status: 500,
    message: "Đã có lỗi hệ thống. Vui lòng thử lại; nếu lỗi lặp lại, hãy báo quản trị hệ thống.",
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface ErrorDetail {
  path?: string;
  row?: number;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[] | undefined;

  constructor(
    code: ErrorCode,
    options: { params?: Record<string, string | number>; details?: ErrorDetail[] } = {},
  ) {
    const entry = ERROR_CATALOGUE[code];
    super(interpolate(entry.message, options.params ?? {}));
    this.name = "AppError";
    this.code = code;
    this.status = entry.status;
    this.details = options.details;
  }
}

function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}

export function errorBody(error: AppError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    },
  };
}
