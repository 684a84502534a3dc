/** Small display helpers shared by the dashboards. */

/** The Mantine colour of a 766 band (codes of `service-index-766.json`). */
export function bandColour(code: string | undefined): string {
  switch (code) {
    case "xuat_sac":
      return "green";
    case "tot":
      return "teal";
    case "kha":
      return "blue";
    case "trung_binh":
      return "orange";
    default:
      return code ? "red" : "gray";
  }
}

/** A percentage as the fraction Excel's % format shows; null ("không phát sinh") stays empty. */
export function fraction(percent: number | null): number | null {
  return percent === null ? null : percent / 100;
}
