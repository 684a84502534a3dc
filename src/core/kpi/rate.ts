import { formatNumber, formatRate, NOTHING_HAPPENED_TEXT } from "../text/number-format.ts";

/**
 * A rate that keeps what it was computed from. A zero denominator has no percentage: it reads
 * "không phát sinh", never 0 % or 100 %. Rates of several units are recomputed from the summed
 * numerators and denominators (`sumRates`), never averaged.
 */
export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator × 100, or null when the denominator is zero. */
  percent: number | null;
  /** "99,70%" or "không phát sinh". */
  text: string;
}

export function rate(numerator: number, denominator: number): Rate {
  return {
    numerator,
    denominator,
    percent: denominator === 0 ? null : (numerator / denominator) * 100,
    text: formatRate(numerator, denominator),
  };
}

/** The rate of several units together: Σ numerators / Σ denominators. */
export function sumRates(rates: readonly Pick<Rate, "numerator" | "denominator">[]): Rate {
  let numerator = 0;
  let denominator = 0;
  for (const r of rates) {
    numerator += r.numerator;
    denominator += r.denominator;
  }
  return rate(numerator, denominator);
}

/** An average (e.g. working days per resolved dossier) that keeps its sum and count. */
export interface Average {
  sum: number;
  count: number;
  value: number | null;
  /** "4,25" or "không phát sinh". */
  text: string;
}

export function average(sum: number, count: number): Average {
  const value = count === 0 ? null : sum / count;
  return {
    sum,
    count,
    value,
    text: value === null ? NOTHING_HAPPENED_TEXT : formatNumber(value, { maxFractionDigits: 2 }),
  };
}
