import {
  and,
  desc,
  eq,
  getTableName,
  gte,
  inArray,
  is,
  isNotNull,
  lt,
  lte,
  or,
  sql,
  SQL,
  type SQLWrapper,
} from "drizzle-orm";
import type { AnyPgColumn, PgSelect, PgTable } from "drizzle-orm/pg-core";
import type { CaseRegister } from "../../../core/case-register/index.ts";
import { searchKey } from "../../../core/text/vietnamese-text.ts";
import { executorKind, queryRows, type Executor } from "../database.ts";
import {
  PGLITE_REGISTER_TOTAL_CAP,
  PGLITE_SEARCH_WALK_FIRST,
  PGLITE_SEARCH_WALK_WINDOW,
} from "../statement-budget.ts";
import { registerTotalCacheOf } from "../register-total-cache.ts";
import { WEEKLY_MIN_TOTAL } from "./case-register-weekly.ts";
import { agencies } from "../schema.ts";
import { caseDailyCounters, caseEvents } from "../schema-case-register.ts";

export type CaseEventRow = typeof caseEvents.$inferSelect;
export type CaseEventValues = Omit<typeof caseEvents.$inferInsert, "id" | "register" | "caseId">;

const ofCase = (register: CaseRegister, caseId: string) =>
  and(eq(caseEvents.register, register), eq(caseEvents.caseId, caseId));

export async function insertCaseEvent(
  exec: Executor,
  register: CaseRegister,
  caseId: string,
  values: CaseEventValues,
): Promise<CaseEventRow> {
  const [row] = await exec
    .insert(caseEvents)
    .values({ ...values, register, caseId })
    .returning();
  return row!;
}

/** A case's history in the order it happened, with the name of the agency a step sent it to. */
export async function listCaseEvents(exec: Executor, register: CaseRegister, caseId: string) {
  return exec
    .select({ event: caseEvents, toAgencyName: agencies.name })
    .from(caseEvents)
    .leftJoin(agencies, eq(agencies.id, caseEvents.toAgencyId))
    .where(ofCase(register, caseId))
    .orderBy(caseEvents.at, caseEvents.id);
}

/**
 * The agency the case was last sent to by a step at or before `at` (its name and kind), or null
 * when no step had sent it to an agency by then: who had the case in hand at that moment.
 */
export async function agencyInChargeAt(
  exec: Executor,
  register: CaseRegister,
  caseId: string,
  at: Date,
): Promise<{ name: string; kind: string } | null> {
  const [row] = await exec
    .select({ name: agencies.name, kind: agencies.kind })
    .from(caseEvents)
    .innerJoin(agencies, eq(agencies.id, caseEvents.toAgencyId))
    .where(and(ofCase(register, caseId), isNotNull(caseEvents.toAgencyId), lte(caseEvents.at, at)))
    .orderBy(desc(caseEvents.at), desc(caseEvents.id))
    .limit(1);
  return row ?? null;
}

/** When the case's last step happened (a new step may not be dated before it). */
export async function lastCaseEventAt(
  exec: Executor,
  register: CaseRegister,
  caseId: string,
): Promise<Date | null> {
  const [row] = await exec
    .select({ at: sql<Date | string | null>`max(${caseEvents.at})` })
    .from(caseEvents)
    .where(ofCase(register, caseId));
  return row?.at ? new Date(row.at) : null;
}

