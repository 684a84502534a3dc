import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { CASE_REGISTERS, type CaseRegister } from "../../core/case-register/index.ts";
import { oneOf } from "./closed-values.ts";
import { agencies, units, users } from "./schema.ts";

/*
 * What every case register (one-stop dossiers, citizens' feedback; next SIPAS survey rounds and
 * inspections) keeps the same way: each step of a case, and the daily sequence behind its code.
 *
 * Decisions:
 * - One table of events for every register, keyed by (register, case id): one repository, one
 *   history component, one transition use case. The case id cannot carry a foreign key to two
 *   tables; a trigger checks the case exists in its register's table when an event is written
 *   (cases are never deleted, so that is the only moment it can go wrong).
 * - One table of daily counters, one row per register, unit and day.
 */

/**
 * The columns that open every register's case row, with the same SQL names, types and
 * constraints: its id, its daily code and the unit that received it. Spread first in the table.
 */
export function caseIdentityColumns() {
  return {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
  };
}

/**
 * A case's clock, the same in every register: when it was received, the day its time limit counts
 * from, and the due date in force.
 */
export function caseClockColumns() {
  return {
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    countedFrom: date("counted_from").notNull(),
    dueDate: date("due_date").notNull(),
  };
}

/** Every step of a case: who moved it from which state to which, when, and why. */
export const caseEvents = pgTable(
  "case_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    register: text("register").$type<CaseRegister>().notNull(),
    caseId: uuid("case_id").notNull(),
    action: text("action").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    byId: uuid("by_id").references(() => users.id),
    byName: text("by_name").notNull(),
    toAgencyId: uuid("to_agency_id").references(() => agencies.id),
    note: text("note"),
  },
  (t) => [
    index("case_events_case_idx").on(t.register, t.caseId, t.at),
    check("case_events_register_check", oneOf(t.register, CASE_REGISTERS)),
  ],
);

/** The last sequence number a register used for a unit on a day (Vietnam time). */
export const caseDailyCounters = pgTable(
  "case_daily_counters",
  {
    register: text("register").$type<CaseRegister>().notNull(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    day: date("day").notNull(),
    lastValue: integer("last_value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.register, t.unitId, t.day] }),
    check("case_daily_counters_register_check", oneOf(t.register, CASE_REGISTERS)),
  ],
);
