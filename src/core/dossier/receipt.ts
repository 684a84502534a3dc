import { DOSSIER_CODE_PATTERN } from "./dossier-code.ts";
import { vietnamLocal } from "./local-time.ts";

/** Office hours within which a result is handed back (the receipt prints the return hour). */
export const RETURN_EARLIEST = "08:00";
export const RETURN_LATEST = "16:30";

/**
 * The receipt's number (Mẫu 01 "Số: …/TNHS"): the dossier's daily sequence as the code carries
 * it, e.g. `000.01.22.H99-260305-0007` → `0007/TNHS`; null for a code of another shape.
 */
export function receiptNumber(dossierCode: string): string | null {
  const match = DOSSIER_CODE_PATTERN.exec(dossierCode);
  return match ? `${match[5]}/TNHS` : null;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmmOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/**
 * The hour of the appointment on the due date: the time of day the dossier was received (the
 * working days run from that moment), kept within office hours; a same-day procedure (0 days)
 * is returned by the end of the day.
 */
export function returnTime(receivedAt: Date, processingDays: number): string {
  const latest = minutesOf(RETURN_LATEST);
  if (processingDays === 0) return RETURN_LATEST;
  const received = Math.floor(vietnamLocal(receivedAt).secondsOfDay / 60);
  return hhmmOf(Math.min(latest, Math.max(minutesOf(RETURN_EARLIEST), received)));
}

/**
 * The public address of CCHC (CCHC_PUBLIC_URL) without a trailing slash, or null when unset,
 * not http(s), or pointing at this machine (a QR to localhost is useless on paper).
 */
export function publicBaseUrl(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost") || host === "::1" || host === "0.0.0.0")
    return null;
  if (/^127\./.test(host)) return null;
  return value.replace(/\/+$/, "");
}

/** The SIPAS survey of one dossier: `<public URL>/danh-gia/<unit code>?hoSo=<dossier code>`. */
export function dossierSurveyUrl(
  publicUrl: string | null,
  unitCode: string,
  dossierCode: string,
): string | null {
  if (!publicUrl) return null;
  return `${publicUrl}/danh-gia/${encodeURIComponent(unitCode)}?hoSo=${encodeURIComponent(dossierCode)}`;
}
