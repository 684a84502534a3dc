import { sql, type SQL } from "drizzle-orm";
import { LATE_AT_SUPPLEMENT_REQUEST } from "../../../core/dossier/timeliness.ts";

/**
 * The core's `timeliness` rule (src/core/dossier/timeliness.ts) as one SQL expression over a
 * dossier row aliased `d` (`due_date`, `finished_at`, `supplement_count`, `state`): 'early',
 * 'on_time', 'late', 'pending', 'overdue', or null for a withdrawn dossier. The finishing day is
 * the Vietnam date (UTC+7, no daylight saving) of `finished_at`. A property test checks that the
 * two agree on random dossiers (test/integration/dossier-timeliness.test.ts).
 */
export function timelinessSql(today: string): SQL {
  const finishedOn = sql`((d.finished_at at time zone 'UTC') + interval '7 hours')::date`;
  const forcedLate = sql`d.supplement_count >= ${LATE_AT_SUPPLEMENT_REQUEST}`;
  return sql`(case
    when d.state = 'withdrawn' then null
    when d.finished_at is null then
      case when ${forcedLate} or ${today}::date > d.due_date then 'overdue' else 'pending' end
    when ${forcedLate} or ${finishedOn} > d.due_date then 'late'
    when ${finishedOn} < d.due_date then 'early'
    else 'on_time'
  end)`;
}
