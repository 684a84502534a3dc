import type { KpiCounts } from "./kpi-counts.ts";
import { KPI_BY_CODE, type KpiCode } from "./catalogue.ts";

/**
 * The inputs of a scoring methodology (the QĐ 766 service index first), keyed by the national
 * portal's indicator codes. The engine (src/core/methodology) consumes exactly this shape.
 */
export type MetricInputs = Record<string, { numerator: number; denominator: number }>;

/**
 * Which KPI feeds which indicator. Codes in capitals are the portal's own (ON_TIME …); the
 * online-service ones have no portal code in the reference and use the names of the shipped 766
 * document (`src/core/methodology/documents/service-index-766.json`); ONLINE_DOSSIER is CCHC's
 * own (the 766 document does not score it).
 */
export const METRIC_INPUT_SOURCES: Readonly<Record<string, KpiCode>> = {
  ON_TIME: "processing_on_time_rate",
  ONLINE_DOSSIER: "online_dossier_rate",
  ONLINE_FULL_PROCESS_DOSSIER: "full_online_rate",
  ONLINE_PAYMENT_DOSSIER: "online_payment_rate",
  ORIGINAL_RESULT_AVAILABLE: "digitized_result_rate",
  SO_HOA_GIAY_TO_GIAI_QUYET: "digitized_dossier_rate",
  PETITION_PROCESSING_ON_TIME: "feedback_processing_on_time_rate",
  PETITION_HANDLING_SATISFACTION: "feedback_handling_satisfaction_rate",
  DOSSIER_RECEIVING_SATISFACTION: "dossier_receiving_satisfaction_rate",
};

/**
 * Indicators CCHC records no data for: they are left out of `MetricInputs` (the engine then applies
 * a figure entered by hand or the indicator's zero-denominator policy), never invented.
 */
export const METRIC_INPUTS_NOT_MEASURED: Readonly<Record<string, string>> = {
  PUBLISH_ON_TIME: "Chưa ghi nhận quyết định công bố thủ tục hành chính",
  PUBLIC_UPDATE_ON_TIME: "Chưa ghi nhận việc công khai trên Cơ sở dữ liệu quốc gia về TTHC",
  PUBLIC_CONTENT_FULL: "Chưa ghi nhận các bộ phận công khai của thủ tục",
  DOSSIER_SYNC: "Chưa đồng bộ hồ sơ với Cổng Dịch vụ công quốc gia",
  ONLINE_PAYMENT_FORMALITY: "Chưa ghi nhận thủ tục nào cho phép thanh toán trực tuyến",
  ONLINE_PAYMENT_INTEGRATED_FORMALITY:
    "Chưa ghi nhận thủ tục tích hợp thanh toán trực tuyến trên Cổng DVCQG",
  ELECTRONIC_CERTIFIED_COPY: "Chưa ghi nhận dịch vụ chứng thực bản sao điện tử",
  REUSED_DIGITIZED_DATA: "Chưa ghi nhận thành phần hồ sơ được tái sử dụng dữ liệu",
  SYNCED_WITH_DVCQG_PERSONAL_STORAGE: "Chưa kết nối kho dữ liệu cá nhân trên Cổng DVCQG",
  CITIZEN_DATA_CONNECTED_DOSSIER: "Chưa ghi nhận hồ sơ dùng dữ liệu dân cư",
  CITIZEN_DATA_CONNECTED_FORMALITY: "Chưa ghi nhận thủ tục kết nối dữ liệu dân cư",
};

export function metricInputsFromCounts(counts: KpiCounts): MetricInputs {
  const inputs: MetricInputs = {};
  for (const [indicator, code] of Object.entries(METRIC_INPUT_SOURCES)) {
    const [numerator, denominator] = KPI_BY_CODE.get(code)!.compute(counts);
    inputs[indicator] = { numerator, denominator };
  }
  return inputs;
}
