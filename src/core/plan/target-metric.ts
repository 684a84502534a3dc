/**
 * The catalogue of target metrics (chỉ tiêu). A target whose metric is known here can be
 * measured automatically once the capability that owns the data plugs into the metric registry.
 */
export const TARGET_METRICS = [
  "tasks_completed_rate",
  "on_time_rate",
  "late_apology_rate",
  "online_dossier_rate",
  "full_online_rate",
  "digitized_result_rate",
  "digitized_dossier_rate",
  "online_payment_rate",
  "satisfaction_rate",
  "satisfaction_rate_land_construction",
  "feedback_on_time_rate",
  "service_index_766",
  "par_index_score",
  "par_index_rank",
  "inspected_units_rate",
  "manual",
] as const;

export type TargetMetric = (typeof TARGET_METRICS)[number];

/** The unit a target value is counted in. */
export const TARGET_UNITS = ["percent", "points", "rank", "count"] as const;
export type TargetUnit = (typeof TARGET_UNITS)[number];

export const TARGET_METRIC_INFO: Record<TargetMetric, { label: string; unit: TargetUnit | null }> =
  {
    tasks_completed_rate: { label: "Tỷ lệ nhiệm vụ hoàn thành", unit: "percent" },
    on_time_rate: { label: "Tỷ lệ hồ sơ giải quyết đúng hạn", unit: "percent" },
    late_apology_rate: { label: "Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi", unit: "percent" },
    online_dossier_rate: { label: "Tỷ lệ hồ sơ trực tuyến", unit: "percent" },
    full_online_rate: { label: "Tỷ lệ hồ sơ trực tuyến toàn trình", unit: "percent" },
    digitized_result_rate: { label: "Tỷ lệ số hóa kết quả giải quyết", unit: "percent" },
    digitized_dossier_rate: { label: "Tỷ lệ số hóa hồ sơ", unit: "percent" },
    online_payment_rate: { label: "Tỷ lệ thanh toán trực tuyến", unit: "percent" },
    satisfaction_rate: { label: "Mức độ hài lòng của người dân, doanh nghiệp", unit: "percent" },
    satisfaction_rate_land_construction: {
      label: "Mức độ hài lòng trong lĩnh vực đất đai, xây dựng",
      unit: "percent",
    },
    feedback_on_time_rate: { label: "Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn", unit: "percent" },
    service_index_766: {
      label: "Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)",
      unit: "points",
    },
    par_index_score: { label: "Điểm Chỉ số cải cách hành chính", unit: "points" },
    par_index_rank: { label: "Xếp hạng Chỉ số cải cách hành chính", unit: "rank" },
    inspected_units_rate: { label: "Tỷ lệ cơ quan, đơn vị được kiểm tra", unit: "percent" },
    manual: { label: "Chỉ tiêu khác (nhập tay)", unit: null },
  };

/** How a measured value is compared with a target ("rank_between" uses value and value_high). */
export const TARGET_COMPARATORS = ["gte", "gt", "eq", "lte", "lt", "rank_between"] as const;
export type TargetComparator = (typeof TARGET_COMPARATORS)[number];