/** An SQL condition: the case whose id is in `caseIdColumn` has an event `action`. */
export function caseHasEvent(
  register: CaseRegister,
  caseIdColumn: AnyPgColumn,
  action: string,
): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${caseEvents}
    where ${caseEvents.register} = ${register} and ${caseEvents.caseId} = ${caseIdColumn}
      and ${caseEvents.action} = ${action})`;
}

const counterOf = (register: CaseRegister, unitId: string, day: string) =>
  and(
    eq(caseDailyCounters.register, register),
    eq(caseDailyCounters.unitId, unitId),
    eq(caseDailyCounters.day, day),
  );

/**
 * Locks the unit's counter row of the register for the day (created at 0) and returns the last
 * number it issued: concurrent receipts of the unit queue here until the holder's transaction ends.
 */
export async function lockDailyCounter(
  exec: Executor,
  register: CaseRegister,
  unitId: string,
  day: string,
): Promise<number> {
  const [row] = await exec
    .insert(caseDailyCounters)
    .values({ register, unitId, day, lastValue: 0 })
    .onConflictDoUpdate({
      target: [caseDailyCounters.register, caseDailyCounters.unitId, caseDailyCounters.day],
      set: { lastValue: sql`${caseDailyCounters.lastValue}` },
    })
    .returning({ value: caseDailyCounters.lastValue });
  return row!.value;
}

export async function setDailyCounter(
  exec: Executor,
  register: CaseRegister,
  unitId: string,
  day: string,
  value: number,
) {
  await exec
    .update(caseDailyCounters)
    .set({ lastValue: value })
    .where(counterOf(register, unitId, day));
}

/** The next daily sequence number of a unit: one upsert, so concurrent receipts queue on the row. */
export async function nextDailySequence(
  exec: Executor,
  register: CaseRegister,
  unitId: string,
  day: string,
): Promise<number> {
  const [row] = await exec
    .insert(caseDailyCounters)
    .values({ register, unitId, day, lastValue: 1 })
    .onConflictDoUpdate({
      target: [caseDailyCounters.register, caseDailyCounters.unitId, caseDailyCounters.day],
      set: { lastValue: sql`${caseDailyCounters.lastValue} + 1` },
    })
    .returning({ value: caseDailyCounters.lastValue });
  return row!.value;
}

/*
 * The register list every case register shares: newest first, keyset pages, a total counted up to
 * a cap, the code and folded-text search, the received-between and overdue filters. A register
 * names its table's columns and adds its own conditions (reach, voided, classification…).
 */

/** Totals are counted exactly up to this many; beyond, the register says "more than". */
export const REGISTER_TOTAL_CAP = 10_000;

/** The cap on `exec`'s database: REGISTER_TOTAL_CAP, PGLITE_REGISTER_TOTAL_CAP on PGlite. */
export function registerTotalCap(exec: Executor): number {
  return executorKind(exec) === "pglite" ? PGLITE_REGISTER_TOTAL_CAP : REGISTER_TOTAL_CAP;
}

/**
 * How a search's page is read in the register's order on `exec`'s database: windows of
 * `PGLITE_SEARCH_WALK_WINDOW` records on PGlite (see `CaseWalk`), one statement on PostgreSQL
 * (false).
 */
export function registerSearchWalk(exec: Executor): number | false {
  return executorKind(exec) === "pglite" ? PGLITE_SEARCH_WALK_WINDOW : false;
}

/** A name search shorter than this (folded) matches codes only: trigrams need three letters. */
export const NAME_SEARCH_MIN_LENGTH = 3;

/** The columns of a register's table that the shared list reads. */
export interface CaseRegisterTable {
  table: PgTable;
  id: AnyPgColumn;
  code: AnyPgColumn;
  unitId: AnyPgColumn;
  state: AnyPgColumn;
  receivedAt: AnyPgColumn;
  dueDate: AnyPgColumn;
  /** The generated folded text the search reads (a name, or a name and a title). */
  searchFolded: AnyPgColumn;
  /**
   * The folded text has an index of its suffixes (`search_suffixes_weekly`, the dossiers' applicant
   * name): a part of it is searched there; otherwise through its trigram index.
   */
  searchSuffixes?: boolean;
  /** The open states, written out as in the register's partial open index's predicate. */
  open: SQL;
  /** The register's order after `received_at` (desc), before the id: the feedback's code. */
  tieBreak?: AnyPgColumn;
}

/** A row's place in a register's order: `cursorAt` of the row, its tie-break value, its id. */
export interface CasePosition {
  at: string;
  /** The tie-break column's value (registers ordering by the code too). */
  code?: string;
  id: string;
}

/** What a register's list row adds to its case: the unit's name and code, and its cursor. */
export interface CaseListNames {
  unitName: string;
  unitCode: string;
  /** `received_at` in UTC to the microsecond ("YYYY-MM-DD HH:MM:SS.ffffff"): a register cursor. */
  cursorAt: string;
}

/**
 * A register's joined rows (`{ [key]: the record, …names }`) as single objects: the names are
 * written onto the record the driver made, without a copy. Copying them by rest and spread
 * (`({ dossier, ...names }) => ({ ...dossier, ...names })`) cost about 4 ms of CPU for a page of
 * 51 dossiers (some 70 µs a row of 60 fields; npm run bench registers, 04/12/2026) — as much as
 * the page's query cost PostgreSQL.
 */
export function flattenJoined<K extends string, Row extends Record<K, object>>(
  rows: Row[],
  key: K,
): (Row[K] & Omit<Row, K>)[] {
  return rows.map((row) => {
    const record = row[key] as Record<string, unknown>;
    for (const name of Object.keys(row)) {
      if (name !== key) record[name] = (row as Record<string, unknown>)[name];
    }
    return record as Row[K] & Omit<Row, K>;
  });
}

/** A position's values in the order of the register's keys, for a row-value comparison. */
const positionValues = (register: CaseRegisterTable, after: CasePosition) => [
  sql`${after.at}::timestamp at time zone 'UTC'`,
  ...(register.tieBreak ? [sql`${after.code}`] : []),
  sql`${after.id}::uuid`,
];

/**
 * Records after `at` in the register's order (its keys descending): `columns` (the keys, or their
 * names in a subquery) as a row below the position's values.
 */
const beforePosition = (
  register: CaseRegisterTable,
  columns: Parameters<typeof sql.join>[0],
  at: CasePosition,
  planOnce = false,
) => {
  // As `plannedOnce` writes a value: the position a row subquery of its own.
  const values = sql.join(positionValues(register, at), sql`, `);
  return sql`(${sql.join(columns, sql`, `)}) < (${planOnce ? sql`select ${values}` : values})`;
};

/** The keys by their names, as the columns of a subquery that selected them. */
const keyNames = (keys: AnyPgColumn[]) => keys.map((key) => sql.identifier(key.name));

/** An order by the keys' names (a subquery's columns), each the same way. */
const byKeyNames = (keys: AnyPgColumn[], direction: "asc" | "desc") =>
  sql.join(
    keyNames(keys).map((name) => sql`${name} ${sql.raw(direction)}`),
    sql`, `,
  );

/** `received_at` in UTC to the microsecond ("YYYY-MM-DD HH:MM:SS.ffffff"): a register cursor. */
export const cursorAtOf = (receivedAt: AnyPgColumn) =>
  sql<string>`to_char(${receivedAt} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`;

export function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The filters every register shares, as `caseListFilter` (services) makes them. */
export interface CaseListFilter {
  unitId?: string;
  state?: string;
  receivedFrom?: Date;
  receivedBefore?: Date;
  /** Open and past the due date on this day. */
  overdueOn?: string;
}

/** The shared conditions in the register's order; `own` goes after the unit and state ones. */
export function caseListConditions(
  register: CaseRegisterTable,
  filter: CaseListFilter,
  own: SQL[] = [],
): SQL[] {
  const conditions: SQL[] = [];
  if (filter.unitId) conditions.push(eq(register.unitId, filter.unitId));
  if (filter.state) conditions.push(eq(register.state, filter.state));
  conditions.push(...own);
  if (filter.receivedFrom) conditions.push(gte(register.receivedAt, filter.receivedFrom));
  if (filter.receivedBefore) conditions.push(lt(register.receivedAt, filter.receivedBefore));
  if (filter.overdueOn) conditions.push(register.open, lt(register.dueDate, filter.overdueOn));
  return conditions;
}

/**
 * How `q` matches codes: their beginning (`start`: an exact code or its first characters) or any
 * part of them (`part`).
 */
export type CodeMatch = "start" | "part";

/**
 * `start` when the code of some record within `reach` (the reader's units; the whole register when
 * undefined) begins with `q` (any letter case) or `q` is shorter than three characters, else
 * `part`: one read of a B-tree on `lower(code)` (`text_pattern_ops`), for registers that have one
 * (the dossiers' `dossiers_code_lower_idx`). A code searched whole or by its beginning is then a
 * range of that index instead of a trigram search: every code of a province shares its first
 * characters, so the trigram index would read the posting lists of those shared trigrams, which
 * hold every row. Within the reach, so other units' codes never change what a reader finds.
 */
export async function codeMatchOf(
  exec: Executor,
  register: CaseRegisterTable,
  q: string,
  reach?: SQL,
): Promise<CodeMatch> {
  if (q.length < NAME_SEARCH_MIN_LENGTH) return "start";
  const first = (from: Executor) => codeMatchQuery(from, register, codeStartPattern(q), reach);
  if (executorKind(exec) !== "pglite") return (await first(exec)).length > 0 ? "start" : "part";
  // On PGlite, through the code's B-tree only: a prefix the statistics find common (a month of
  // the ward's codes) made the planner read the table in its physical order for the first match,
  // 1.2–1.4 s at 1 M dossiers when those rows were at its end, the connection held all along.
  // One transaction (one turn of the lanes) for `set local`.
  const found = await exec.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    return first(tx as unknown as Executor);
  });
  return found.length > 0 ? "start" : "part";
}

/** The LIKE pattern of codes beginning with `q` (any letter case). */
export const codeStartPattern = (q: string) => `${escapeLike(q.toLowerCase())}%`;

/**
 * `codeMatchOf`'s read: one record within `reach` whose `lower(code)` is like `pattern` (a value,
 * or a placeholder of a prepared query).
 */
export function codeMatchQuery(
  exec: Executor,
  register: CaseRegisterTable,
  pattern: unknown,
  reach?: SQL,
) {
  return exec
    .select({ one: sql`1` })
    .from(register.table)
    .where(and(sql`lower(${register.code}) like ${pattern}`, reach))
    .limit(1);
}

/**
 * A search's condition written two ways, each true of the same records: `inOrder` for a read
 * in the register's order that checks each record it passes (a LIKE, cheap on each record), and
 * `indexed` for a read of the matches through the search's indexes (the count, the page read from
 * its matches). They differ only for a register with a suffix index (`searchSuffixes`): the
 * suffixes' tsquery finds a name's matches, but building a record's suffixes to check it costs
 * 40–60 times a LIKE, and the two written together made PostgreSQL multiply their selectivities
 * (38 matches expected for a part of a name in one dossier of six).
 */
export interface CaseSearch {
  inOrder: SQL;
  indexed: SQL;
  /**
   * `indexed`'s alternatives, which `cappedMatches` reads apart: for a code's beginning, the
   * text's condition when searched, then the code's; otherwise `indexed` alone. Or-ed in one
   * condition, PostgreSQL builds one bitmap of every match of both before counting any: a code's
   * beginning shared by a month of the ward's codes went to the code's trigram index, not its
   * B-tree (67,524 matches, 103 ms of a 144 ms count at 1 M dossiers on PGlite, every ten
   * seconds in `npm run bench stall`).
   */
  either: CaseSearchAlternative[];
  /**
   * For a register with a suffix index and a search not of a code's beginning: the search with
   * the text's condition read from the suffix index's weekly entries (`query`: a tsquery of
   * `weeklySuffixQuery`, case-register-weekly.ts), for a page read week by week.
   */
  weekly?: (query: unknown) => SQL;
}

/**
 * A value of a statement written as a subquery of its own (`(select $1::tsquery)`): PostgreSQL
 * estimates its conditions without it, the same for any value, so a statement kept by name is
 * planned once per connection for all of them (its generic plan costs what each value's would).
 */
export const plannedOnce = (value: unknown, type: string): SQL =>
  sql`(select ${value}::${sql.raw(type)})`;

/** A search's values each as `plannedOnce` writes them. */
function plannedPatterns(patterns: CaseSearchPatterns): CaseSearchPatterns {
  const text = (value: unknown) => plannedOnce(value, "text");
  return {
    code: text(patterns.code),
    codeRange: patterns.codeRange && {
      from: text(patterns.codeRange.from),
      to: text(patterns.codeRange.to),
    },
    text: patterns.text === null ? null : text(patterns.text),
    suffix: patterns.suffix === null ? null : text(patterns.suffix),
  };
}

/**
 * The ids a statement answers, as a subquery for `caseRowsByIds`; `serial`: kept off parallel
 * workers (`SERIAL_ONLY`), for a statement planned once.
 */
const pagedIds = (ids: IdsQuery, serial = false) =>
  sql`select paged.id::uuid from (${ids}) paged${serial ? sql` where ${SERIAL_ONLY}` : sql``}`;

/**
 * A condition true of every record that keeps a statement from being shared among parallel
 * workers: `current_schema()` is marked parallel unsafe. A statement planned for any value
 * (`plannedOnce`) is costed for the planner's default share of records, as many as a parallel
 * scan pays for, whose workers took 40–130 ms to start (10 M dossiers) for a few hundred rows.
 * Without records of its own, it is checked once a run.
 */
const SERIAL_ONLY = sql`current_schema() is not null`;

/**
 * One of a search's alternatives: its condition as its index reads it, the same checked on a
 * record (a LIKE), and the order of the index that reads it.
 */
export interface CaseSearchAlternative {
  where: SQL;
  check: SQL;
  /**
   * A code's beginning: read in the order of the code's B-tree, so that the range is read and
   * stopped at the cap. Unordered, PostgreSQL may take the table in its physical order for a
   * beginning its statistics find common, the whole table when the matches are at its end.
   */
  orderBy?: SQL;
  /**
   * A code's beginning: the key its B-tree orders (`lower(code)`), by which `CaseWalk`'s range
   * read (`rangeNext`) goes through it a window at a time.
   */
  key?: SQL;
}

/** A search's values (`caseSearchOf`): its LIKE patterns and the tsquery of the text's suffix index. */
export interface CaseSearchPatterns {
  code: unknown;
  /**
   * When `code` is a beginning (`codeMatch` "start"): the range of `lower(code)` it spans in the
   * code's B-tree (`text_pattern_ops`, byte order), from the beginning to it followed by the last
   * code point; null for a part of a code.
   */
  codeRange: { from: unknown; to: unknown } | null;
  /** The folded text's LIKE pattern; null: codes only. */
  text: unknown;
  /** `suffixQuery` of the folded text, for a register with `searchSuffixes` (null: none). */
  suffix: unknown;
}

/**
 * The suffix index's expression (`search_suffixes_weekly`, migration 0043): a text's suffixes,
 * and each again under its receipt week (case-register-weekly.ts).
 */
export const suffixesOf = (register: CaseRegisterTable) =>
  sql`search_suffixes_weekly(${register.searchFolded}, ${register.receivedAt})`;

/** The length `search_suffixes_weekly` cuts each suffix to (migrations 0039, 0043). */
export const SEARCH_SUFFIX_LENGTH = 200;

/**
 * Whether `search_suffixes_weekly` holds a part this long (3 to SEARCH_SUFFIX_LENGTH characters, as
 * PostgreSQL counts them); otherwise the part is searched by its LIKE only (not through the API,
 * whose name parts are 3 to 200 characters but for a character outside the BMP).
 */
export function suffixSearchable(folded: string): boolean {
  const characters = [...folded].length;
  return characters >= NAME_SEARCH_MIN_LENGTH && characters <= SEARCH_SUFFIX_LENGTH;
}

/**
 * The tsquery that `search_suffixes_weekly(t, at)` matches exactly when `t` contains `folded`
 * (`suffixSearchable`): a prefix of one of its suffixes, quoted (a quote or a backslash doubled).
 */
export function suffixQuery(folded: string): string {
  return `'${folded.replace(/['\\]/g, (c) => c + c)}':*`;
}

