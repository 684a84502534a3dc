export * from "./scorecard.ts";
export * from "./ranking.ts";
export * from "./forecast.ts";
export {
  KNOWN_METRIC_CODES,
  metricOptions,
  parIndexCommuneTemplate,
  type MetricOption,
  type MetricOrigin,
  SCORECARD_METRICS,
} from "./templates/index.ts";
export * from "./self-entry.ts";
