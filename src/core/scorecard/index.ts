export * from "./scorecard.ts";
export * from "./ranking.ts";
export * from "./forecast.ts";
export {
  KNOWN_METRIC_CODES,
  parIndexCommuneTemplate,
  SCORECARD_METRICS,
} from "./templates/index.ts";
