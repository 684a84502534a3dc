import { toProcess, type KpiCounts } from "./kpi-counts.ts";
import { average, rate, type Average, type Rate } from "./rate.ts";

/**
 * The KPI catalogue: each rate with its Vietnamese name, what its numerator and denominator count,
 * and the dossier sets behind them (for the drill-down). Rates are computed from `KpiCounts`
 * only, so a rate of several units is always Σ numerators / Σ denominators.
 */
export const KPI_CODES = [
  "on_time_rate",
  "processing_on_time_rate",
  "late_apology_rate",
  "online_dossier_rate",
  "full_online_rate",
  "digitized_dossier_rate",
  "digitized_result_rate",
  "online_payment_rate",
  "dossier_receiving_satisfaction_rate",
  "feedback_on_time_rate",
  "feedback_processing_on_time_rate",
  "feedback_handling_satisfaction_rate",
  "feedback_satisfaction_rate",
] as const;
export type KpiCode = (typeof KPI_CODES)[number];

/** Dossier sets a figure can be drilled down to (GET /api/kpi/dossiers?set=…). */
export const DOSSIER_SETS = [
  "to_process",
  "received_new",
  "carried_over",
  "resolved",
  "early",
  "on_time",
  "early_or_on_time",
  "late",
  "pending",
  "overdue",
  "late_or_overdue",
  "late_with_apology",
  "late_without_apology",
  "within_due",
  "online",
  "full_online_eligible",
  "full_online",
  "digitised",
  "with_result",
  "electronic_result",
  "fee_due",
  "online_payment",
] as const;
export type DossierSet = (typeof DOSSIER_SETS)[number];

export interface KpiDefinition {
  code: KpiCode;
  name: string;
  numerator: string;
  denominator: string;
  /** The dossier sets behind the figures; null for feedback figures (listed under /api/feedback). */
  numeratorSet: DossierSet | null;
  denominatorSet: DossierSet | null;
  compute(c: KpiCounts): [number, number];
}

const lateOrOverdue = (c: KpiCounts) => c.late + c.overdueAtEnd;

