/** A rule of the KPI capability was broken; `code` maps to an API error code. */
export class KpiError extends Error {
  constructor(
    readonly code: "KPI_PERIOD_INVALID",
    message: string,
  ) {
    super(message);
    this.name = "KpiError";
  }
}
