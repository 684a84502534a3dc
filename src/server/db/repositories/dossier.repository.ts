import { createHash } from "node:crypto";
import type { DossierState } from "../../../core/dossier/dossier-state.ts";
import { searchKey } from "../../../core/text/vietnamese-text.ts";
import {
  and,
  eq,
  fillPlaceholders,
  getTableColumns,
  inArray,
  isNotNull,
  isNull,
  sql,
  type SQL,
} from "drizzle-orm";
import { alias, PgDialect } from "drizzle-orm/pg-core";
import { executorKind, queryRows, type Executor } from "../database.ts";
import { keepStatement } from "../pglite-client.ts";
import { mappedOnce } from "../drizzle-rows.ts";
import { agencies, units, users } from "../schema.ts";
import type {
  ProcedureDocument,
  ReceivedDocument,
} from "../../../core/dossier/required-documents.ts";
import {
  apologyLetters,
  dossierDocuments,
  dossierRegisterBooks,
  dossierRequiredDocuments,
  dossierPauses,
  dossiers,
  procedures,
} from "../schema-one-stop.ts";
import { forgetRegisterTotals, registerTotalCacheOf } from "../register-total-cache.ts";
import * as cases from "./case-register.repository.ts";
import * as weekly from "./case-register-weekly.ts";

export type DossierRow = typeof dossiers.$inferSelect;
export type DossierInsert = typeof dossiers.$inferInsert;
export type DossierPauseRow = typeof dossierPauses.$inferSelect;
export type ApologyLetterRow = typeof apologyLetters.$inferSelect;

/**
 * The dossier's columns its views show, all but these: the folded name is only searched, the
 * import, the receiving clerk and the row's own times are kept for audits. Fewer columns a register
 * page: 0.1 ms less of the embedded database's worker and of the server's thread each (1 M
 * dossiers, 50 rows).
 */
const {
  applicantNameFolded: _folded,
  importId: _import,
  receivedById: _receiver,
  createdAt: _created,
  updatedAt: _updated,
  // Listed beside the row, as `rescheduledDueDate` (DossierListRow).
  rescheduledDueDate: _rescheduled,
  ...listedColumns
} = getTableColumns(dossiers);

export interface DossierListRow
  extends Pick<DossierRow, keyof typeof listedColumns>, cases.CaseListNames {
  procedureCode: string;
  procedureName: string;
  procedureField: string;
  processingDays: number;
  feeText: string | null;
  handlerAgencyName: string | null;
  voidedByName: string | null;
  /** Received at a desk (it has a receive event); otherwise it came from an import. */
  receivedAtDesk: boolean;
  /** The latest apology letter's new return date; null without a letter. */
  rescheduledDueDate: string | null;
}

const handler = alias(agencies, "handler");
const voider = alias(users, "voider");

/**
 * Whether the dossier was received at a desk: it has a receive event. A dossier with a line in the
 * register book has one (the desk writes both in one transaction, `receiveDossier`), so only those
 * without a line (imported, or received before the book existed) look their event up: a page's
 * rows each looked it up among every dossier's events (1 M: 0.3–0.45 ms of PGlite's worker a page).
 */
const receivedAtDesk = sql<boolean>`(${dossiers.registerEntry} is not null
  or ${cases.caseHasEvent("dossier", dossiers.id, "receive")})`;

