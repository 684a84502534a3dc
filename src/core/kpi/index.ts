export * from "./catalogue.ts";
export * from "./kpi-counts.ts";
export * from "./kpi-error.ts";
export * from "./metric-inputs.ts";
export * from "./period.ts";
export * from "./rate.ts";
export * from "./working-day-index.ts";
export * from "./procedure-fee.ts";
