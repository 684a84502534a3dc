import { RuleError } from "../core/errors.ts";

/**
 * Typed errors with a stable English code and a Vietnamese message. One table maps every code
 * to its HTTP status and message; the Record type makes the table exhaustive.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, message: "Dữ liệu gửi lên không hợp lệ." },
  INVALID_JSON: { status: 400, message: "Nội dung yêu cầu không phải JSON hợp lệ." },
  /** `{reason}` states the limit that applied: "Tệp lớn hơn 20 MB.", "Dữ liệu gửi lên lớn hơn 1 MB." */
  PAYLOAD_TOO_LARGE: { status: 413, message: "{reason}" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Định dạng dữ liệu gửi lên không được hỗ trợ." },
  MULTIPART_MALFORMED: {
    status: 400,
    message:
      "Dữ liệu tải lên bị cắt cụt hoặc không đúng định dạng multipart/form-data. Vui lòng gửi lại tệp.",
  },
  REQUEST_MALFORMED: {
    status: 400,
    message:
      "Yêu cầu không đúng định dạng HTTP (ký tự ngoài ASCII trong địa chỉ phải được mã hóa URL).",
  },
  REQUEST_HEADERS_TOO_LARGE: {
    status: 431,
    message: "Địa chỉ hoặc phần tiêu đề của yêu cầu quá dài.",
  },
  NOT_FOUND: { status: 404, message: "Không tìm thấy địa chỉ yêu cầu." },
  AUTH_REQUIRED: { status: 401, message: "Vui lòng đăng nhập để tiếp tục." },
  AUTH_INVALID_CREDENTIALS: { status: 401, message: "Tên đăng nhập hoặc mật khẩu không đúng." },
  AUTH_ACCOUNT_DISABLED: {
    status: 403,
    message: "Tài khoản đã bị khóa. Vui lòng liên hệ quản trị hệ thống.",
  },
  AUTH_RATE_LIMITED: {
    status: 429,
    message: "Đăng nhập sai nhiều lần. Vui lòng chờ {wait} rồi thử lại.",
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
  /** A dossier or feedback dated when its unit did not exist (before it began, after a merger). */
  UNIT_NOT_VALID_ON_DATE: { status: 422, message: "{reason}" },
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
  FILE_TOO_COMPLEX: {
    status: 422,
    message:
      "Tệp quá lớn hoặc quá phức tạp để đọc an toàn: {reason}. Hãy chia thành nhiều tệp nhỏ hơn hoặc lưu lại tệp rồi thử lại.",
  },
  FILE_PARSE_TIMEOUT: {
    status: 422,
    message:
      "Đọc tệp mất quá {seconds} giây nên đã dừng. Hãy kiểm tra lại tệp hoặc chia thành nhiều tệp nhỏ hơn.",
  },
  FILE_PARSE_BUSY: {
    status: 503,
    message: "Máy chủ đang đọc các tệp khác. Vui lòng thử lại sau ít phút.",
  },
  AGENCY_NOT_FOUND: { status: 404, message: "Không tìm thấy cơ quan." },
  AGENCY_NAME_TAKEN: { status: 409, message: "Đơn vị đã có cơ quan tên “{name}”." },
  USER_NOT_FOUND: { status: 404, message: "Không tìm thấy người dùng." },
  USERNAME_TAKEN: { status: 409, message: "Tên đăng nhập {username} đã được sử dụng." },
  USER_AGENCY_MISMATCH: {
    status: 400,
    message: "Cơ quan được chọn không thuộc đơn vị được chọn.",
  },
  /** `{reason}` names the rule the password breaks (core/access/password-policy.ts). */
  PASSWORD_TOO_WEAK: { status: 400, message: "{reason}" },
  PASSWORD_CURRENT_WRONG: { status: 400, message: "Mật khẩu hiện tại không đúng." },
  PASSWORD_UNCHANGED: { status: 400, message: "Mật khẩu mới phải khác mật khẩu hiện tại." },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    message: "Bạn cần đổi mật khẩu trước khi tiếp tục làm việc.",
  },
  CONFIG_TRUST_PROXY_INVALID: {
    status: 400,
    message: "CCHC_TRUST_PROXY=“{value}” không hợp lệ: {reason}.",
  },
  CONFIG_RETENTION_INVALID: {
    status: 400,
    message: "{name}=“{value}” không hợp lệ: cần một số nguyên {range}.",
  },
  PERSONAL_DATA_QUERY_INVALID: {
    status: 400,
    message:
      "Cần ít nhất một thông tin đúng dạng của người cần tra cứu: số điện thoại (9–11 chữ số, có thể viết +84), số CMND/CCCD (9 hoặc 12 chữ số) hoặc họ tên đầy đủ.",
  },
  PERSONAL_DATA_NOTHING_SELECTED: {
    status: 400,
    message: "Chưa có hồ sơ hay phản ánh, kiến nghị nào của người này để ẩn danh.",
  },
  PERSONAL_DATA_RECORD_NOT_OF_PERSON: {
    status: 409,
    message:
      "{records} không nằm trong kết quả tra cứu của người này trong phạm vi quản trị của bạn. Hãy tra cứu lại rồi ẩn danh.",
  },
  PERSONAL_DATA_RECORDS_OPEN: {
    status: 409,
    message:
      "Chưa thể ẩn danh vì còn hồ sơ, phản ánh đang giải quyết: {records}. Chỉ ẩn danh được khi tất cả đã kết thúc (đã trả kết quả, trả lời, chuyển hoặc từ chối); chưa có gì bị thay đổi.",
  },
  PERSONAL_DATA_DATE_INVALID: {
    status: 400,
    message: "Ngày “{value}” không hợp lệ: cần dạng YYYY-MM-DD.",
  },
  DATA_FOLDER_LOCKED: {
    status: 409,
    message:
      "Thư mục dữ liệu {dataDir} đang được một tiến trình CCHC khác sử dụng (pid {pid}). Hãy dừng tiến trình đó hoặc dùng lệnh qua API của máy chủ đang chạy.",
  },
  CALENDAR_INVALID_SCHEDULE: { status: 400, message: "{reason}" },
  CALENDAR_INVALID_DATE: { status: 400, message: "{reason}" },
  CALENDAR_YEAR_OUT_OF_RANGE: { status: 400, message: "{reason}" },
  CALENDAR_SCHEDULE_NOT_FOUND: { status: 404, message: "Không tìm thấy lịch nghỉ chính thức." },
  DESK_CUTOFF_INVALID: {
    status: 400,
    message: "Giờ chốt tiếp nhận phải có dạng HH:mm (ví dụ 15:00).",
  },
  DESK_AGENCY_CODE_INVALID: {
    status: 400,
    message: "Mã cơ quan “{code}” không đúng cấu trúc QCVN 102:2016 (ví dụ 000.00.12.H56).",
  },
  DESK_AGENCY_CODE_MISSING: {
    status: 409,
    message:
      "Đơn vị {unit} chưa khai báo mã cơ quan (QCVN 102:2016) để cấp mã hồ sơ. Vui lòng nhờ quản trị cập nhật cấu hình Bộ phận Một cửa.",
  },
  PROCEDURE_NOT_FOUND: { status: 404, message: "Không tìm thấy thủ tục hành chính." },
  PROCEDURE_CODE_TAKEN: {
    status: 409,
    message: "Danh mục của đơn vị đã có thủ tục mã {code}.",
  },
  PROCEDURE_INACTIVE: {
    status: 400,
    message: "Thủ tục {code} đã ngừng áp dụng; không thể tiếp nhận hồ sơ mới.",
  },
  PROCEDURE_IMPORT_INVALID: {
    status: 400,
    message: "Tệp danh mục thủ tục có lỗi; chưa có dữ liệu nào được lưu.",
  },
  DOSSIER_NOT_FOUND: { status: 404, message: "Không tìm thấy hồ sơ." },
  REGISTER_CURSOR_INVALID: {
    status: 400,
    message: "Vị trí trang của sổ theo dõi không hợp lệ. Vui lòng tải lại danh sách từ trang đầu.",
  },
  DOSSIER_TRANSITION_INVALID: { status: 409, message: "{reason}" },
  DOSSIER_REASON_REQUIRED: { status: 400, message: "Vui lòng ghi rõ lý do khi “{action}”." },
  DOSSIER_TIME_INVALID: { status: 400, message: "Thời điểm không hợp lệ: {reason}." },
  DOSSIER_AGENCY_INVALID: {
    status: 400,
    message: "Cơ quan nhận hồ sơ phải là cơ quan đang hoạt động của cùng đơn vị.",
  },
  DOSSIER_APOLOGY_REQUIRED: {
    status: 409,
    message: "Hồ sơ đã quá hạn (hạn trả {due}): cần lập “{title}” trước khi kết thúc giải quyết.",
  },
  DOSSIER_APOLOGY_INVALID: { status: 400, message: "{reason}" },
  DOSSIER_NOT_REFUSED: {
    status: 409,
    message:
      "Hồ sơ {code} đang ở trạng thái “{state}”: chỉ hồ sơ đã bị từ chối giải quyết mới có phiếu từ chối.",
  },
  DOSSIER_NO_SUPPLEMENT_REQUEST: {
    status: 409,
    message:
      "Hồ sơ {code} chưa có yêu cầu bổ sung nào: chỉ hồ sơ đã được yêu cầu bổ sung mới có phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.",
  },
  DOSSIER_NOT_STOPPED: {
    status: 409,
    message:
      "Hồ sơ {code} đang ở trạng thái “{state}”: chỉ hồ sơ đã dừng giải quyết mới có thông báo dừng giải quyết.",
  },
  DOSSIER_STOP_NOTICE_NOT_APPLICABLE: {
    status: 409,
    message:
      "Hồ sơ {code} được tiếp nhận theo {basis}, không có thông báo dừng giải quyết (chỉ áp dụng cho hồ sơ tiếp nhận từ 01/07/2025).",
  },
  DOSSIER_SEQUENCE_EXHAUSTED: { status: 409, message: "{reason}" },
  DOSSIER_VOIDED: {
    status: 409,
    message: "Hồ sơ {code} đã bị hủy (nhập sai) nên không thể xử lý hoặc sửa nữa.",
  },
  DOSSIER_VOID_NOT_IMPORTED: {
    status: 409,
    message:
      "Hồ sơ {code} được tiếp nhận tại Bộ phận Một cửa, không phải nhập từ tệp: chỉ hủy được hồ sơ nhập sai; hồ sơ tiếp nhận tại quầy được kết thúc bằng các bước xử lý (từ chối, rút hồ sơ…).",
  },
  DOSSIER_RULE_NOT_IN_FORCE: { status: 400, message: "{reason}" },
  /** A procedure's required documents or the documents received: names, forms, copies, sets. */
  DOSSIER_DOCUMENTS_INVALID: {
    status: 400,
    message: "Danh sách thành phần hồ sơ có lỗi: {reason}",
  },
  /** A required document was not received and the clerk did not confirm receiving it so. */
  DOSSIER_DOCUMENTS_INCOMPLETE: { status: 409, message: "{reason}" },
  /** The applicant's ID number is not a CCCD, CMND or passport number. */
  DOSSIER_APPLICANT_ID_INVALID: { status: 400, message: "{reason}" },
  DOSSIER_APPLICANT_KIND_INVALID: { status: 400, message: "{reason}" },
  REGISTER_BOOK_YEAR_INVALID: { status: 400, message: "{reason}" },
  REGISTER_BOOK_BACKWARDS: { status: 409, message: "{reason}" },
  REGISTER_BOOK_START_INVALID: { status: 400, message: "{reason}" },
  /** The printed register's period: first day after the last, longer than a year; a part beyond. */
  REGISTER_PRINT_PERIOD_INVALID: { status: 400, message: "{reason}" },
  REGISTER_PRINT_PERIOD_TOO_LONG: { status: 400, message: "{reason}" },
  REGISTER_PRINT_PART_INVALID: { status: 400, message: "{reason}" },
  PUBLIC_LOOKUP_FAILED: {
    status: 404,
    message:
      "Không tìm thấy hồ sơ khớp với mã hồ sơ và 4 số cuối điện thoại đã nhập. Vui lòng kiểm tra lại.",
  },
  PUBLIC_LOOKUP_LOCKED: {
    status: 429,
    message:
      "Mã này đã bị nhập sai 4 số cuối điện thoại nhiều lần nên tạm ngừng tra cứu. Vui lòng thử lại sau {wait}.",
  },
  FEEDBACK_NOT_FOUND: { status: 404, message: "Không tìm thấy phản ánh, kiến nghị." },
  FEEDBACK_TRANSITION_INVALID: { status: 409, message: "{reason}" },
  FEEDBACK_CODE_INVALID: { status: 400, message: "{reason}" },
  FEEDBACK_SEQUENCE_EXHAUSTED: { status: 409, message: "{reason}" },
  FEEDBACK_RULE_NOT_IN_FORCE: { status: 400, message: "{reason}" },
  FEEDBACK_REASON_REQUIRED: { status: 400, message: "Vui lòng ghi rõ lý do khi “{action}”." },
  FEEDBACK_ANSWER_REQUIRED: { status: 400, message: "Vui lòng nhập nội dung trả lời." },
  FEEDBACK_CLASSIFICATION_REQUIRED: {
    status: 400,
    message:
      "Vui lòng chọn loại phản ánh, kiến nghị: về quy định hành chính hay về hành vi hành chính.",
  },
  FEEDBACK_TIME_INVALID: { status: 400, message: "Thời điểm không hợp lệ: {reason}." },
  FEEDBACK_AGENCY_INVALID: {
    status: 400,
    message: "Cơ quan được giao xử lý phải là cơ quan đang hoạt động của cùng đơn vị.",
  },
  FEEDBACK_PHONE_INVALID: {
    status: 400,
    message: "Số điện thoại “{phone}” không hợp lệ (cần 9–12 chữ số).",
  },
  FEEDBACK_UNIT_INVALID: {
    status: 400,
    message: "Không tìm thấy đơn vị có mã “{code}” để gửi phản ánh, kiến nghị.",
  },
  FEEDBACK_LOOKUP_FAILED: {
    status: 404,
    message:
      "Không tìm thấy phản ánh, kiến nghị khớp với mã và 4 số cuối điện thoại đã nhập. Vui lòng kiểm tra lại.",
  },
  FEEDBACK_NOT_PUBLISHED: {
    status: 409,
    message:
      "Kết quả trả lời phản ánh, kiến nghị này chưa được công khai nên chưa thể đánh giá mức độ hài lòng.",
  },
  FEEDBACK_SATISFACTION_RECORDED: {
    status: 409,
    message: "Đánh giá mức độ hài lòng với kết quả trả lời này đã được ghi nhận trước đó.",
  },
  FEEDBACK_PUBLIC_TEXT_REQUIRED: {
    status: 400,
    message:
      "Vui lòng xem lại và xác nhận tiêu đề, nội dung và câu trả lời sẽ công khai (đã che thông tin cá nhân) trước khi công khai.",
  },
  FEEDBACK_PUBLIC_TEXT_HAS_PERSONAL_DATA: {
    status: 400,
    message:
      "Nội dung công khai còn thông tin cá nhân không được công khai ({found}). Vui lòng che trước khi xác nhận công bố.",
  },
  SIPAS_UNIT_INVALID: {
    status: 400,
    message: "Không tìm thấy đơn vị {code} hoặc đơn vị đã ngừng hoạt động.",
  },
  SIPAS_ANSWERS_INVALID: {
    status: 400,
    message: "Phiếu khảo sát chưa hợp lệ; chưa có câu trả lời nào được lưu.",
  },
  SIPAS_FIELD_INVALID: {
    status: 400,
    message: "Lĩnh vực “{field}” không có trong danh mục thủ tục của đơn vị.",
  },
  SIPAS_PHONE_REQUIRED: {
    status: 400,
    message: "Vui lòng nhập 4 số cuối điện thoại đã ghi trên giấy tiếp nhận hồ sơ.",
  },
  SIPAS_DOSSIER_NOT_IN_UNIT: {
    status: 404,
    message: "Không tìm thấy hồ sơ {code} của đơn vị này.",
  },
  SIPAS_DOSSIER_ALREADY_ANSWERED: {
    status: 409,
    message: "Hồ sơ này đã có phiếu đánh giá sự hài lòng; mỗi hồ sơ chỉ được đánh giá một lần.",
  },
  SIPAS_RATE_LIMITED: {
    status: 429,
    message: "Thiết bị hoặc mạng này vừa gửi nhiều phiếu đánh giá. Vui lòng thử lại sau {wait}.",
  },
  SIPAS_PERIOD_INVALID: {
    status: 400,
    message: "Khoảng thời gian không hợp lệ: ngày bắt đầu phải trước ngày kết thúc.",
  },
  KPI_PERIOD_INVALID: {
    status: 400,
    message:
      "Kỳ báo cáo không hợp lệ: cần tháng, quý, nửa năm, năm hoặc khoảng ngày (từ ngày – đến ngày).",
  },
  PLAN_NOT_FOUND: { status: 404, message: "Không tìm thấy kế hoạch." },
  PLAN_NOT_EDITABLE: {
    status: 409,
    message: "Kế hoạch đã ban hành nên không sửa được; hãy tạo bản sửa đổi, bổ sung.",
  },
  PLAN_TRANSITION_NOT_ALLOWED: {
    status: 409,
    message: "Không thể chuyển kế hoạch từ trạng thái “{from}” sang “{to}”.",
  },
  PLAN_TASKS_WITHOUT_LEAD: {
    status: 409,
    message:
      "Còn {count} nhiệm vụ chưa có cơ quan chủ trì. Hãy giao cơ quan chủ trì, hoặc xác nhận vẫn ban hành.",
  },
  PLAN_PERIOD_INVALID: { status: 400, message: "Thời kỳ kế hoạch không hợp lệ: {reason}." },
  PLAN_SOURCE_INVALID: { status: 400, message: "Kế hoạch nguồn không hợp lệ: {reason}." },
  PLAN_AREA_UNKNOWN: { status: 400, message: "Lĩnh vực “{key}” không thuộc kế hoạch này." },
  PLAN_TARGET_NOT_FOUND: { status: 404, message: "Không tìm thấy chỉ tiêu." },
  TASK_NOT_FOUND: { status: 404, message: "Không tìm thấy nhiệm vụ." },
  TASK_STATUS_INVALID: { status: 400, message: "Trạng thái nhiệm vụ không hợp lệ." },
  TASK_AGENCY_INVALID: {
    status: 400,
    message: "Cơ quan “{agency}” không thuộc đơn vị của kế hoạch.",
  },
  EVIDENCE_NOT_FOUND: { status: 404, message: "Không tìm thấy tài liệu kiểm chứng." },
  EVIDENCE_TOO_LARGE: {
    status: 413,
    message: "Tệp kiểm chứng vượt quá {limit} MB.",
  },
  EVIDENCE_TYPE_NOT_ALLOWED: {
    status: 415,
    message:
      "Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh (JPG, PNG); tệp này là {detected}.",
  },
  TASK_IMPORT_INVALID: {
    status: 400,
    message: "Tệp Excel cập nhật nhiệm vụ có lỗi; chưa có thay đổi nào được lưu.",
  },
  IMPORT_UNSUPPORTED_FILE: {
    status: 415,
    message:
      "Định dạng tệp “{filename}” không được hỗ trợ. Chỉ nhận tệp .docx, .pdf, .txt hoặc .md.",
  },
  IMPORT_UNREADABLE_FILE: {
    status: 422,
    message: "Không đọc được nội dung tệp “{filename}”: {reason}",
  },
  IMPORT_NOTHING_FOUND: {
    status: 422,
    message:
      "Không tìm thấy nội dung kế hoạch trong “{filename}” (không có tiêu đề, căn cứ, chỉ tiêu hay nhiệm vụ nào).",
  },
  IMPORT_UNIT_REQUIRED: {
    status: 400,
    message: "Vui lòng chọn đơn vị sẽ nhận kế hoạch nhập.",
  },
  METHODOLOGY_NOT_FOUND: { status: 404, message: "Không tìm thấy bộ tiêu chí." },
  METHODOLOGY_CRITERIA_INVALID: {
    status: 400,
    message: "Bảng tiêu chí có lỗi; chưa có dữ liệu nào được lưu.",
  },
  METHODOLOGY_DOCUMENT_INVALID: {
    status: 400,
    message: "Tệp phương pháp chấm có lỗi (xem từng lỗi kèm vị trí); chưa có dữ liệu nào được lưu.",
  },
  METHODOLOGY_UNKNOWN_METRIC: {
    status: 400,
    message:
      "Bộ chỉ số gắn tiêu chí với chỉ số đo không có trong hệ thống: {codes}. Hãy sửa mã chỉ số đo (metric); chưa có dữ liệu nào được lưu.",
  },
  METHODOLOGY_VERSION_EXISTS: {
    status: 409,
    message:
      "Đơn vị đã có phương pháp chấm “{code}” phiên bản {version}. Quy định thay đổi thì nhập phiên bản mới.",
  },
  METHODOLOGY_NO_DOCUMENT: {
    status: 409,
    message:
      "Bộ tiêu chí này mới là bảng điểm tối đa, chưa có quy tắc chấm điểm: chưa xuất hay chấm điểm được.",
  },
  METHODOLOGY_INPUTS_INVALID: {
    status: 400,
    message: "Số liệu chấm điểm có lỗi (xem từng lỗi kèm vị trí); chưa chấm điểm.",
  },
  METHODOLOGY_NOT_PUBLISHABLE: {
    status: 409,
    message:
      "Chỉ ban hành được bộ chỉ số Chỉ số CCHC đã có quy tắc chấm điểm (nhập tệp phương pháp chấm hoặc dùng mẫu).",
  },
  METHODOLOGY_ALREADY_PUBLISHED: { status: 409, message: "Bộ chỉ số này đã được ban hành." },
  SCORECARD_NOT_FOUND: { status: 404, message: "Không tìm thấy phiếu chấm điểm Chỉ số CCHC." },
  SCORECARD_NO_METHODOLOGY: {
    status: 409,
    message:
      "Chưa có bộ chỉ số Chỉ số CCHC năm {year} cho cấp của đơn vị được ban hành (đơn vị cấp trên hoặc chính đơn vị ban hành).",
  },
  SCORECARD_LEAF_NOT_FOUND: {
    status: 404,
    message: "Bộ chỉ số của phiếu không có tiêu chí “{code}” (chỉ chấm ở tiêu chí thành phần).",
  },
  SCORECARD_ENTRY_INVALID: { status: 400, message: "{reason}" },
  SCORECARD_NOT_EDITABLE: {
    status: 409,
    message: "Phiếu đang ở trạng thái “{status}”: không sửa điểm được ở bước này.",
  },
  SCORECARD_TRANSITION_INVALID: {
    status: 409,
    message: "Không thể “{action}” phiếu đang ở trạng thái “{status}”.",
  },
  SCORECARD_REASON_REQUIRED: {
    status: 400,
    message: "Trả lại phiếu cần ghi lý do để đơn vị chỉnh sửa.",
  },
  SCORECARD_EVIDENCE_MISSING: {
    status: 422,
    message:
      "Còn tiêu chí tự chấm có điểm nhưng chưa có tài liệu kiểm chứng hay giải trình; chưa gửi được.",
  },
  SCORECARD_EVIDENCE_NOT_FOUND: {
    status: 404,
    message: "Không tìm thấy tài liệu kiểm chứng hoặc tài liệu không thuộc đơn vị của phiếu.",
  },
  SCORECARD_BANDS_INVALID: { status: 400, message: "{reason}" },
  NOTIFICATION_NOT_FOUND: { status: 404, message: "Không tìm thấy thông báo." },
  DOSSIER_IMPORT_NOT_FOUND: { status: 404, message: "Không tìm thấy lượt nhập hồ sơ." },
  DOSSIER_IMPORT_UPLOAD_NOT_FOUND: {
    status: 404,
    message: "Tệp đã tải lên để xem trước không còn trên máy chủ; vui lòng chọn lại tệp.",
  },
  DOSSIER_IMPORT_UNREADABLE: {
    status: 400,
    message: "Không đọc được tệp nhập hồ sơ: {reason}. Chưa có dữ liệu nào được lưu.",
  },
  DOSSIER_IMPORT_COLUMNS_INVALID: {
    status: 400,
    message: "Tệp không khớp các cột cần thiết để nhập hồ sơ; chưa có dữ liệu nào được lưu.",
  },
  DOSSIER_IMPORT_FILE_TOO_LARGE: { status: 413, message: "Tệp nhập hồ sơ vượt quá {limit} MB." },
  DOSSIER_IMPORT_BUSY: {
    status: 409,
    message: "Đơn vị đang có một lượt nhập hồ sơ chưa xong; vui lòng đợi lượt đó kết thúc.",
  },
  DOSSIER_IMPORT_ALREADY_VOIDED: {
    status: 409,
    message: "Các hồ sơ của lượt nhập này đã được hủy trước đó.",
  },
  BACKUP_FILE_EXISTS: {
    status: 409,
    message: "Tệp sao lưu {path} đã tồn tại; hãy chọn tên khác (không ghi đè bản sao lưu cũ).",
  },
  BACKUP_SCHEDULED_FAILED: {
    status: 500,
    message: "Sao lưu theo lịch không thành công: {reason}",
  },
  BACKUP_NOT_FOUND: { status: 404, message: "Không tìm thấy tệp sao lưu {path}." },
  BACKUP_FOREIGN: {
    status: 400,
    message: "Tệp {path} không phải bản sao lưu của CCHC (thiếu hoặc sai tệp mô tả manifest.json).",
  },
  BACKUP_DAMAGED: {
    status: 400,
    message: "Bản sao lưu bị hỏng hoặc bị cắt cụt: {reason}. Không có dữ liệu nào bị thay đổi.",
  },
  BACKUP_NEWER_VERSION: {
    status: 400,
    message:
      "Bản sao lưu được tạo bởi phiên bản CCHC mới hơn ({version}); hãy cập nhật CCHC trước khi khôi phục. Không có dữ liệu nào bị thay đổi.",
  },
  BACKUP_TARGET_NOT_EMPTY: {
    status: 409,
    message:
      "Cơ sở dữ liệu đích đã có dữ liệu. Khôi phục vào một thư mục dữ liệu hoặc cơ sở dữ liệu trống, hoặc dùng --replace để thay thế toàn bộ dữ liệu hiện có.",
  },
  BACKUP_REPLACE_VERSION_MISMATCH: {
    status: 409,
    message:
      "Chỉ thay thế được dữ liệu khi bản sao lưu cùng phiên bản cấu trúc với cơ sở dữ liệu đích; hãy khôi phục vào một cơ sở dữ liệu trống.",
  },
  /** PostgreSQL cannot be reached (restarting, failing over): the request changed nothing. */
  DATABASE_UNAVAILABLE: {
    status: 503,
    message:
      "Cơ sở dữ liệu tạm thời không truy cập được nên yêu cầu chưa được thực hiện (không có dữ liệu nào bị thay đổi). Vui lòng thử lại sau ít phút.",
  },
  REPORT_DUE_TEXT_INVALID: { status: 400, message: "{reason}" },
  REPORT_DUE_RULE_UNFIT: { status: 400, message: "{reason}" },
  REPORT_PERIOD_INVALID: { status: 400, message: "{reason}" },
  REPORT_KIND_NOT_FOUND: { status: 404, message: "Không tìm thấy loại báo cáo." },
  REPORT_NOT_FOUND: { status: 404, message: "Không tìm thấy báo cáo." },
  REPORT_PERIOD_NOT_OWED: {
    status: 400,
    message: "Đơn vị không phải nộp báo cáo này cho kỳ đã chọn.",
  },
  REPORT_TRANSITION_INVALID: { status: 409, message: "{reason}" },
  REPORT_RETURN_COMMENT_REQUIRED: {
    status: 400,
    message: "Khi trả lại báo cáo phải ghi rõ nội dung cần chỉnh sửa.",
  },
  REPORT_VERSION_NOT_FOUND: { status: 404, message: "Không tìm thấy phiên bản báo cáo." },
  /** Federation between instances (`{reason}` from core/federation/federation.ts). */
  FEDERATION_DISABLED: { status: 409, message: "{reason}" },
  FEDERATION_SECRET_WRONG: {
    status: 409,
    message:
      "Không mở được khóa liên thông: CCHC_FEDERATION_SECRET đã đổi so với khi tạo khóa. Hãy đặt lại đúng chuỗi bí mật cũ.",
  },
  FEDERATION_PUBLIC_KEY_INVALID: {
    status: 400,
    message:
      "Khóa công khai không hợp lệ (cần chuỗi base64 của khóa Ed25519 do CCHC cấp dưới hiển thị).",
  },
  FEDERATION_SELF: { status: 400, message: "Không thể liên kết hệ thống với chính nó." },
  FEDERATION_CHILD_TAKEN: {
    status: 409,
    message: "Hệ thống có mã định danh này đã được đăng ký là cấp dưới.",
  },
  FEDERATION_CHILD_NOT_FOUND: { status: 404, message: "Không tìm thấy hệ thống cấp dưới." },
  FEDERATION_PARENT_NOT_SET: {
    status: 409,
    message: "Chưa khai báo hệ thống cấp trên (địa chỉ và khóa công khai) ở trang Liên thông.",
  },
  FEDERATION_REPORT_NOT_SUBMITTED: {
    status: 409,
    message: "Chỉ gửi lên cấp trên được báo cáo đã gửi (đã chốt số liệu).",
  },
  FEDERATION_ENVELOPE_INVALID: { status: 400, message: "{reason}" },
  FEDERATION_SIGNATURE_INVALID: { status: 401, message: "{reason}" },
  FEDERATION_SENDER_UNKNOWN: { status: 401, message: "{reason}" },
  FEDERATION_SENDER_REVOKED: { status: 403, message: "{reason}" },
  FEDERATION_UNIT_UNKNOWN: { status: 422, message: "{reason}" },
  FEDERATION_UNIT_NOT_OWNED: { status: 403, message: "{reason}" },
  FEDERATION_PERIOD_MISMATCH: { status: 422, message: "{reason}" },
  FEDERATION_KIND_UNKNOWN: { status: 422, message: "{reason}" },
  FEDERATION_REPLAY: { status: 409, message: "{reason}" },
  FEDERATION_TOO_OLD: { status: 422, message: "{reason}" },
  FEDERATION_FROM_FUTURE: { status: 422, message: "{reason}" },
  /** LibreOffice (CCHC_SOFFICE, default `soffice`) is missing, failed or took too long. */
  DOCUMENT_PDF_UNAVAILABLE: {
    status: 503,
    message:
      "Máy chủ chưa chuyển được văn bản sang PDF (chưa cài LibreOffice hoặc chuyển đổi không thành công). Vui lòng tải bản Word.",
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
  readonly params: Record<string, string | number> | undefined;

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
    this.params = options.params;
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

const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_CATALOGUE, code);

/**
 * The one mapping of the core's rule errors to HTTP: a code the catalogue knows keeps its code and
 * status, the core's Vietnamese message filling the catalogue's `{reason}` (or, for a fixed
 * message, given as a detail); any other code is a VALIDATION_FAILED with the message as detail.
 */
export function appErrorOfRule(error: RuleError): AppError {
  const details = error.details ? [...error.details] : [{ message: error.message }];
  if (!isErrorCode(error.code)) return new AppError("VALIDATION_FAILED", { details });
  if (ERROR_CATALOGUE[error.code].message.includes("{reason}")) {
    return new AppError(error.code, {
      params: { reason: error.message },
      ...(error.details ? { details } : {}),
    });
  }
  return new AppError(error.code, { details });
}

/** Runs a pure core rule, turning the rule error it throws into its AppError. */
export function applyRule<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (error instanceof RuleError) throw appErrorOfRule(error);
    throw error;
  }
}