/** U+10FFFF: every text beginning with `b` sorts before `b` followed by it (codes never hold it). */
const LAST_CODE_POINT = String.fromCodePoint(0x10ffff);

/**
 * A search's values (`caseSearchOf`): the code's pattern (its beginning or any part of it) and the folded
 * text's (null: codes only, for a text under three letters or `textScope` false).
 */
export function caseSearchPatterns(
  q: string,
  textScope: SQL | undefined | false,
  codeMatch: CodeMatch = "part",
): CaseSearchPatterns {
  const lowerQ = q.toLowerCase();
  const lowered = escapeLike(lowerQ);
  const fromStart = q.length < NAME_SEARCH_MIN_LENGTH || codeMatch === "start";
  const code = fromStart ? `${lowered}%` : `%${lowered}%`;
  const codeRange = fromStart ? { from: lowerQ, to: `${lowerQ}${LAST_CODE_POINT}` } : null;
  const text = searchKey(q);
  if (text.length < NAME_SEARCH_MIN_LENGTH || textScope === false)
    return { code, codeRange, text: null, suffix: null };
  const suffix = suffixSearchable(text) ? suffixQuery(text) : null;
  return { code, codeRange, text: `%${escapeLike(text)}%`, suffix };
}

/**
 * What `q` matches: codes by their beginning (`codeMatch` "start", and always under three
 * characters) or by any part of `lower(code)` (the code's trigram index); and a part of the folded
 * text (its trigram index), folded by the same rule as the generated column — everywhere
 * (`textScope` undefined), only where this condition holds, or nowhere (false: codes only). A
 * reader who sees some records masked matches text only where shown in full, so a masked name
 * cannot be confirmed by searching it. From `q`'s patterns (`caseSearchPatterns`: values, or
 * placeholders of a prepared query; `text` null: codes only).
 */
export function caseSearchOf(
  register: CaseRegisterTable,
  patterns: CaseSearchPatterns,
  textScope: SQL | undefined | false,
): CaseSearch {
  const code = sql`lower(${register.code}) like ${patterns.code}`;
  const range = patterns.codeRange;
  // A beginning as the B-tree's range, which the code's trigram index cannot read: its first
  // trigrams are in every code of the province, so their posting lists hold every row.
  const byCode: CaseSearchAlternative = range
    ? {
        where: sql`lower(${register.code}) ~>=~ ${range.from} and lower(${register.code}) ~<~ ${range.to}`,
        check: code,
        orderBy: sql`lower(${register.code}) using ~<~`,
        key: sql`lower(${register.code})`,
      }
    : { where: code, check: code };
  if (patterns.text === null || textScope === false)
    return { inOrder: code, indexed: code, either: [byCode] };
  const scoped = (byText: SQL) => (textScope === undefined ? byText : and(textScope, byText)!);
  const byLike = scoped(sql`${register.searchFolded} like ${patterns.text}`);
  const inOrder = or(code, byLike)!;
  const suffixed = register.searchSuffixes && patterns.suffix !== null;
  const bySuffix = (query: unknown) => scoped(sql`${suffixesOf(register)} @@ ${query}::tsquery`);
  const byText = suffixed ? bySuffix(patterns.suffix) : byLike;
  const indexed = or(code, byText)!;
  // Apart only for a code's beginning: a name and a part of a code are read as one bitmap as
  // before (apart, PostgreSQL planned and ran two subqueries: 0.4–0.6 ms more of its CPU a page
  // at 1 M dossiers). The text first: the code's rows, at most the cap + 1, are checked
  // against it (`cappedMatches`).
  const either = range
    ? [{ where: byText, check: byLike }, byCode]
    : [{ where: indexed, check: inOrder }];
  const weekly = suffixed && !range ? (query: unknown) => or(code, bySuffix(query))! : undefined;
  return { inOrder, indexed, either, ...(weekly && { weekly }) };
}

/**
 * `columns` of the records matching `conditions` and any of the search's alternatives
 * (`CaseSearch.either`), each record under the first alternative it matches, at most `cap` + 1
 * under each: each alternative read through its own index and stopped there (a code's beginning:
 * a range of the code's B-tree), the earlier ones checked on its rows (their LIKE). More than
 * `cap` rows exactly when more than `cap` records match; at most `cap`, they are every match,
 * once each (a union without repeats hashed every key: 1 ms more a page for a name's 6,936
 * matches at 1 M dossiers on PostgreSQL).
 */
