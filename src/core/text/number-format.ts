/**
 * Numbers for Vietnamese readers: decimal comma, "." between thousands ("1.234,5"), rates to two
 * decimals ("99,70%") and "không phát sinh" when nothing happened (a zero denominator).
 * Hand-written rather than `Intl.NumberFormat("vi")` so the output is the same on every runtime,
 * whatever ICU data it ships.
 */
export const NOTHING_HAPPENED_TEXT = "không phát sinh";

export interface NumberFormatOptions {
  /** Digits after the comma at most (default 2). */
  maxFractionDigits?: number;
  /** Digits after the comma at least; trailing zeros beyond it are dropped (default: max). */
  minFractionDigits?: number;
  /** "." between thousands (default true). */
  useGrouping?: boolean;
}

/** 1234.5 → "1.234,50"; rounds half away from zero on the decimal value (1.005 → "1,01"). */
export function formatNumber(value: number, options: NumberFormatOptions = {}): string {
  const maxDigits = options.maxFractionDigits ?? 2;
  const minDigits = Math.min(options.minFractionDigits ?? maxDigits, maxDigits);
  if (!Number.isFinite(value)) return "—";
  const [integerDigits, fractionDigits] = roundToDigits(Math.abs(value), maxDigits);
  const fraction = fractionDigits.replace(/0+$/, "").padEnd(minDigits, "0");
  const integer = options.useGrouping === false ? integerDigits : groupThousands(integerDigits);
  const isZero = /^0*$/.test(integerDigits + fractionDigits);
  const sign = value < 0 && !isZero ? "-" : "";
  return fraction === "" ? `${sign}${integer}` : `${sign}${integer},${fraction}`;
}

/** A percentage given in percent points: 99.7 → "99,70%" (two decimals unless told). */
export function formatPercent(percent: number, options: NumberFormatOptions = {}): string {
  return `${formatNumber(percent, { maxFractionDigits: 2, ...options })}%`;
}

/** numerator / denominator as a percentage, or null when the denominator is zero. */
export function ratioPercent(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : (numerator / denominator) * 100;
}

/** 997 of 1000 → "99,70%"; 0 of 0 → "không phát sinh". */
export function formatRate(
  numerator: number,
  denominator: number,
  options: NumberFormatOptions = {},
): string {
  const percent = ratioPercent(numerator, denominator);
  return percent === null ? NOTHING_HAPPENED_TEXT : formatPercent(percent, options);
}

function roundToDigits(absolute: number, digits: number): [string, string] {
  if (absolute >= 1e15) return [absolute.toFixed(0), "0".repeat(digits)];
  // toPrecision(15) drops binary noise first, so 1.005 * 100 rounds as 100.5 and not 100.4999…
  const scaled = Math.round(Number((absolute * 10 ** digits).toPrecision(15)));
  const text = String(scaled).padStart(digits + 1, "0");
  return digits === 0 ? [text, ""] : [text.slice(0, -digits), text.slice(-digits)];
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}
