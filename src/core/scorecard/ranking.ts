/**
 * Ranking of the units below a reviewer by their final index (appraised when appraised, else
 * nothing: a card not yet appraised is listed unranked), with bands the reviewer sets.
 */
import type { ScoreBand } from "../methodology/index.ts";
import { bandOfIndex } from "./scorecard.ts";

export interface RankingRow {
  unitId: string;
  unitName: string;
  /** Final index (%), null when the unit has no appraised scorecard. */
  index: number | null;
}

export interface RankedRow extends RankingRow {
  /** 1-based; equal indices share a rank (1, 2, 2, 4); null when unranked. */
  rank: number | null;
  band: ScoreBand | null;
}

const collator = new Intl.Collator("vi");

export function rankUnits(rows: readonly RankingRow[], bands: readonly ScoreBand[]): RankedRow[] {
  const ranked = rows
    .filter((r) => r.index !== null)
    .sort((a, b) => b.index! - a.index! || collator.compare(a.unitName, b.unitName));
  const result: RankedRow[] = [];
  ranked.forEach((row, position) => {
    const previous = result[position - 1];
    const rank = previous && previous.index === row.index ? previous.rank : position + 1;
    result.push({ ...row, rank, band: bandOfIndex(bands, row.index!) });
  });
  const unranked = rows
    .filter((r) => r.index === null)
    .sort((a, b) => collator.compare(a.unitName, b.unitName))
    .map((row) => ({ ...row, rank: null, band: null }));
  return [...result, ...unranked];
}

/** Bands given by the reviewer: codes unique, minima between 0 and 100, one starting at 0. */
export function checkBands(bands: readonly ScoreBand[]): string | null {
  if (bands.length === 0) return "Cần ít nhất một mức xếp loại.";
  if (new Set(bands.map((b) => b.code)).size !== bands.length) return "Mã xếp loại bị trùng.";
  if (bands.some((b) => !Number.isFinite(b.min) || b.min < 0 || b.min > 100)) {
    return "Điểm sàn của mức xếp loại phải từ 0 đến 100 (%).";
  }
  if (!bands.some((b) => b.min === 0)) return "Cần một mức xếp loại bắt đầu từ 0%.";
  return null;
}
