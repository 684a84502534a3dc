export * from "./scorecard.ts";
export * from "./ranking.ts";
export * from "./forecast.ts";
export { parIndexCommuneTemplate, SCORECARD_METRICS } from "./templates/index.ts";