function cappedMatches(
  register: CaseRegisterTable,
  conditions: SQL[],
  either: CaseSearchAlternative[],
  columns: SQL,
  cap: number,
): SQL {
  const arms = either.map(({ where, orderBy }, i) => {
    const notEarlier = either.slice(0, i).map((a) => sql`not coalesce(${a.check}, false)`);
    return sql`(select ${columns} from ${register.table} where ${and(...conditions, where, ...notEarlier)}${orderBy ? sql` order by ${orderBy}` : sql``} limit ${sql.raw(String(cap + 1))})`;
  });
  return sql.join(arms, sql` union all `);
}

/** A page of a case register, as `casePageQueries` reads it. */
export interface CasePageOptions {
  limit: number;
  after?: CasePosition;
  q?: string;
  textScope?: SQL | false;
  codeMatch?: CodeMatch;
  /** `q`'s values when given (`caseSearchPatterns` as placeholders): `q` is not read then. */
  patterns?: CaseSearchPatterns;
  /**
   * With `q` searched through its trigram indexes (`codeMatch` not "start") and `select` a
   * function: also a `probe`, the page searched in the first `probeWindow` records of the
   * register's order only (see `readCasePage`).
   */
  probeWindow?: number;
  /**
   * With `q` and `select` a function: also `direct`, the page read from the matches when they
   * are at most the cap (see `directPage`); false: none.
   */
  direct?: boolean;
  /** What the count and the direct read stop at (`registerTotalCap` unless given). */
  cap?: number;
  /**
   * With `q` and `select` a function: also `walk`, the page read in the register's order a
   * window of this many records at a time (`registerSearchWalk` unless given; false: none).
   */
  walk?: number | false;
  /**
   * Told of each walk window's statement before it runs: to keep it by name (its text is one of
   * few per filter shape, its values parameters).
   */
  keepWalk?: (query: SQL) => void;
  /** The walk's first window of a page (`CaseWalk.firstWindowSize`; `firstWalkWindow` unless given). */
  firstWalk?: number;
  /**
   * With a search that has a weekly form (`CaseSearch.weekly`) and `select` a function: also
   * `weeklyIds`, the ids of the page's matches received in some weeks (on PostgreSQL also
   * `weeklyRows`, those rows joined, in one statement planned once: `plannedOnce`): its
   * placeholders those of `WeeklyWindow` (case-register-weekly.ts). When `weekly` is "since",
   * for a reach of few units, the units' index's range from `weeklySince` is read with the
   * weeks' matches (not all of the units' records: a ward's 93,154 at 10 M dossiers, 47 ms;
   * from 13 weeks back, 10,013).
   */
  weekly?: "since" | boolean;
}

/**
 * The two queries of a register page: the page (`select`, one row more than `limit`, after the
 * given position) and the count, stopped at the cap + 1 (`registerTotalCap`: 10,000, 1,000 on PGlite); `q` searched last, as
 * `caseSearchOf` does within `textScope` (codes as `codeMatch` says). Keyset pagination: a page
 * starts after the given row, so each page reads one range of an index in the register's order
 * however deep it is. Without `q` the count reads in the register's order too, so it reads the
 * same index range as the pages; unordered, PostgreSQL may read the table until it has the rows,
 * the whole of it for a rare filter. With `q` it is unordered: the matches found through the
 * search's indexes (a code's beginning apart from the name: `cappedMatches`) are counted as they
 * come and the count stops at the cap, instead of fetching and sorting every match of a common
 * name. With `select` given as a function of the executor, the page's rows are limited alone
 * first and the select's joins read only those, and a search has a third query, `direct`: its
 * page read from its matches (`directPage`), which `readCasePage` runs instead of the page when
 * the count says they are at most the cap.
 */
