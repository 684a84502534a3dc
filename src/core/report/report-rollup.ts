/**
 * The upper level's consolidated report, from its units' frozen versions (submitted or
 * accepted only; a draft or a returned version is not counted). Counts are summed; every rate is
 * recomputed from the summed numerators and denominators, never by averaging the units'
 * percentages. Pure.
 */
import {
  emptyBuckets,
  TASK_BUCKETS,
  type BucketCounts,
  type Ratio,
  type ReportFigures,
} from "./report-figures.ts";

export interface RollupInput {
  /** The units that owe the report for the period, in display order. */
  owing: { unitId: string; name: string }[];
  /** Each unit's latest frozen version and its review state. */
  versions: {
    unitId: string;
    review: "submitted" | "accepted" | "returned";
    version: number;
    figures: ReportFigures;
  }[];
}

export interface RollupTotals {
  tasks: { areas: ({ key: string; heading: string } & BucketCounts)[]; total: BucketCounts };
  oneStop: {
    units: number;
    received: number;
    carriedOver: number;
    resolved: number;
    onTime: Ratio;
    pendingAtEnd: number;
    overdueAtEnd: number;
    online: Ratio;
    apology: Ratio;
  };
  feedback: { units: number; received: number; onTime: Ratio; pending: number; overdue: number };
  satisfaction: { units: number; rate: Ratio; respondents: number };
  /**
   * PAR self-scores are not summed or averaged (a mean of scores is no score): each unit's is in
   * its row; here only how many counted units have a scorecard for the year and how many do not.
   */
  par: { units: number; withoutScorecard: number };
}

export interface Rollup {
  totals: RollupTotals;
  /** One row per unit counted: its own figures, as frozen. */
  units: {
    unitId: string;
    name: string;
    version: number;
    review: "submitted" | "accepted";
    figures: ReportFigures;
  }[];
  /** Owing units with no submitted or accepted version (not started, draft, or returned). */
  missing: { unitId: string; name: string }[];
}

const ratio = (): Ratio => ({ numerator: 0, denominator: 0 });
const addRatio = (into: Ratio, r: Ratio) => {
  into.numerator += r.numerator;
  into.denominator += r.denominator;
};

export function rollUp(input: RollupInput): Rollup {
  const byUnit = new Map(input.versions.map((v) => [v.unitId, v]));
  const totals: RollupTotals = {
    tasks: { areas: [], total: emptyBuckets() },
    oneStop: {
      units: 0,
      received: 0,
      carriedOver: 0,
      resolved: 0,
      onTime: ratio(),
      pendingAtEnd: 0,
      overdueAtEnd: 0,
      online: ratio(),
      apology: ratio(),
    },
    feedback: { units: 0, received: 0, onTime: ratio(), pending: 0, overdue: 0 },
    satisfaction: { units: 0, rate: ratio(), respondents: 0 },
    par: { units: 0, withoutScorecard: 0 },
  };
  const areas = new Map<string, { key: string; heading: string } & BucketCounts>();
  const units: Rollup["units"] = [];
  const missing: Rollup["missing"] = [];
  for (const unit of input.owing) {
    const v = byUnit.get(unit.unitId);
    if (!v || v.review === "returned") {
      missing.push(unit);
      continue;
    }
    const f = v.figures;
    units.push({
      unitId: unit.unitId,
      name: unit.name,
      version: v.version,
      review: v.review,
      figures: f,
    });
    for (const area of f.tasks.areas) {
      const into = areas.get(area.key) ?? {
        key: area.key,
        heading: area.heading,
        ...emptyBuckets(),
      };
      for (const bucket of TASK_BUCKETS) into[bucket] += area[bucket];
      into.total += area.total;
      areas.set(area.key, into);
    }
    for (const bucket of TASK_BUCKETS) totals.tasks.total[bucket] += f.tasks.total[bucket];
    totals.tasks.total.total += f.tasks.total.total;
    if (f.oneStop.available) {
      const o = totals.oneStop;
      o.units++;
      o.received += f.oneStop.received;
      o.carriedOver += f.oneStop.carriedOver;
      o.resolved += f.oneStop.resolved;
      o.pendingAtEnd += f.oneStop.pendingAtEnd;
      o.overdueAtEnd += f.oneStop.overdueAtEnd;
      addRatio(o.onTime, f.oneStop.onTime);
      addRatio(o.online, f.oneStop.online);
      addRatio(o.apology, f.oneStop.apology);
    }
    if (f.feedback.available) {
      const fb = totals.feedback;
      fb.units++;
      fb.received += f.feedback.received;
      fb.pending += f.feedback.pending;
      fb.overdue += f.feedback.overdue;
      addRatio(fb.onTime, f.feedback.onTime);
    }
    if (f.satisfaction.available) {
      totals.satisfaction.units++;
      totals.satisfaction.respondents += f.satisfaction.respondents;
      addRatio(totals.satisfaction.rate, f.satisfaction.rate);
    }
    if (f.par?.available) totals.par.units++;
    else totals.par.withoutScorecard++;
  }
  totals.tasks.areas = [...areas.values()];
  return { totals, units, missing };
}
