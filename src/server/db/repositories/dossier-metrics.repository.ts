import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../database.ts";
import { timelinessSql } from "./dossier-timeliness.sql.ts";

export interface DossierCounts {
  received: number;
  finished: number;
  onTime: number;
  late: number;
  lateWithApology: number;
  online: number;
  digitised: number;
  electronicResult: number;
  onlinePayment: number;
}

/**
 * One pass over the dossiers received by the given units in [from, to] (Vietnam dates), counting
 * what the target metrics need. Withdrawn and voided dossiers are left out. Dates are compared in Vietnam
 * time (UTC+7, no daylight saving).
 */
export async function countDossiers(
  exec: Executor,
  unitIds: string[],
  from: string,
  to: string,
  today: string,
): Promise<DossierCounts> {
  if (unitIds.length === 0) {
    return {
      received: 0,
      finished: 0,
      onTime: 0,
      late: 0,
      lateWithApology: 0,
      online: 0,
      digitised: 0,
      electronicResult: 0,
      onlinePayment: 0,
    };
  }
  const timeliness = timelinessSql(today);
  const isLate = sql`(${timeliness} in ('late', 'overdue'))`;
  const [row] = await queryRows<Record<keyof DossierCounts, number>>(
    exec,
    sql`
      select
        count(*)::int as "received",
        count(*) filter (where d.finished_at is not null)::int as "finished",
        count(*) filter (where ${timeliness} in ('early', 'on_time'))::int as "onTime",
        count(*) filter (where ${isLate})::int as "late",
        count(*) filter (where ${isLate} and exists (select 1 from apology_letters a where a.dossier_id = d.id))::int as "lateWithApology",
        count(*) filter (where d.channel = 'online')::int as "online",
        count(*) filter (where d.digitised)::int as "digitised",
        count(*) filter (where d.finished_at is not null and d.electronic_result)::int as "electronicResult",
        count(*) filter (where d.online_payment)::int as "onlinePayment"
      from dossiers d
      where d.unit_id in (${sql.join(
        unitIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
        and d.state <> 'withdrawn'
        and d.voided_at is null
        and ((d.received_at at time zone 'UTC') + interval '7 hours')::date between ${from}::date and ${to}::date`,
  );
  return row as DossierCounts;
}