export function casePageQueries<T extends PgSelect>(
  exec: Executor,
  register: CaseRegisterTable,
  select: T | ((from: Executor) => T),
  conditions: SQL[],
  page: CasePageOptions,
) {
  const patterns = searchPatternsOf(page);
  const search = patterns && caseSearchOf(register, patterns, page.textScope);
  // On PostgreSQL, where the reach and the filters hold no values (the whole register, names
  // shown in full), a search's direct and weekly pages are each one statement, their rows joined,
  // kept by name: the search's values each a subquery of their own (`plannedOnce`), so it is
  // planned once per connection. Planned for each search's values, the ids alone cost PostgreSQL
  // 0.4–0.5 ms of planning against 0.1–0.3 ms of running, and their rows a second round trip
  // (10 M dossiers, 50 clients). A unit's or a state's value changed the estimates, and
  // PostgreSQL planned the joined statement for each read (1.5–1.9 ms): there the ids, then
  // their rows. On PGlite always (its statements kept by name too, pglite-client.ts): its
  // database is a ward's, whose unit and states the estimates hardly tell apart, and its one
  // connection planned each search's page for every client (an exact code: 4.8–5.4 ms of the
  // worker a page, planned once 0.6 ms; 1 M dossiers).
  const planned =
    patterns &&
    (executorKind(exec) === "pglite" ||
      (searchReadsByIds(exec) &&
        valueFree(exec, register, [...conditions, page.textScope || undefined])))
      ? caseSearchOf(register, plannedPatterns(patterns), page.textScope)
      : undefined;
  // The page, the count and the page read from the matches find them through the search's
  // indexes; the probe, the walk and a count of a common part check records in order.
  const where = and(...conditions, ...(search ? [search.indexed] : []));
  const keys = registerKeys(register);
  const after = page.after;
  const order = keys.map((key) => desc(key));
  const afterBound = after && beforePosition(register, keys, after);
  const bounded = afterBound ? and(where, afterBound) : where;
  let rows: T;
  let probeIds: IdsQuery | undefined;
  let probeRows: T | undefined;
  let directIds: IdsQuery | undefined;
  let weeklyIds: IdsQuery | undefined;
  let weeklyRows: T | undefined;
  let directRows: T | undefined;
  let weeklyCensus: ReturnType<typeof censusOf> | undefined;
  let walk: CaseWalk<Awaited<T>[number]> | undefined;
  const cap = page.cap ?? registerTotalCap(exec);
  if (typeof select === "function") {
    // The page's rows first, alone (`with dossiers as (select … from dossiers … limit n)`: the
    // table's name stands for them in the joined select, whose columns read them unchanged), then
    // the joins and per-row subqueries for those rows only. Joined first, a search whose matches
    // are found through its trigram index (fetched, then sorted) looked up every match's names
    // and subqueries before keeping 51 (1 M dossiers, 6,936 matches: 78.9 ms, now 17.2).
    const limited = exec.$with(getTableName(register.table)).as(
      exec
        .select()
        .from(register.table)
        .where(bounded)
        .orderBy(...order)
        .limit(literalLimit(page.limit + 1)),
    );
    rows = select(exec.with(limited) as unknown as Executor).orderBy(...order) as T;
    if (search && page.probeWindow && page.codeMatch !== "start") {
      // The newest `probeWindow` records in reach, read in the register's order through its
      // index (as a page without `q`), then searched: the matches among them are the first
      // matches of the whole register in its order.
      const windowed = newestInReach(
        exec,
        register,
        and(...conditions, afterBound),
        order,
        page.probeWindow,
      );
      probeIds = exec
        .select({ id: sql<string>`${register.id}::text`.as("id") })
        .from(windowed)
        .where(search.inOrder)
        .orderBy(...order)
        .limit(literalLimit(page.limit + 1));
      // On PGlite the probe's rows themselves, joined in the same statement: its matches' ids
      // read first, then their rows by id, took two turns of the one connection (a full name's
      // page 1.40 ms of the worker, in one 0.94; 1 M dossiers).
      probeRows = select(
        exec.with(
          exec.$with(getTableName(register.table)).as(
            exec
              .select()
              .from(windowed)
              .where(search.inOrder)
              .orderBy(...order)
              .limit(literalLimit(page.limit + 1)),
          ),
        ) as unknown as Executor,
      ).orderBy(...order) as T;
    }
    if (search && page.direct !== false) {
      directIds = directPageIds(exec, register, conditions, planned ?? search, keys, page, cap, {
        planOnce: planned !== undefined,
      });
      if (planned) directRows = caseRowsByIds(exec, register, select, pagedIds(directIds, true));
    }
    if (search?.weekly && page.weekly) {
      // The weeks' matches found first, all of them (`offset 0` keeps the subquery apart), then
      // sorted: with the page's order and limit in the same query PostgreSQL walked the register's
      // index checking each record's suffixes, its cost unknown to the planner (10 M dossiers:
      // 63–77 s for a whole name's 51 matches; from its weeks' 173 matches, 10 ms cold).
      const value = (name: string, type: string) =>
        planned
          ? plannedOnce(sql.placeholder(name), type)
          : sql`${sql.placeholder(name)}::${sql.raw(type)}`;
      const since = value("weeklySince", "timestamptz");
      const matches = exec
        .select()
        .from(register.table)
        .where(
          and(
            ...conditions,
            page.weekly === "since" ? sql`${register.receivedAt} >= ${since}` : undefined,
            (planned ?? search).weekly!(
              planned ? value("weeklyQuery", "tsquery") : sql.placeholder("weeklyQuery"),
            ),
          ),
        )
        .offset(literalLimit(0))
        .as(getTableName(register.table));
      weeklyIds = exec
        .select({ id: sql<string>`${register.id}::text`.as("id") })
        .from(matches)
        // The cursor and the window's weeks checked on the matches found: unseen by the planner
        // within them, the cursor was read as a range of the register's index, from the cursor
        // to its end. The name's matches are of those weeks; a code's, of any (their index has
        // no weeks), and a window held again the code matches of the windows before it.
        .where(
          and(
            after && beforePosition(register, keys, after, planned !== undefined),
            sql`${register.receivedAt} >= ${since}`,
            sql`${register.receivedAt} < ${value("weeklyUntil", "timestamptz")}`,
          ),
        )
        .orderBy(...order)
        .limit(literalLimit(page.limit + 1));
      if (planned) weeklyRows = caseRowsByIds(exec, register, select, pagedIds(weeklyIds, true));
      weeklyCensus = censusOf(exec, register, conditions, order, search);
    }
    walk = search && caseSearchWalk(exec, register, select, conditions, page, search);
  } else {
    rows = select
      .where(bounded)
      .orderBy(...order)
      .limit(literalLimit(page.limit + 1)) as T;
  }
  const countOf = (condition: SQL | undefined) => {
    const capped = exec
      .select({ one: sql`1`.as("one") })
      .from(register.table)
      .where(condition)
      .orderBy(...order)
      .limit(literalLimit(cap + 1))
      .as("capped");
    return exec.select({ n: sql<number>`count(*)::int` }).from(capped);
  };
  const searchCount =
    search &&
    exec
      .select({ n: sql<number>`count(*)::int` })
      .from(sql`(${cappedMatches(register, conditions, search.either, sql`1`, cap)}) matched`);
  const count = !searchCount
    ? countOf(where)
    : search.inOrder !== search.indexed
      ? censusCount(exec, register, conditions, order, search, cap, searchCount)
      : searchCount;
  type Row = Awaited<T>[number];
  // A search's page: its rows' ids, found as the search says and planned for its values, then
  // these rows joined as the page's (`caseRowsByIds`). On PostgreSQL in two statements, the rows'
  // one kept by name for any ids (`searchReadsByIds`): planning the joins and subqueries again for
  // each search cost PostgreSQL more than running them (10 M dossiers: a code's beginning planned
  // in 1.4–1.5 ms joined, 0.25–0.3 ms its ids alone). On PGlite in one, the ids a subquery.
  // (A search of the whole register is one statement on PostgreSQL too, `planned` above.)
  const read = (ids: IdsQuery | undefined) => {
    if (!ids || typeof select !== "function") return undefined;
    const rowsOf = (found: unknown) =>
      caseRowsByIds(exec, register, select, found) as unknown as ReturnType<
        typeof idsThenRows<Row>
      >;
    return searchReadsByIds(exec) ? idsThenRows(ids, rowsOf) : rowsOf(pagedIds(ids));
  };
  return {
    page: rows,
    count,
    probe: searchReadsByIds(exec) ? read(probeIds) : probeRows,
    direct: directRows ?? read(directIds),
    probeIds,
    directIds,
    weeklyIds,
    weeklyRows,
    directRows,
    weeklyCensus,
    walk,
    cap,
  };
}

const searchPatternsOf = (page: CasePageOptions) =>
  page.q
    ? (page.patterns ?? caseSearchPatterns(page.q, page.textScope, page.codeMatch))
    : undefined;

/**
 * A search's walk (`CasePageQueries`' `walk`) built alone: undefined without `q` or with `walk`
 * false. Its statements hold the window's values, so a page that walks builds it anew, and the
 * register's other statements were 0.7 ms of the server's CPU a page beside it (PGlite, 1 M
 * dossiers, 50 clients).
 */
export function caseSearchWalk<T extends PgSelect>(
  exec: Executor,
  register: CaseRegisterTable,
  select: (from: Executor) => T,
  conditions: SQL[],
  page: CasePageOptions,
  search?: CaseSearch,
): CaseWalk<Awaited<T>[number]> | undefined {
  const patterns = search ? undefined : searchPatternsOf(page);
  const searched = search ?? (patterns && caseSearchOf(register, patterns, page.textScope));
  const windowSize = page.walk ?? registerSearchWalk(exec);
  if (!searched || !windowSize) return undefined;
  const cap = page.cap ?? registerTotalCap(exec);
  return caseWalk(
    exec,
    register,
    select,
    conditions,
    searched,
    registerKeys(register),
    page.after,
    cap,
    {
      windowSize,
      firstWindowSize: Math.min(windowSize, page.firstWalk ?? firstWalkWindow(exec, windowSize)),
    },
    page.keepWalk,
  );
}

/**
 * The records a search walk's first window reads (at most `whole`): PGLITE_SEARCH_WALK_FIRST on
 * PGlite; the whole window on PostgreSQL, where names are read by their weeks and walks are rare.
 */
export const firstWalkWindow = (exec: Executor, whole: number) =>
  executorKind(exec) === "pglite" ? Math.min(whole, PGLITE_SEARCH_WALK_FIRST) : whole;

/** Whether `conditions` hold no values (parameters) for PostgreSQL to plan for. */
const valueFree = (exec: Executor, register: CaseRegisterTable, conditions: (SQL | undefined)[]) =>
  exec
    .select({ one: sql`1` })
    .from(register.table)
    .where(and(...conditions))
    .toSQL().params.length === 0;

/**
 * Whether a search's page is read by its ids, then their rows by a statement kept by name
 * (`casePageQueries`): on PostgreSQL. On PGlite each statement waits its turn for the one
 * connection, and a search's page there is one statement planned once (`plannedOnce`); read as
 * its ids, then their rows by the statement kept by name, an exact code took as long in two
 * turns (1 M dossiers, 06/12/2026).
 */
export const searchReadsByIds = (exec: Executor) => executorKind(exec) === "postgresql";

/** The register's order, descending: the receipt time, the tie-break if any, the id. */
const registerKeys = (register: CaseRegisterTable) =>
  register.tieBreak
    ? [register.receivedAt, register.tieBreak, register.id]
    : [register.receivedAt, register.id];

/**
 * The records of `ids` (an array of uuids, a placeholder for one, or a subquery answering them)
 * joined as `select` joins a page's, in the register's order: one statement for any ids.
 */
