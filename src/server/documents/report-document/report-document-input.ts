import type { ReportFigures } from "../../../core/report/report-figures.ts";
import type { Issuer, Signer } from "../nd30-kit/index.ts";

/** What the report's Word and Excel files are built from: one version (or the draft) as shown. */
export interface ReportDocumentInput {
  issuer: Issuer & { nameInText: string };
  /** Place name for "…, ngày … tháng … năm …". */
  place: string;
  /** The day the version was submitted; null for a draft (the day is left blank). */
  issuedOn: string | null;
  year: number;
  /** "quý I năm 2026": the period in running text. */
  periodLabel: string;
  kindName: string;
  /** The version printed; 0 for the draft. */
  version: number;
  figures: ReportFigures;
  narrative: Record<string, string>;
  recipients: string[];
  signer: Signer;
}