function selectWithNames(exec: Executor) {
  return exec
    .select({
      dossier: listedColumns,
      unitName: units.name,
      unitCode: units.code,
      procedureCode: procedures.code,
      procedureName: procedures.name,
      procedureField: procedures.field,
      processingDays: procedures.processingDays,
      feeText: procedures.feeText,
      handlerAgencyName: handler.name,
      voidedByName: voider.fullName,
      receivedAtDesk,
      rescheduledDueDate: dossiers.rescheduledDueDate,
      cursorAt: cases.cursorAtOf(dossiers.receivedAt),
    })
    .from(dossiers)
    .innerJoin(units, eq(units.id, dossiers.unitId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .leftJoin(handler, eq(handler.id, dossiers.handlerAgencyId))
    .leftJoin(voider, eq(voider.id, dossiers.voidedById));
}

const selectJoined = (from: Executor) => selectWithNames(from).$dynamic();

type Joined = Awaited<ReturnType<ReturnType<typeof selectWithNames>["execute"]>>[number];

function flatten(rows: Joined[]): DossierListRow[] {
  return cases.flattenJoined(rows, "dossier");
}

export interface DossierFilter {
  unitIds: string[] | null;
  unitId?: string;
  state?: DossierState;
  procedureId?: string;
  /** A code or its beginning (any letter case), or a part of the applicant's name (folded). */
  q?: string;
  /**
   * Where `q` may match the applicant's name: in every dossier listed (absent), or only in these
   * units' dossiers (the units whose applicants the reader sees in full; none: codes only).
   */
  nameSearchUnitIds?: string[];
  receivedFrom?: Date;
  receivedBefore?: Date;
  /** Not finished and past the due date on `today`. */
  overdueOn?: string;
  /** Not finished and due on this day. */
  dueOn?: string;
  /** Only dossiers no apology letter was issued for. */
  withoutApology?: boolean;
  /** true: only voided dossiers; otherwise voided dossiers are left out. */
  voided?: boolean;
  limit: number;
  /** The page after this row of the register's order (received_at desc, id desc). */
  after?: RegisterPosition;
  /**
   * The total the list's first page answered (carried by the cursor): answered again without
   * counting. Only with `after`.
   */
  knownTotal?: cases.KnownCaseTotal;
}

/** A row's place in the register's order: `cursorAt` of DossierListRow and the id. */
export type RegisterPosition = Omit<cases.CasePosition, "code">;

export { NAME_SEARCH_MIN_LENGTH, REGISTER_TOTAL_CAP } from "./case-register.repository.ts";

/** The dossier register's columns; `open` as in dossiers_register_open_idx's predicate. */
const DOSSIER_REGISTER: cases.CaseRegisterTable = {
  table: dossiers,
  id: dossiers.id,
  code: dossiers.code,
  unitId: dossiers.unitId,
  state: dossiers.state,
  receivedAt: dossiers.receivedAt,
  dueDate: dossiers.dueDate,
  searchFolded: dossiers.applicantNameFolded,
  searchSuffixes: true,
  open: sql.raw(`${dossiers.state.name} in ('received', 'in_progress', 'supplement_requested')`),
};

/**
 * A page of the register, newest first, and its total (exact up to REGISTER_TOTAL_CAP).
 *
 * Keyset pagination (`casePageQueries`): each page reads one range of an index in this order
 * (dossiers_register_*: a unit, the province, a state, the open ones) however deep it is; the count
 * stops at the cap. Conditions are written as those indexes' predicates are (voided_at is null,
 * state in the open states) so PostgreSQL can use the partial indexes.
 */
export async function listDossiers(
  exec: Executor,
  filter: DossierFilter,
  options: RegisterPaths = {},
): Promise<cases.CasePage<DossierListRow>> {
  const reachesNone = filter.unitIds !== null && filter.unitIds.length === 0;
  return cases.readCasePage(
    reachesNone ? null : await registerQueries(exec, filter, options),
    filter.limit,
    flatten,
    filter.after && filter.knownTotal
      ? filter.knownTotal
      : { exec, register: "dossier", ...dossierTotalKey(filter) },
  );
}

/**
 * The key of a page's kept total: the reach and every filter but the cursor and the page size
 * (the pages after a cursor count what the first page counted); the units whose writes change it.
 */
export function dossierTotalKey(filter: DossierFilter) {
  return {
    key: cases.countedFilterKey(filter),
    units: filter.unitId ? [filter.unitId] : filter.unitIds,
  };
}

/**
 * The two queries of a register page (one row more than the page, and the capped count), after
 * one read of the code index for a search (`codeMatchOf`: a code searched whole or by its
 * beginning reads a range of dossiers_code_lower_idx).
 *
 * Built once per shape of filter and database handle (`preparedPages`): the SQL Drizzle writes
 * depends on which filters are set, the number of units, the cursor, the page size and how `q`
 * matches, never on their values, so a page of a shape seen before fills the values into the
 * statement built then. Building the page's statements cost about 0.5 ms of the server's CPU a
 * page (≈ a fifth of its side). On PostgreSQL a page without a search is also kept by name on
 * each connection (`keptStatementName`), so the server plans it once for any values instead of
 * for each page: planning the joined page took more of PostgreSQL's time than running it (10 M
 * dossiers, warm: 0.5–1.3 ms against 0.7–0.9). A search's statements stay unnamed, planned for
 * their values each time (how many records a pattern matches decides their plan), but for its
 * direct and weekly pages over the whole register, whose values the planner does not see
 * (`cases.plannedOnce`): those are kept by name too.
 * `{ prepared: false }` builds them anew (the same SQL and parameters: a test holds them equal).
 */
export async function registerQueries(
  exec: Executor,
  filter: DossierFilter,
  { prepared = true, ...options }: { prepared?: boolean } & RegisterPaths = {},
): Promise<{
  page: RegisterQuery<Joined>;
  count: RegisterQuery<{ n: number }>;
  probe?: RegisterQuery<Joined>;
  direct?: RegisterQuery<Joined>;
  walk?: cases.CaseWalk<Joined>;
  /**
   * A name search's page read from its newest weeks (`weeklyPage`), and one read of it: the
   * page's rows where `casePageQueries` gives `weeklyRows`, else their ids.
   */
  weekly?: () => Promise<Joined[] | undefined>;
  weeklyRead?: (window: weekly.WeeklyWindow) => RegisterQuery<WeeklyRow>;
  cap: number;
}> {
  const paths = pathsOf(exec, options);
  if (!prepared) {
    const codeMatch = filter.q
      ? await cases.codeMatchOf(exec, DOSSIER_REGISTER, filter.q, reachOf(filter.unitIds))
      : undefined;
    const built = buildRegisterQueries(exec, filter, codeMatch, paths);
    const unnamed = undefined as unknown as string;
    const weeklyStatement = (
      built.weeklyRows
        ? joinedOf(built.weeklyRows)!.prepare(unnamed)
        : built.weeklyIds?.prepare(unnamed)
    ) as Prepared<WeeklyRow> | undefined;
    const weeklyRead =
      weeklyStatement &&
      ((window: weekly.WeeklyWindow) => new RegisterRead(weeklyStatement, { ...window }));
    const census = built.weeklyCensus && readOnce(built.weeklyCensus);
    const joined = built.weeklyRows !== undefined;
    return {
      ...built,
      probe: probeWhenDense(exec, filter, built.probe, census),
      ...(weeklyRead &&
        census && { weekly: weeklyPage(exec, filter, weeklyRead, joined, census), weeklyRead }),
    };
  }
  const shapes = shapesOf(exec);
  const { template, values, hold } = templateOf(filter);
  let codeMatch: cases.CodeMatch | undefined;
  let patterns: cases.CaseSearchPatterns | undefined;
  if (filter.q) {
    if (filter.q.length < cases.NAME_SEARCH_MIN_LENGTH) codeMatch = "start";
    else codeMatch = await keptCodeMatch(exec, shapes, filter.q, filter.unitIds);
    const textScope = textScopeOf(filter.nameSearchUnitIds);
    const searched = cases.caseSearchPatterns(filter.q, textScope, codeMatch);
    patterns = {
      code: hold(searched.code),
      codeRange: searched.codeRange && {
        from: hold(searched.codeRange.from),
        to: hold(searched.codeRange.to),
      },
      text: searched.text && hold(searched.text),
      suffix: searched.suffix && hold(searched.suffix),
    };
  }
  // The paths a page may take (probe, direct read, cap) are part of the shape: each is a
  // statement kept beside the page's.
  const key = JSON.stringify([template, codeMatch, patterns, paths]);
  let statements = shapes.get(key) as PreparedPage | undefined;
  if (!statements) {
    const built = buildRegisterQueries(exec, template, codeMatch, paths, patterns);
    const unnamed = undefined as unknown as string;
    const nameOf = (query: { toSQL(): { sql: string } }) =>
      (!filter.q && keptOn(exec, query)) || unnamed;
    const byIds = cases.searchReadsByIds(exec);
    // A search's direct or weekly page in one statement with its rows (`directRows`,
    // `weeklyRows`), kept by name: its values do not change its plan (`cases.plannedOnce`).
    const keptRows = (rows: unknown) =>
      mappedOnce(
        joinedOf(rows)!.prepare(keptOn(exec, rows as { toSQL(): { sql: string } }) || unnamed),
      );
    statements = {
      page: mappedOnce(built.page.prepare(nameOf(built.page))),
      count: built.count.prepare(nameOf(built.count)),
      probe: byIds ? built.probeIds?.prepare(unnamed) : built.probe && keptRows(built.probe),
      direct: built.directRows
        ? keptRows(built.directRows)
        : byIds
          ? built.directIds?.prepare(unnamed)
          : mappedOnce(joinedOf(built.direct)?.prepare(unnamed)),
      directJoined: built.directRows !== undefined,
      weekly: (built.weeklyRows
        ? keptRows(built.weeklyRows)
        : built.weeklyIds?.prepare(unnamed)) as Prepared<WeeklyRow> | undefined,
      weeklyJoined: built.weeklyRows !== undefined,
      weeklyCensus: built.weeklyCensus?.prepare(unnamed),
    };
    remember(shapes, key, statements);
  }
  const { probe, direct, weekly: weeklyStatement } = statements;
  const weeklyCensus =
    statements.weeklyCensus && readOnce(new RegisterRead(statements.weeklyCensus, values));
  const weeklyRead =
    weeklyStatement &&
    ((window: weekly.WeeklyWindow) => new RegisterRead(weeklyStatement, { ...values, ...window }));
  const read = (statement: Prepared<unknown> | undefined, joined = false) =>
    statement &&
    (cases.searchReadsByIds(exec) && !joined
      ? cases.idsThenRows(
          new RegisterRead(statement as Prepared<{ id: string }>, values),
          rowsByIds(exec, shapes),
        )
      : new RegisterRead(statement as Prepared<Joined>, values));
  return {
    page: new RegisterRead(statements.page, values),
    count: new RegisterRead(statements.count, values),
    probe: probeWhenDense(exec, filter, read(probe), weeklyCensus),
    ...(direct && { direct: read(direct, statements.directJoined) }),
    ...(weeklyRead &&
      weeklyCensus && {
        weekly: weeklyPage(
          exec,
          filter,
          weeklyRead,
          statements.weeklyJoined === true,
          weeklyCensus,
        ),
        weeklyRead,
      }),
    // Its statements depend on the window's position and size: built with the filter's values.
    ...(filter.q &&
      paths.walk && {
        walk: cases.lazyCaseWalk(
          // The page's rows by their ids in the statement kept by name (both databases).
          () => ({
            ...cases.caseSearchWalk(
              exec,
              DOSSIER_REGISTER,
              selectJoined,
              registerConditions(filter),
              { ...registerPage(filter, codeMatch, paths), keepWalk: walkKept(exec) },
            )!,
            rows: rowsByIds(exec, shapes),
          }),
          { windowSize: paths.walk, firstWindowSize: paths.firstWalk },
          filter.after,
        ),
      }),
    cap: paths.cap,
  };
}

/**
 * Whether `q` is a code's beginning in reach (`cases.CodeMatch`), kept as a page's total is
 * (register-total-cache.ts: a few seconds, forgotten when a dossier of a unit in reach is
 * written), so the pages of one search read the code index once: at 10 M dossiers and 50
 * clients its statement was ≈ 0.3 ms of PostgreSQL's CPU and a round trip on every page.
 */
async function keptCodeMatch(
  exec: Executor,
  shapes: Map<string, unknown>,
  q: string,
  unitIds: string[] | null,
): Promise<cases.CodeMatch> {
  const look = async (): Promise<number> => {
    if (executorKind(exec) === "pglite")
      // Kept out of the prepared statements: on PGlite it runs with sequential scans off.
      return (await cases.codeMatchOf(exec, DOSSIER_REGISTER, q, reachOf(unitIds))) === "start"
        ? 1
        : 0;
    // The code index's read, prepared per number of units in reach.
    const reachValues: Record<string, unknown> = {};
    const reachTemplate = unitIds?.map((id, i) => {
      reachValues[`u${i}`] = id;
      return sql.placeholder(`u${i}`) as unknown as string;
    });
    const key = `code-match ${reachTemplate?.length ?? "all"}`;
    let found = shapes.get(key) as Prepared<unknown> | undefined;
    if (!found) {
      found = cases
        .codeMatchQuery(
          exec,
          DOSSIER_REGISTER,
          sql.placeholder("pattern"),
          reachOf(reachTemplate ?? null),
        )
        .prepare(undefined as unknown as string);
      remember(shapes, key, found);
    }
    const rows = await found.execute({ ...reachValues, pattern: cases.codeStartPattern(q) });
    return rows.length > 0 ? 1 : 0;
  };
  const cache = registerTotalCacheOf(exec);
  const starts = cache
    ? await cache.get("dossier", `code start ${JSON.stringify([q, unitIds])}`, unitIds, look)
    : await look();
  return starts > 0 ? "start" : "part";
}

/**
 * The joined rows of a search's page by their ids (`cases.idsThenRows`, and a walk's page): one
 * statement per handle for any search, kept by name (`keptOn`), so its joins are planned once.
 */
function rowsByIds(exec: Executor, shapes: Map<string, unknown>) {
  let statement = shapes.get("rows by ids") as Prepared<Joined> | undefined;
  if (!statement) {
    const query = cases.caseRowsByIds(exec, DOSSIER_REGISTER, selectJoined, sql.placeholder("ids"));
    statement = mappedOnce(query.prepare(keptOn(exec, query) || (undefined as unknown as string)));
    remember(shapes, "rows by ids", statement);
  }
  const prepared = statement;
  return (ids: string[]) => prepared.execute({ ids });
}

/**
 * How many of the newest `cases.COUNT_CENSUS_WINDOW` dossiers in reach match a name search
 * (`census`), kept as the page's total is (register-total-cache.ts).
 */
async function newestMatches(
  exec: Executor,
  filter: DossierFilter,
  census: PromiseLike<{ n: number }[]>,
): Promise<number> {
  const cache = registerTotalCacheOf(exec);
  const countCensus = async () => (await census)[0]?.n ?? 0;
  const { key, units } = dossierTotalKey(filter);
  return cache
    ? await cache.get("dossier", `census ${key}`, units, countCensus)
    : await countCensus();
}

/**
 * `read` run at most once however many await it: a page's census decides both its weekly read
 * and its probe, and with the totals not kept (`CCHC_REGISTER_TOTAL_CACHE_SECONDS=0`) each would
 * count it again.
 */
function readOnce<T>(read: PromiseLike<T>): PromiseLike<T> {
  let answer: Promise<T> | undefined;
  return { then: (done, failed) => (answer ??= Promise.resolve(read)).then(done, failed) };
}

/**
 * A search's probe (`readCasePage`: its page among the newest records in reach) as read on
 * PostgreSQL; on PGlite, where it is one statement with its rows joined, over as many records as
 * the census's window (after the cursor on later pages), read only when the census
 * (`newestMatches`) found more matches in its window than a page holds, and answering none
 * otherwise. A probe that comes back short leaves the walk to read the same
 * records again: a turn of the one connection for nothing (a part of a name matching 20–50 of
 * the newest thousand would read its page in four turns instead of three). Without a census (no
 * name searched), none.
 */
function probeWhenDense(
  exec: Executor,
  filter: DossierFilter,
  probe: RegisterQuery<Joined> | undefined,
  census: PromiseLike<{ n: number }[]> | undefined,
): RegisterQuery<Joined> | undefined {
  if (cases.searchReadsByIds(exec)) return probe;
  if (!probe || !census) return undefined;
  const read = async () =>
    (await newestMatches(exec, filter, census)) > filter.limit ? await probe : [];
  return { then: (done, failed) => read().then(done, failed), toSQL: () => probe.toSQL() };
}

/**
 * A name search's page read from its newest weeks (case-register-weekly.ts), from the week of the
 * cursor or of the newest receipt (`receiptMs`); undefined when its matches are as common
 * as `weekly.WEEKLY_DENSE` says among the newest records in reach (`census`, kept as the total
 * is), when those weeks held too few, or when the register is empty.
 */
function weeklyPage(
  exec: Executor,
  filter: DossierFilter,
  read: (window: weekly.WeeklyWindow) => PromiseLike<WeeklyRow[]>,
  joined: boolean,
  census: PromiseLike<{ n: number }[]>,
) {
  return async (matches?: number): Promise<Joined[] | undefined> => {
    if ((await newestMatches(exec, filter, census)) >= weekly.WEEKLY_DENSE) return undefined;
    const fromCursor = filter.after !== undefined;
    const newest = !fromCursor || matches !== undefined ? await receiptMs(exec, "newest") : null;
    const ms = fromCursor ? weekly.cursorMs(filter.after!.at) : newest;
    if (ms === null) return undefined;
    // With the matches counted, the first read spans as many weeks as their mean rate over the
    // register's weeks says a page needs.
    const oldest = matches === undefined ? null : await receiptMs(exec, "oldest");
    const weeks =
      oldest === null || newest === null ? 0 : (newest - oldest) / weekly.SUFFIX_WEEK_MS + 1;
    const span = weekly.firstWeeklySpan(matches ?? 0, weeks, filter.limit, fromCursor);
    const start = { ms, fromCursor, span };
    const found = await weekly.weeklyPageRows(searchKey(filter.q ?? ""), start, read, filter.limit);
    if (!found || joined) return found as Joined[] | undefined;
    const ids = (found as { id: string }[]).map((row) => row.id);
    return await rowsByIds(exec, shapesOf(exec))(ids);
  };
}

/**
 * The newest or the oldest receipt time of any dossier (voided or not; milliseconds, null when
 * there is none), kept as a page's total is (register-total-cache.ts: forgotten when a dossier is
 * written): where a name search's weekly reads start, and the weeks its matches spread over. Two
 * reads of the register's indexes' first or last entries.
 */
async function receiptMs(exec: Executor, end: "newest" | "oldest"): Promise<number | null> {
  const look = async () => {
    const extreme = sql.raw(end === "newest" ? "max" : "min");
    const [row] = await queryRows<{ ms: number | string | null }>(
      exec,
      sql`select (extract(epoch from ${sql.raw(end === "newest" ? "greatest" : "least")}(
          (select ${extreme}(${dossiers.receivedAt}) from ${dossiers} where ${dossiers.voidedAt} is null),
          (select ${extreme}(${dossiers.receivedAt}) from ${dossiers} where ${dossiers.voidedAt} is not null)
        )) * 1000)::float8 as ms`,
    );
    return row?.ms === null || row?.ms === undefined ? Number.NaN : Number(row.ms);
  };
  const cache = registerTotalCacheOf(exec);
  const ms = cache ? await cache.get("dossier", `${end} receipt`, null, look) : await look();
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Which ways a register page may read its rows, for tests comparing them: the probe's window
 * (`SEARCH_PROBE_WINDOW`; 0: no probe), a search's direct read from its matches (`casePageQueries`'
 * `direct`; false: none), the cap its count and direct read stop at (`registerTotalCap`) and its
 * walk's windows (`registerSearchWalk`).
 */
export interface RegisterPaths {
  probeWindow?: number;
  direct?: boolean;
  cap?: number;
  /** A search's walk in the register's order, a window at a time (`CaseWalk`); false: none. */
  walk?: number | false;
  /** The walk's first window of a page, each next one twice as large up to `walk`. */
  firstWalk?: number;
  /** A name search's page read from its newest weeks first (case-register-weekly.ts). */
  weekly?: boolean;
}

const pathsOf = (exec: Executor, options: RegisterPaths): Required<RegisterPaths> => {
  // A search's page beyond the cap walks the register's order on PostgreSQL too: its LIKE checks
  // each record cheaply where the name's suffix index would build a bitmap of every match, and a
  // plan chosen from the planner's estimate of a part of a name walked or sorted by turns.
  const pgliteWalk = cases.registerSearchWalk(exec);
  const walk = options.walk ?? (pgliteWalk || SEARCH_PROBE_WINDOW);
  return {
    // The probe, which stops at the page's matches, is read first; on PGlite over the census's
    // window, and only when the census found a page there (`probeWhenDense`).
    probeWindow:
      options.probeWindow ?? (pgliteWalk ? cases.COUNT_CENSUS_WINDOW : SEARCH_PROBE_WINDOW),
    direct: options.direct ?? true,
    cap: options.cap ?? cases.registerTotalCap(exec),
    walk,
    firstWalk: walk ? Math.min(walk, options.firstWalk ?? cases.firstWalkWindow(exec, walk)) : 0,
    // Before the probe, the walk and the direct read where the matches are many but not common
    // among the newest records (`readCasePage`, `weeklyPage`); on both databases.
    weekly: options.weekly ?? true,
  };
};

/** A register statement: its rows when awaited, its SQL and parameters. */
export type RegisterQuery<T> = PromiseLike<T[]> & {
  toSQL(): { sql: string; params: unknown[] };
};

interface Prepared<T> {
  execute(values: Record<string, unknown>): Promise<T[]>;
  getQuery(): { sql: string; params: unknown[] };
}

/** A search's page read in one statement (`casePageQueries` on PGlite): Drizzle's query. */
const joinedOf = (read: unknown) => read as { prepare(name: string): Prepared<Joined> } | undefined;

/** A row of a name search's weekly read: the page's own (`weeklyRows`), or its id. */
type WeeklyRow = Joined | { id: string };

interface PreparedPage {
  page: Prepared<Joined>;
  count: Prepared<{ n: number }>;
  /** A search's page: its ids (then their rows, `rowsByIds`) where `searchReadsByIds`, else its rows. */
  probe?: Prepared<{ id: string }> | Prepared<Joined>;
  direct?: Prepared<{ id: string }> | Prepared<Joined>;
  /** Whether `direct` answers the page's rows (`directRows`), not their ids. */
  directJoined?: boolean;
  /**
   * A name search's page within a window of weeks: its rows (`casePageQueries`' `weeklyRows`,
   * PostgreSQL with a reach and filters without values), else its ids (`weeklyIds`).
   */
  weekly?: Prepared<WeeklyRow>;
  /** Whether `weekly` answers the page's rows (`weeklyRows`), not their ids. */
  weeklyJoined?: boolean;
  /** Its matches among the newest records in reach (`weeklyCensus`). */
  weeklyCensus?: Prepared<{ n: number }>;
}

/**
 * How many of the newest dossiers in reach a search through the trigram indexes reads first, in
 * the register's order (`casePageQueries`' probe): a part of a common name ("Thị Thủy", one
 * dossier in 144 of the bench's province) finds its page there, ≈ 15 ms at 10 M dossiers
 * instead of 150–300 ms fetching its 69,444 matches through the trigram index; a rarer one reads
 * the window in vain (≈ 15 ms at 10 M) and then its matches as before.
 */
export const SEARCH_PROBE_WINDOW = 10_000;

/**
 * A prepared register statement with its values: run when awaited (so a total kept elsewhere
 * never runs its count), its SQL and parameters as Drizzle's `toSQL()` gives them.
 */
class RegisterRead<T> implements RegisterQuery<T> {
  readonly #statement: Prepared<T>;
  readonly #values: Record<string, unknown>;
  constructor(statement: Prepared<T>, values: Record<string, unknown>) {
    this.#statement = statement;
    this.#values = values;
  }
  then<A = T[], B = never>(
    onfulfilled?: ((rows: T[]) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    return this.#statement.execute(this.#values).then(onfulfilled, onrejected);
  }
  toSQL(): { sql: string; params: unknown[] } {
    const query = this.#statement.getQuery();
    return { sql: query.sql, params: fillPlaceholders(query.params, this.#values) };
  }
}

/** ≈ 22 MB a connection at most; a reader's usual shapes (reach, filter, cursor) are fewer. */
export const MAX_KEPT_STATEMENTS = 64;
/** The names given so far (`keptStatementName`). */
const keptNames = new Set<string>();

/**
 * The name a statement is kept by on each PostgreSQL connection: its SQL's digest, so one name
 * never stands for two texts (the driver refuses that) and every handle shares the plans. At
 * most MAX_KEPT_STATEMENTS names in the process (then unnamed, as before): a connection keeps
 * what it prepared until it closes, ≈ 340 kB of PostgreSQL's memory for a page's statement and
 * its plan, and the page sizes and filters a client may combine would make as many statements.
 */
function keptStatementName(text: string): string | undefined {
  const name = `register_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
  if (keptNames.has(name)) return name;
  if (keptNames.size >= MAX_KEPT_STATEMENTS) return undefined;
  keptNames.add(name);
  return name;
}
/**
 * The name `query` is kept by on PostgreSQL (`keptStatementName`); on PGlite, which Drizzle gives
 * no name, the worker keeps its text by that name (`keepStatement`), and the name is not returned.
 */
function keptOn(exec: Executor, query: { toSQL(): { sql: string } }): string | undefined {
  const text = query.toSQL().sql;
  const name = keptStatementName(text);
  if (!name || executorKind(exec) === "postgresql") return name;
  keepStatement(text, name);
  return undefined;
}

/**
 * On PGlite, a walk's windows kept by name (`keptOn`) as a page's statements are: parsed once and
 * planned generically (pglite.worker.mjs), not planned again for every window (a ward's name
 * page, 1 M dossiers). On PostgreSQL, where walks are rare (names are read by their weeks), none.
 */
const walkKept = (exec: Executor) =>
  executorKind(exec) === "pglite"
    ? (query: SQL) => void keptOn(exec, { toSQL: () => walkDialect.sqlToQuery(query) })
    : undefined;
const walkDialect = new PgDialect();

/**
 * Lets the next shapes be named again, up to the bound (tests that read what is kept): statements
 * a connection prepared keep their names, which stand for the same SQL.
 */
export function forgetKeptStatementNames(): void {
  keptNames.clear();
}

/** Prepared statements per database handle (or transaction), by filter shape. */
const preparedPages = new WeakMap<object, Map<string, unknown>>();
/** Shapes kept per handle: readers' reaches differ in their number of units only. */
const MAX_SHAPES = 500;

function shapesOf(exec: Executor) {
  let shapes = preparedPages.get(exec);
  if (!shapes) preparedPages.set(exec, (shapes = new Map()));
  return shapes;
}

function remember(shapes: Map<string, unknown>, key: string, statement: unknown) {
  if (shapes.size >= MAX_SHAPES) shapes.clear();
  shapes.set(key, statement);
}

/**
 * The filter with its values replaced by placeholders (`values` holds them, as the statement
 * Drizzle built with the values themselves would send them: dates as ISO strings); what is left
 * (the flags, the page size) and the placeholders' places make the shape's key.
 */
function templateOf(filter: DossierFilter) {
  const values: Record<string, unknown> = {};
  const hold = <T>(value: T): T => {
    const name = `p${Object.keys(values).length}`;
    values[name] = value;
    return sql.placeholder(name) as unknown as T;
  };
  const { knownTotal: _known, q: _q, ...template } = filter;
  const t = template as DossierFilter;
  if (filter.unitIds) t.unitIds = filter.unitIds.map(hold);
  if (filter.unitId) t.unitId = hold(filter.unitId);
  if (filter.state) t.state = hold(filter.state);
  if (filter.procedureId) t.procedureId = hold(filter.procedureId);
  if (filter.receivedFrom)
    t.receivedFrom = hold(filter.receivedFrom.toISOString()) as unknown as Date;
  if (filter.receivedBefore)
    t.receivedBefore = hold(filter.receivedBefore.toISOString()) as unknown as Date;
  if (filter.overdueOn) t.overdueOn = hold(filter.overdueOn);
  if (filter.dueOn) t.dueOn = hold(filter.dueOn);
  if (filter.nameSearchUnitIds) t.nameSearchUnitIds = filter.nameSearchUnitIds.map(hold);
  if (filter.after)
    t.after = { ...filter.after, at: hold(filter.after.at), id: hold(filter.after.id) };
  if (filter.q) t.q = filter.q;
  return { template: t, values, hold };
}

const reachOf = (unitIds: string[] | null) =>
  unitIds === null ? undefined : inArray(dossiers.unitId, unitIds);

/** Applicants' names match where the reader sees them in full (`nameSearchUnitIds`). */
const textScopeOf = (where: string[] | undefined) =>
  where === undefined ? undefined : where.length > 0 && inArray(dossiers.unitId, where);

/** Units in reach up to which a name search's weekly reads bound the receipt time too. */
export const WEEKLY_SINCE_UNITS = 10;

/**
 * A reach of one unit or a few (`WEEKLY_SINCE_UNITS`): its records of a few weeks are few, so a
 * name search's weekly read bounds their receipt time (`casePageQueries`' `weekly`). A larger
 * reach has as many in those weeks as the province (40,872 a week at 10 M dossiers, 2–6 ms to
 * read from the register's index): there the weeks' matches alone are read.
 */
const fewUnits = (filter: DossierFilter) =>
  filter.unitId !== undefined ||
  (filter.unitIds !== null && filter.unitIds.length <= WEEKLY_SINCE_UNITS);

/**
 * The page's and the count's statements for `filter` (values, or placeholders), `q` matching
 * codes as `codeMatch` says, with `patterns` (placeholders) instead of `q`'s own when given.
 */
function buildRegisterQueries(
  exec: Executor,
  filter: DossierFilter,
  codeMatch: cases.CodeMatch | undefined,
  paths: Required<RegisterPaths>,
  patterns?: cases.CaseSearchPatterns,
) {
  return cases.casePageQueries(
    exec,
    DOSSIER_REGISTER,
    selectJoined,
    registerConditions(filter),
    registerPage(filter, codeMatch, paths, patterns),
  );
}

/** The register's filters but the search and the cursor, as `casePageQueries`' conditions. */
function registerConditions(filter: DossierFilter): SQL[] {
  const conditions: SQL[] = [
    filter.voided ? isNotNull(dossiers.voidedAt) : isNull(dossiers.voidedAt),
  ];
  if (filter.unitIds !== null) conditions.push(inArray(dossiers.unitId, filter.unitIds));
  const own = filter.procedureId ? [eq(dossiers.procedureId, filter.procedureId)] : [];
  conditions.push(...cases.caseListConditions(DOSSIER_REGISTER, filter, own));
  if (filter.dueOn) {
    conditions.push(DOSSIER_REGISTER.open, eq(dossiers.dueDate, filter.dueOn));
  }
  // A dossier with a letter has its rescheduled date (insertApologyLetter, migration 0044).
  if (filter.withoutApology) conditions.push(isNull(dossiers.rescheduledDueDate));
  return conditions;
}

function registerPage(
  filter: DossierFilter,
  codeMatch: cases.CodeMatch | undefined,
  paths: Required<RegisterPaths>,
  patterns?: cases.CaseSearchPatterns,
): cases.CasePageOptions {
  return {
    ...filter,
    textScope: textScopeOf(filter.nameSearchUnitIds),
    codeMatch,
    patterns,
    ...paths,
    weekly: paths.weekly && (fewUnits(filter) ? "since" : true),
  };
}

export async function findDossierById(exec: Executor, id: string): Promise<DossierListRow | null> {
  return flatten(await selectWithNames(exec).where(eq(dossiers.id, id)))[0] ?? null;
}

/** The dossier that holds a code (a voided dossier holds none). */
export async function findDossierByCode(
  exec: Executor,
  code: string,
): Promise<DossierListRow | null> {
  const rows = await selectWithNames(exec).where(
    and(eq(dossiers.code, code), isNull(dossiers.voidedAt)),
  );
  return flatten(rows)[0] ?? null;
}

/** Locks the dossier row for the rest of the transaction, so transitions never interleave. */
export async function lockDossier(exec: Executor, id: string): Promise<DossierRow | null> {
  const [row] = await exec.select().from(dossiers).where(eq(dossiers.id, id)).for("update");
  return row ?? null;
}

export async function unitIdsOfDossiers(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({ id: dossiers.id, unitId: dossiers.unitId })
    .from(dossiers)
    .where(inArray(dossiers.id, ids));
}

/** Which of these codes a dossier that is not voided already holds (whatever its unit). */
export async function takenCodes(exec: Executor, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await exec
    .select({ code: dossiers.code })
    .from(dossiers)
    .where(and(inArray(dossiers.code, codes), isNull(dossiers.voidedAt)));
  return new Set(rows.map((row) => row.code));
}

/**
 * Inserts a dossier unless a dossier that is not voided already holds its code (committed, or
 * committed meanwhile by a transaction this one waited for): then nothing is written and null
 * comes back, so the caller tries the next number. No exception, so no savepoint is needed.
 */
export async function insertDossierIfCodeFree(
  exec: Executor,
  values: DossierInsert,
): Promise<DossierRow | null> {
  const [row] = await exec
    .insert(dossiers)
    .values(values)
    .onConflictDoNothing({ target: dossiers.code, where: sql`voided_at is null` })
    .returning();
  if (row) forgetRegisterTotals({ register: "dossier", unitId: row.unitId });
  return row ?? null;
}

export interface VoidValues {
  voidedAt: Date;
  voidedById: string | null;
  voidReason: string;
}

/**
 * Voids the dossiers an import run created that are not voided yet; returns how many. Runs made
 * before dossiers recorded their run (import_id null) are matched as the import wrote them: the
 * run's unit, created while the run ran, never received at a desk (no receive event). A unit runs
 * one import at a time, so nothing else fits that description.
 */
export async function voidDossiersOfImport(
  exec: Executor,
  run: { id: string; unitId: string; startedAt: Date; finishedAt: Date | null },
  values: VoidValues,
): Promise<number> {
  const at = values.voidedAt.toISOString();
  const legacy = run.finishedAt
    ? sql`or (d.import_id is null and d.unit_id = ${run.unitId}
        and d.created_at between ${run.startedAt.toISOString()}::timestamptz
          and ${run.finishedAt.toISOString()}::timestamptz
        and not exists (select 1 from case_events e
          where e.register = 'dossier' and e.case_id = d.id and e.action = 'receive'))`
    : sql``;
  // Counted in the database: a run may have created a million dossiers.
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`with voided as (
      update dossiers d set voided_at = ${at}::timestamptz, voided_by_id = ${values.voidedById},
        void_reason = ${values.voidReason}, updated_at = ${at}::timestamptz
      where d.voided_at is null and (d.import_id = ${run.id} ${legacy})
      returning 1)
    select count(*)::int as n from voided`,
  );
  forgetRegisterTotals({ register: "dossier", unitId: run.unitId });
  return row?.n ?? 0;
}

export async function updateDossier(exec: Executor, id: string, values: Partial<DossierInsert>) {
  const [row] = await exec
    .update(dossiers)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(dossiers.id, id))
    .returning();
  if (row) forgetRegisterTotals({ register: "dossier", unitId: row.unitId });
  return row!;
}

export async function insertPause(exec: Executor, values: typeof dossierPauses.$inferInsert) {
  const [row] = await exec.insert(dossierPauses).values(values).returning();
  return row!;
}

export async function openPause(
  exec: Executor,
  dossierId: string,
): Promise<DossierPauseRow | null> {
  const [row] = await exec
    .select()
    .from(dossierPauses)
    .where(and(eq(dossierPauses.dossierId, dossierId), sql`${dossierPauses.resumedAt} is null`));
  return row ?? null;
}

export async function closePause(
  exec: Executor,
  id: string,
  values: { resumedAt: Date; pausedWorkingDays: number },
) {
  await exec.update(dossierPauses).set(values).where(eq(dossierPauses.id, id));
}

export async function listPauses(exec: Executor, dossierId: string) {
  return exec
    .select()
    .from(dossierPauses)
    .where(eq(dossierPauses.dossierId, dossierId))
    .orderBy(dossierPauses.requestedAt);
}

export async function insertApologyLetter(
  exec: Executor,
  values: typeof apologyLetters.$inferInsert,
) {
  const [row] = await exec.insert(apologyLetters).values(values).returning();
  // Its dossier's rescheduled date: the latest letter's by issue time (the new one, unless it was
  // dated before another).
  await exec
    .update(dossiers)
    .set({
      rescheduledDueDate: sql`(select a.new_due_date from apology_letters a
        where a.dossier_id = ${values.dossierId} order by a.issued_at desc limit 1)`,
    })
    .where(eq(dossiers.id, values.dossierId));
  // "Without an apology" pages count differently now (the letter names no unit: every total).
  forgetRegisterTotals({ register: "dossier" });
  return row!;
}

export async function listApologyLetters(exec: Executor, dossierId: string) {
  return exec
    .select()
    .from(apologyLetters)
    .where(eq(apologyLetters.dossierId, dossierId))
    .orderBy(apologyLetters.issuedAt);
}

/** Apology letters a unit issued in a calendar year (for numbering). */
export async function countApologyLettersOfUnitYear(exec: Executor, unitId: string, year: number) {
  const [row] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(apologyLetters)
    .innerJoin(dossiers, eq(dossiers.id, apologyLetters.dossierId))
    .where(
      and(
        eq(dossiers.unitId, unitId),
        sql`extract(year from (${apologyLetters.issuedAt} at time zone 'UTC') + interval '7 hours') = ${year}`,
      ),
    );
  return row?.n ?? 0;
}

/** Stores the documents the desk received with a dossier, in the checklist's order. */
export async function insertDossierDocuments(
  exec: Executor,
  dossierId: string,
  documents: readonly ReceivedDocument[],
) {
  if (documents.length === 0) return;
  await exec
    .insert(dossierDocuments)
    .values(documents.map((doc, position) => ({ dossierId, position, ...doc })));
}

/** The procedure's required documents as they were at receipt, kept with the dossier. */
export async function insertRequiredDocuments(
  exec: Executor,
  dossierId: string,
  documents: readonly ProcedureDocument[],
) {
  if (documents.length === 0) return;
  await exec
    .insert(dossierRequiredDocuments)
    .values(documents.map((doc, position) => ({ dossierId, position, ...doc })));
}

/** The procedure's required documents as they were when the dossier was received, in order. */
export async function listRequiredDocuments(
  exec: Executor,
  dossierId: string,
): Promise<ProcedureDocument[]> {
  return exec
    .select({
      name: dossierRequiredDocuments.name,
      form: dossierRequiredDocuments.form,
      copies: dossierRequiredDocuments.copies,
      required: dossierRequiredDocuments.required,
    })
    .from(dossierRequiredDocuments)
    .where(eq(dossierRequiredDocuments.dossierId, dossierId))
    .orderBy(dossierRequiredDocuments.position);
}

/**
 * The next line of a unit's register book: one upsert on the book's counter row, so concurrent
 * receipts of the unit queue there until the holder's transaction ends, and a transaction rolled
 * back gives its line back.
 */
export async function nextRegisterEntry(
  exec: Executor,
  book: { unitId: string; year: number; book: number },
): Promise<number> {
  const [row] = await exec
    .insert(dossierRegisterBooks)
    .values({ ...book, lastEntry: 1 })
    .onConflictDoUpdate({
      target: [dossierRegisterBooks.unitId, dossierRegisterBooks.year, dossierRegisterBooks.book],
      set: { lastEntry: sql`${dossierRegisterBooks.lastEntry} + 1` },
    })
    .returning({ value: dossierRegisterBooks.lastEntry });
  return row!.value;
}

/** The documents received with a dossier, in order (none for imported dossiers). */
export async function listDossierDocuments(
  exec: Executor,
  dossierId: string,
): Promise<ReceivedDocument[]> {
  return exec
    .select({
      name: dossierDocuments.name,
      form: dossierDocuments.form,
      copies: dossierDocuments.copies,
    })
    .from(dossierDocuments)
    .where(eq(dossierDocuments.dossierId, dossierId))
    .orderBy(dossierDocuments.position);
}