export function caseRowsByIds<T extends PgSelect>(
  exec: Executor,
  register: CaseRegisterTable,
  select: (from: Executor) => T,
  ids: unknown,
): T {
  const listed = exec.$with(getTableName(register.table)).as(
    exec
      .select()
      .from(register.table)
      .where(
        is(ids, SQL)
          ? sql`${register.id} in (${ids})`
          : // One parameter, the array (Drizzle writes an array's items as a list of parameters).
            sql`${register.id} = any(${Array.isArray(ids) ? sql.param(ids) : ids}::uuid[])`,
      )
      // Its rows found first, then joined: flattened, a generic plan on PGlite joined the ids to
      // every unit before looking each pair's record up (a code's beginning: 408 look-ups for 51
      // rows, 2.2 of its 3.2 ms).
      .offset(literalLimit(0)),
  );
  return select(exec.with(listed) as unknown as Executor).orderBy(
    ...registerKeys(register).map((key) => desc(key)),
  ) as T;
}

/** A statement answering ids (as text), its SQL and parameters as Drizzle's `toSQL()` gives them. */
export type IdsRead = PromiseLike<{ id: string }[]> & {
  toSQL(): { sql: string; params: unknown[] };
};

/** `IdsRead` as Drizzle builds it, to be prepared. */
export type IdsQuery = IdsRead & {
  prepare(name: string): {
    execute(values?: Record<string, unknown>): Promise<{ id: string }[]>;
    getQuery(): { sql: string; params: unknown[] };
  };
};

/**
 * A page read in two statements (`casePageQueries`' probe and direct read): `ids`, then the rows
 * of those ids (none when it found none). Its SQL is the ids' statement's, the one that searches.
 */
export function idsThenRows<Row>(
  ids: IdsRead,
  rowsOf: (ids: string[]) => PromiseLike<Row[]>,
): PromiseLike<Row[]> & { toSQL(): { sql: string; params: unknown[] } } {
  return {
    then(onfulfilled, onrejected) {
      return ids
        .then(async (found): Promise<Row[]> =>
          found.length > 0 ? await rowsOf(found.map((r) => r.id)) : [],
        )
        .then(onfulfilled, onrejected);
    },
    toSQL: () => ids.toSQL(),
  };
}

/**
 * The first `records` records matching `where` in the register's order, read through its index,
 * as a subquery named as the table (the search's conditions name its columns so): the probe's
 * window and the count's census.
 */
function newestInReach(
  exec: Executor,
  register: CaseRegisterTable,
  where: SQL | undefined,
  order: SQL[],
  records: number,
) {
  return exec
    .select()
    .from(register.table)
    .where(where)
    .orderBy(...order)
    .limit(literalLimit(records))
    .as(getTableName(register.table));
}

/**
 * A row limit written into the statement, not sent as a parameter. PostgreSQL plans a statement
 * kept by name once for any values (a generic plan) only when that costs no more than planning
 * it for each; with `limit $1` the generic plan assumes a tenth of the table (10 M dossiers: a
 * million rows, hash joins, 347 ms for a first page) and is never taken.
 */
export const literalLimit = (rows: number): number =>
  sql.raw(String(Math.trunc(rows))) as unknown as number;

/**
 * How many of the newest COUNT_CENSUS_WINDOW records in reach match a search (`censusCount`; a
 * name search's weekly read is tried only when they are few, `WEEKLY_DENSE`).
 */
function censusOf(
  exec: Executor,
  register: CaseRegisterTable,
  conditions: SQL[],
  order: SQL[],
  search: CaseSearch,
) {
  return exec
    .select({ n: sql<number>`count(*) filter (where ${search.inOrder})::int` })
    .from(newestInReach(exec, register, and(...conditions), order, COUNT_CENSUS_WINDOW));
}

/** The newest records in reach a search's count looks at first (`censusCount`). */
export const COUNT_CENSUS_WINDOW = 1_000;
/** Matches among them from which the count checks records in order (a tenth). */
export const COUNT_CENSUS_DENSE = 100;

/**
 * A search's capped count, for a register whose search is written two ways (`CaseSearch`): the
 * matches among the newest COUNT_CENSUS_WINDOW records in reach decide how it counts. A tenth or
 * more: the newest 10 × (cap + 1) records are checked with the LIKE, in the register's order,
 * until the cap is passed (a few tens of thousands for a common part such as "thi"; through the
 * suffix index it would build a bitmap of millions, or check each record's suffixes: 0.6 s at
 * 10 M dossiers). Fewer, or no more than the cap among those: through the search's indexes (a
 * whole name: 13 ms at 10 M, 5,787 matches). Exact either way; one statement, of which
 * PostgreSQL runs only the subqueries the answer needs.
 */
function censusCount(
  exec: Executor,
  register: CaseRegisterTable,
  conditions: SQL[],
  order: SQL[],
  search: CaseSearch,
  cap: number,
  indexed: SQLWrapper,
) {
  const newest = (records: number) =>
    newestInReach(exec, register, and(...conditions), order, records);
  const census = censusOf(exec, register, conditions, order, search);
  const checked = exec
    .select({ one: sql`1`.as("one") })
    .from(newest(10 * (cap + 1)))
    .where(search.inOrder)
    .limit(literalLimit(cap + 1))
    .as("checked");
  const beyond = exec.select({ n: sql`count(*)` }).from(checked);
  return exec
    .select({
      n: sql<number>`case
        when (${census}) >= ${sql.raw(String(COUNT_CENSUS_DENSE))}
          and (${beyond}) > ${sql.raw(String(cap))} then ${sql.raw(String(cap + 1))}
        else (${indexed}) end`,
    })
    .from(sql`(select 1) one`);
}

/**
 * A search's page read in the register's order a window at a time (`readCasePage`): the next
 * `size` records in reach after a position, read through the register's index in its order as a
 * page without `q` is, and searched; the ids of the matches among them (at most `want`) and the
 * window's last position, where the next window starts. On PGlite, whose one connection a
 * statement holds until it ends, one statement walking to a page's matches held it as long as the
 * matches were far (a code beginning shared by one month of the ward's codes, 1.6–2.3 s at 1 M
 * dossiers): in windows, whatever waits — the public lookup first — waits for one window.
 */
export interface CaseWalk<Row> {
  /** Records a window reads. */
  windowSize: number;
  /**
   * Records a page's first window reads (`walkPage`), at most `windowSize`: each next window
   * twice the one before, up to `windowSize`.
   */
  firstWindowSize: number;
  /** Where the page starts (the cursor), as `casePageQueries`' `after`. */
  after?: CasePosition;
  /**
   * The next `size` records (`windowSize` unless given) after `after`: their first `want`
   * matches and where they end.
   */
  window(after: CasePosition | undefined, want: number, size?: number): Promise<CaseWalkWindow>;
  /**
   * A code's beginning (`CaseSearchAlternative.key`): the first step of reading the page from the
   * code's range instead, its candidates the newest `want` matches of the other alternatives (the
   * text's). Null for other searches, and when those other matches are more than the cap (read
   * whole, they would be unbounded).
   */
  rangeStart(want: number): Promise<CaseRangeStep | null>;
  /** The next `windowSize` entries of the code's range after `step`, merged into its candidates. */
  rangeNext(step: CaseRangeStep, want: number): Promise<CaseRangeStep>;
  /** The rows of these ids, joined as the page's, in the register's order. */
  rows(ids: string[]): PromiseLike<Row[]>;
}

/**
 * A page read from a code's range (`CaseWalk.rangeStart`): the newest `want` matches found so far
 * (ids, in the register's order), the range's last entry read (its key and record; undefined: none
 * yet), and whether the range is read to its end (the candidates are then the page).
 */
export interface CaseRangeStep {
  candidates: string[];
  last?: { key: string; id: string };
  done: boolean;
}

/**
 * A walk built when first read: most pages never walk (their probe or their matches answer), and
 * building a walk's statements cost about 0.5–1 ms of the server's CPU a page.
 */
export function lazyCaseWalk<Row>(
  build: () => CaseWalk<Row>,
  sizes: Pick<CaseWalk<Row>, "windowSize" | "firstWindowSize">,
  after?: CasePosition,
): CaseWalk<Row> {
  let built: CaseWalk<Row> | undefined;
  const walk = () => (built ??= build());
  return {
    ...sizes,
    after,
    window: (from, want, size) => walk().window(from, want, size),
    rangeStart: (want) => walk().rangeStart(want),
    rangeNext: (step, want) => walk().rangeNext(step, want),
    rows: (ids) => walk().rows(ids),
  };
}