export const KPI_CATALOGUE: readonly KpiDefinition[] = [
  {
    code: "on_time_rate",
    name: "Tỷ lệ hồ sơ giải quyết đúng hạn",
    numerator: "Hồ sơ giải quyết xong trong kỳ trước hạn hoặc đúng hạn",
    denominator: "Hồ sơ giải quyết xong trong kỳ (có kết quả, trả kết quả, từ chối, dừng)",
    numeratorSet: "early_or_on_time",
    denominatorSet: "resolved",
    compute: (c) => [c.early + c.onTime, c.resolved],
  },
  {
    code: "processing_on_time_rate",
    name: "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn (đã và đang xử lý)",
    numerator: "Hồ sơ đã xử lý trước hạn, đúng hạn và hồ sơ đang xử lý còn trong hạn cuối kỳ",
    denominator: "Hồ sơ cần xử lý: tiếp nhận trong kỳ và kỳ trước chuyển sang",
    numeratorSet: "within_due",
    denominatorSet: "to_process",
    compute: (c) => [c.early + c.onTime + c.pendingAtEnd, toProcess(c)],
  },
  {
    code: "late_apology_rate",
    name: "Tỷ lệ hồ sơ trễ hạn có văn bản xin lỗi",
    numerator: "Hồ sơ trễ hạn, quá hạn có văn bản xin lỗi đến cuối kỳ",
    denominator: "Hồ sơ giải quyết trễ hạn trong kỳ và hồ sơ quá hạn cuối kỳ",
    numeratorSet: "late_with_apology",
    denominatorSet: "late_or_overdue",
    compute: (c) => [c.lateWithApology, lateOrOverdue(c)],
  },
  {
    code: "online_dossier_rate",
    name: "Tỷ lệ hồ sơ trực tuyến",
    numerator: "Hồ sơ tiếp nhận trực tuyến trong kỳ",
    denominator: "Hồ sơ tiếp nhận trong kỳ",
    numeratorSet: "online",
    denominatorSet: "received_new",
    compute: (c) => [c.online, c.receivedNew],
  },
  {
    code: "full_online_rate",
    name: "Tỷ lệ hồ sơ trực tuyến toàn trình",
    numerator:
      "Hồ sơ tiếp nhận trực tuyến trong kỳ của thủ tục cung cấp dịch vụ công trực tuyến toàn trình",
    denominator: "Hồ sơ tiếp nhận trong kỳ của thủ tục cung cấp dịch vụ công trực tuyến toàn trình",
    numeratorSet: "full_online",
    denominatorSet: "full_online_eligible",
    compute: (c) => [c.fullOnline, c.fullOnlineEligible],
  },
  {
    code: "digitized_dossier_rate",
    name: "Tỷ lệ số hóa hồ sơ",
    numerator: "Hồ sơ tiếp nhận trong kỳ được số hóa thành phần khi tiếp nhận",
    denominator: "Hồ sơ tiếp nhận trong kỳ",
    numeratorSet: "digitised",
    denominatorSet: "received_new",
    compute: (c) => [c.digitised, c.receivedNew],
  },
  {
    code: "digitized_result_rate",
    name: "Tỷ lệ số hóa kết quả giải quyết",
    numerator: "Hồ sơ có kết quả trong kỳ được cấp kết quả điện tử",
    denominator: "Hồ sơ có kết quả giải quyết trong kỳ",
    numeratorSet: "electronic_result",
    denominatorSet: "with_result",
    compute: (c) => [c.electronicResult, c.withResult],
  },
  {
    code: "online_payment_rate",
    name: "Tỷ lệ thanh toán trực tuyến",
    numerator: "Hồ sơ tiếp nhận trong kỳ có phí, lệ phí được thanh toán trực tuyến",
    denominator: "Hồ sơ tiếp nhận trong kỳ của thủ tục có phí, lệ phí",
    numeratorSet: "online_payment",
    denominatorSet: "fee_due",
    compute: (c) => [c.onlinePayment, c.feeDue],
  },
  {
    code: "dossier_receiving_satisfaction_rate",
    name: "Mức độ hài lòng trong tiếp nhận, giải quyết hồ sơ",
    numerator:
      "Hồ sơ cần xử lý trừ hồ sơ trễ hạn, quá hạn (chưa ghi nhận đánh giá của người dân theo hồ sơ)",
    denominator: "Hồ sơ cần xử lý: tiếp nhận trong kỳ và kỳ trước chuyển sang",
    numeratorSet: "within_due",
    denominatorSet: "to_process",
    compute: (c) => [toProcess(c) - lateOrOverdue(c), toProcess(c)],
  },
  {
    code: "feedback_on_time_rate",
    name: "Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn",
    numerator: "Phản ánh, kiến nghị thuộc thẩm quyền trả lời trước hạn, đúng hạn",
    denominator: "Phản ánh, kiến nghị thuộc thẩm quyền đã trả lời hoặc quá hạn cuối kỳ",
    numeratorSet: null,
    denominatorSet: null,
    compute: (c) => [c.feedbackOnTime, c.feedbackOnTime + c.feedbackLate + c.feedbackOverdue],
  },
  {
    code: "feedback_processing_on_time_rate",
    name: "Tỷ lệ phản ánh, kiến nghị xử lý đúng, trước hạn và đang xử lý trong hạn",
    numerator:
      "Phản ánh, kiến nghị trả lời trước hạn, đúng hạn và đang xử lý còn trong hạn cuối kỳ",
    denominator: "Phản ánh, kiến nghị thuộc thẩm quyền tiếp nhận trong kỳ",
    numeratorSet: null,
    denominatorSet: null,
    compute: (c) => [c.feedbackOnTime + c.feedbackPending, c.feedbackWithinCompetence],
  },
  {
    code: "feedback_handling_satisfaction_rate",
    name: "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị",
    numerator:
      "Phản ánh, kiến nghị thuộc thẩm quyền trừ số bị đánh giá không hài lòng hoặc xử lý quá hạn",
    denominator: "Phản ánh, kiến nghị thuộc thẩm quyền tiếp nhận trong kỳ",
    numeratorSet: null,
    denominatorSet: null,
    compute: (c) => [
      c.feedbackWithinCompetence - c.feedbackUnsatisfiedOrLate,
      c.feedbackWithinCompetence,
    ],
  },
  {
    code: "feedback_satisfaction_rate",
    name: "Tỷ lệ hài lòng với câu trả lời phản ánh, kiến nghị",
    numerator: "Phản ánh, kiến nghị được người gửi đánh giá hài lòng",
    denominator: "Phản ánh, kiến nghị được người gửi đánh giá",
    numeratorSet: null,
    denominatorSet: null,
    compute: (c) => [c.feedbackSatisfied, c.feedbackRated],
  },
];

export const KPI_BY_CODE = new Map(KPI_CATALOGUE.map((kpi) => [kpi.code, kpi]));

export interface KpiFigures {
  counts: KpiCounts & { toProcess: number; lateOrOverdue: number; lateWithoutApology: number };
  rates: Record<KpiCode, Rate>;
  averageProcessingDays: Average;
}

/** Every figure of one row (a unit, an agency, a procedure, a field, or a total). */
export function kpiFigures(counts: KpiCounts): KpiFigures {
  const rates = {} as Record<KpiCode, Rate>;
  for (const kpi of KPI_CATALOGUE) {
    const [numerator, denominator] = kpi.compute(counts);
    rates[kpi.code] = rate(numerator, denominator);
  }
  return {
    counts: {
      ...counts,
      toProcess: toProcess(counts),
      lateOrOverdue: lateOrOverdue(counts),
      lateWithoutApology: lateOrOverdue(counts) - counts.lateWithApology,
    },
    rates,
    averageProcessingDays: average(counts.processingDaysSum, counts.processingDaysCount),
  };
}