export interface CaseWalkWindow {
  /** The matches' ids in the register's order. */
  hits: string[];
  /**
   * The window's last record, where the next window starts (null: the register ended within the
   * window, or the window held `want` matches and was read no further).
   */
  end: CasePosition | null;
}

function caseWalk<T extends PgSelect>(
  exec: Executor,
  register: CaseRegisterTable,
  select: (from: Executor) => T,
  conditions: SQL[],
  search: CaseSearch,
  keys: AnyPgColumn[],
  after: CasePosition | undefined,
  cap: number,
  sizes: Pick<CaseWalk<unknown>, "windowSize" | "firstWindowSize">,
  keep?: (query: SQL) => void,
): CaseWalk<Awaited<T>[number]> {
  const tie = register.tieBreak && sql`${sql.identifier(register.tieBreak.name)}::text`;
  const whole = Math.max(1, Math.floor(sizes.windowSize));
  return {
    ...sizes,
    after,
    async window(from, want, records = whole) {
      const size = Math.max(1, Math.floor(records));
      const bound = from && beforePosition(register, keys, from);
      // Read in the register's order and stopped at the `want`-th match: a common word's page
      // reads a fraction of its window (the numbered records are pipelined, not materialized).
      // The window's last record is kept whatever it is, to continue from when matches are few.
      const query = sql`select to_char(${sql.identifier(register.receivedAt.name)} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as at,
            ${tie ?? sql`null`} as code, ${sql.identifier(register.id.name)}::text as id,
            walk_hit, n
          from (select *, row_number() over (order by ${byKeyNames(keys, "desc")}) as n
            from (select ${sql.join(keys, sql`, `)}, coalesce(${search.inOrder}, false) as walk_hit
              from ${register.table} where ${and(...conditions, bound) ?? sql`true`}
              order by ${sql.join(
                keys.map((key) => desc(key)),
                sql`, `,
              )} limit ${sql.raw(String(size))}) s) w
          where walk_hit or n = ${sql.raw(String(size))}
          limit ${want}`;
      keep?.(query);
      const rows = await queryRows<{
        at: string;
        code: string | null;
        id: string;
        walk_hit: boolean;
        n: number;
      }>(exec, query);
      const hits = rows.filter((row) => row.walk_hit);
      const last = rows.at(-1);
      const full = last !== undefined && Number(last.n) === size && hits.length < want;
      return {
        hits: hits.map((row) => row.id),
        end:
          full && last
            ? { at: last.at, id: last.id, ...(last.code !== null && { code: last.code }) }
            : null,
      };
    },
    ...caseRangeRead(exec, register, conditions, search.either, keys, whole, after, cap),
    rows: (ids) =>
      caseRowsByIds(exec, register, select, ids) as unknown as PromiseLike<Awaited<T>[number][]>,
  };
}

/**
 * `CaseWalk`'s range read: for a search with a code's beginning among its alternatives, the
 * page's matches read from the code's B-tree `size` entries a statement, the newest `want` kept.
 */
function caseRangeRead(
  exec: Executor,
  register: CaseRegisterTable,
  conditions: SQL[],
  either: CaseSearchAlternative[],
  keys: AnyPgColumn[],
  size: number,
  after: CasePosition | undefined,
  cap: number,
): Pick<CaseWalk<unknown>, "rangeStart" | "rangeNext"> {
  const ranged = either.find((alternative) => alternative.key);
  const others = either.filter((alternative) => !alternative.key);
  const names = sql.join(keyNames(keys), sql`, `);
  const newest = byKeyNames(keys, "desc");
  const id = sql.identifier(register.id.name);
  const cursor = after && beforePosition(register, keys, after);
  const fits = and(...conditions, cursor) ?? sql`true`;
  return {
    async rangeStart(want) {
      if (!ranged) return null;
      if (others.length === 0) return { candidates: [], done: false };
      const rows = await queryRows<{ id: string; matches: number }>(
        exec,
        sql`with o as materialized (
            select ${sql.join(keys, sql`, `)} from ${register.table}
            where ${and(fits, or(...others.map((other) => other.where)))}
            limit ${sql.raw(String(cap + 1))})
          select ${id}::text as id, (select count(*)::int from o) as matches
          from o order by ${newest} limit ${sql.raw(String(want))}`,
      );
      if (rows.some((row) => Number(row.matches) > cap)) return null;
      return { candidates: rows.map((row) => row.id), done: false };
    },
    async rangeNext(step, want) {
      const key = ranged!.key!;
      // After the last entry read: its key, then its record's id among entries of equal keys
      // (the chunk is read in that order, the id sorted within each key).
      const from = step.last
        ? sql`and ${key} ~>=~ ${step.last.key}
            and (${key} ~>~ ${step.last.key} or ${register.id} > ${step.last.id}::uuid)`
        : sql``;
      const kept = step.candidates.length > 0 ? inArray(register.id, step.candidates) : sql`false`;
      // The chunk in the B-tree's order, materialized so that it is read there, not walked in the
      // register's order (which the planner prefers for a newest few, however far they are).
      const rows = await queryRows<{ part: number; id: string; key: string | null; read: number }>(
        exec,
        sql`with c as materialized (
            select ${sql.join(keys, sql`, `)}, ${key} as range_key, coalesce(${fits}, false) as fits
            from ${register.table} where ${ranged!.where} ${from}
            order by ${ranged!.orderBy}, ${register.id} limit ${sql.raw(String(size))}),
          found as (select ${names} from c where fits
            union select ${sql.join(keys, sql`, `)} from ${register.table} where ${kept})
          (select 0 as part, ${id}::text as id, null as key, 0 as read
            from found order by ${newest} limit ${sql.raw(String(want))})
          union all (select 1, ${id}::text, range_key, (select count(*)::int from c)
            from c order by range_key using ~>~, ${id} desc limit 1)`,
      );
      const last = rows.find((row) => Number(row.part) === 1);
      return {
        candidates: rows.filter((row) => Number(row.part) === 0).map((row) => row.id),
        ...(last && { last: { key: last.key!, id: last.id } }),
        done: !last || Number(last.read) < size,
      };
    },
  };
}

/**
 * Reads a page in the register's order through `walk`, one window per statement, until it has
 * the page's rows and the next one, or the register ends. A code's beginning is also read from
 * the code's range, a window of each by turns: the page is whichever read ends first, so it costs
 * at most about twice the shorter. The walk's length depends on how far the matches are from the
 * newest record, the range's on how many codes begin so: at 1 M dossiers on PGlite, a month of the
 * ward's codes 14 months back walked 91 windows (2.3–3.1 s), with its range 8 and 7 (0.46–0.59 s);
 * a year's codes (410,000) walked 71 windows (1.7 s), 42 and 41 with its range (2.5–2.8 s).
 */
export async function walkPage<Row>(
  walk: CaseWalk<Row>,
  limit: number,
  first?: CaseWalkWindow,
): Promise<Row[]> {
  const ids: string[] = [];
  let from = walk.after;
  let range: CaseRangeStep | null | undefined;
  let size = first ? walk.windowSize : walk.firstWindowSize;
  for (let read = first; ; read = undefined) {
    const window = read ?? (await walk.window(from, limit + 1 - ids.length, size));
    ids.push(...window.hits.slice(0, limit + 1));
    if (ids.length > limit || window.end === null) break;
    from = window.end;
    // The code's range read alongside once the windows are whole: before, the walk's first
    // windows answer a common search in a fraction of one.
    if (size < walk.windowSize) {
      size = Math.min(walk.windowSize, size * 2);
      continue;
    }
    range =
      range === undefined
        ? await walk.rangeStart(limit + 1)
        : range && (await walk.rangeNext(range, limit + 1));
    if (range?.done) return range.candidates.length > 0 ? await walk.rows(range.candidates) : [];
  }
  return ids.length > 0 ? await walk.rows(ids) : [];
}

/**
 * A search's page read from its matches directly (`casePageQueries`' `direct`): the matches found
 * through the search's own indexes as the capped count finds them (`cappedMatches`: at most
 * `cap` + 1 of each alternative), then ordered by the register's keys and cut to the page after
 * the cursor, and only that page's rows read again for the joined select. Exact only when the
 * matches are at most `cap`: beyond, it answers no rows at all (`readCasePage` then reads the
 * page in the register's order, after the probe). The page in the register's order walks its
 * index until it has the page's matches, a cost the planner judges from matches spread evenly in
 * time: matches few or clustered away from the newest made it walk far. This reads no more rows
 * than the count, and a search's probe is not read then (a full name at 1 M dossiers on PGlite,
 * 23 matches: p50 229–286 → 68–70 ms a page in `npm run bench stall`, 04/12/2026).
 * Matches beyond the cap and clustered (a code beginning shared by one month of codes, 60,000 at
 * 1 M) still walk: read from their matches they would all be sorted (0.3–0.7 s there).
 */
function directPageIds(
  exec: Executor,
  register: CaseRegisterTable,
  conditions: SQL[],
  search: CaseSearch,
  keys: AnyPgColumn[],
  page: { limit: number; after?: CasePosition },
  cap: number,
  { planOnce = false } = {},
): IdsQuery {
  const names = keyNames(keys);
  const matched = cappedMatches(register, conditions, search.either, sql.join(keys, sql`, `), cap);
  const after = page.after;
  const afterBound = after ? sql`and ${beforePosition(register, names, after, planOnce)}` : sql``;
  const order = byKeyNames(keys, "desc");
  const idName = sql.identifier(register.id.name);
  // The ids of the page's rows (one more than the page) among the matches counted (a window over
  // the limited matches, so the cursor's bound is applied after counting them), none when the
  // matches exceed the cap.
  const pageIds = sql`select ${idName} from (
      select ${sql.join(names, sql`, `)}, count(*) over () as matches from (${matched}) matched
    ) counted
    where matches <= ${sql.raw(String(cap))} ${afterBound}
    order by ${order} limit ${sql.raw(String(page.limit + 1))}`;
  return exec
    .select({ id: sql<string>`paged.${idName}::text`.as("id") })
    .from(sql`(${pageIds}) paged`);
}

export interface CasePage<R> {
  rows: R[];
  total: number;
  totalCapped: boolean;
  hasMore: boolean;
}

/**
 * Where a register page's total may be kept (register-total-cache.ts): read through `exec` (the
 * server's handle when it keeps totals), under `key` (the reader's reach and the filter, without
 * the cursor and page size), for records of `units` (null: every unit).
 */
export interface CaseTotalKey {
  exec: Executor;
  register: CaseRegister;
  key: string;
  units: readonly string[] | null;
}

/**
 * What a list's kept total is keyed by: its filter without the cursor, the page size and the
 * total a cursor carried (the pages after a cursor count what the first page counted).
 */
export function countedFilterKey(filter: {
  after?: unknown;
  limit: number;
  knownTotal?: unknown;
}): string {
  const { after: _after, limit: _limit, knownTotal: _known, ...counted } = filter;
  return JSON.stringify(counted);
}

/** A total a list's first page answered, given back by a later page instead of counting. */
export interface KnownCaseTotal {
  total: number;
  totalCapped: boolean;
}

/**
 * Runs a register page's two queries (null: the reader reaches nothing) into a page; the count
 * only when `total` is not already known (the first page's, carried by the cursor) or kept
 * (register-total-cache.ts, under its key).
 */
export async function readCasePage<Row, R>(
  queries: {
    page: PromiseLike<Row[]>;
    count: PromiseLike<{ n: number }[]>;
    probe?: PromiseLike<Row[]>;
    /** A search's page read from its matches (`casePageQueries`): none beyond the cap. */
    direct?: PromiseLike<Row[]>;
    /** A search's page read in the register's order a window at a time (`CaseWalk`). */
    walk?: CaseWalk<Row>;
    /**
     * A name search's page read from its newest weeks (case-register-weekly.ts), tried before the
     * others, told how many its matches are when they were counted exactly; undefined when those
     * weeks held too few matches.
     */
    weekly?: (matches?: number) => PromiseLike<Row[] | undefined>;
    /** What the count stops at (`registerTotalCap`). */
    cap: number;
  } | null,
  limit: number,
  flatten: (rows: Row[]) => R[],
  total?: CaseTotalKey | KnownCaseTotal,
): Promise<CasePage<R>> {
  if (queries === null) return { rows: [], total: 0, totalCapped: false, hasMore: false };
  const answer = (rows: Row[], n: number, capped: boolean): CasePage<R> => ({
    rows: flatten(rows.slice(0, limit)),
    total: Math.min(n, queries.cap),
    totalCapped: capped || n > queries.cap,
    hasMore: rows.length > limit,
  });
  // The walk's first window when the count read it (its census, below), so it is not read twice.
  let census: CaseWalkWindow | undefined;
  // A search's probe (`casePageQueries`) answers when it found more than a page within its
  // window: those are the page's rows and the next one. Else the page through the trigram
  // indexes, which fetch every match before keeping the newest (a common name at 10 M dossiers:
  // 69,444 matches, ≈ 150–300 ms; its probe ≈ 15 ms).
  const inOrder = async () => {
    const probed = queries.probe ? await queries.probe : undefined;
    if (probed && probed.length > limit) return probed;
    return queries.walk ? walkPage(queries.walk, limit, census) : await queries.page;
  };
  const known = total && "totalCapped" in total ? total : undefined;
  // Whether the count ran for this page (not a total kept or carried, which may be older).
  let fresh = false;
  const count = async () => {
    fresh = true;
    // Where a search walks (PGlite), the newest window in reach holding more matches than the cap
    // answers in one bounded turn: a common word's capped count through the trigram indexes
    // builds its bitmap whole first (≈ 0.65 s at 1 M dossiers, the one connection held).
    if (queries.walk && queries.direct && queries.walk.windowSize > queries.cap) {
      const window = await queries.walk.window(undefined, queries.cap + 1);
      // The page's first window too when the page starts at the register's beginning (the
      // census holds at least its first cap + 1 matches, and the page needs fewer).
      if (queries.walk.after === undefined && limit <= queries.cap) census = window;
      if (window.hits.length > queries.cap) return window.hits.length;
    }
    return (await queries.count)[0]?.n ?? 0;
  };
  const keyed = total && !("totalCapped" in total) ? total : undefined;
  const cache = keyed && registerTotalCacheOf(keyed.exec);
  const counted = () =>
    keyed && cache ? cache.get(keyed.register, keyed.key, keyed.units, count) : count();
  if (queries.direct) {
    // A search: counted first (or its total known), then read from its matches when they are at
    // most the cap. The direct read answers no rows when they have grown past the cap since a
    // total kept or carried was counted: the page is then read in the register's order, as it
    // is beyond the cap.
    const n = known ? known.total : await counted();
    const capped = known ? known.totalCapped || known.total > queries.cap : n > queries.cap;
    if (!capped && fresh && n === 0) return answer([], 0, false);
    // By weeks when the matches are many (few are sorted at once from all of them).
    const weekly =
      queries.weekly &&
      (capped || n > WEEKLY_MIN_TOTAL) &&
      (await queries.weekly(capped ? undefined : n));
    if (weekly) return answer(weekly, n, capped);
    if (capped) return answer(await inOrder(), n, true);
    const rows = await queries.direct;
    if (rows.length > 0 || fresh) return answer(rows, n, false);
    // None from a total kept or carried: none after the cursor, or more than the cap since it was
    // counted. Counted again to know which: the walk of the register's order found no match of a
    // search that has none, 14 s at 10 M dossiers, for as long as its total of 0 was kept.
    if ((await count()) <= queries.cap) return answer([], n, false);
    return answer(await inOrder(), n, false);
  }
  const rows = await inOrder();
  if (known) return answer(rows, known.total, known.totalCapped);
  return answer(rows, await counted(), false);
}
