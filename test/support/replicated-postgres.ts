/**
 * A primary and a synchronous streaming standby on loopback, from Debian's PostgreSQL packages,
 * for the failover test: the set-up the README's operations section describes (pg_basebackup -R,
 * synchronous_standby_names naming the standby's cluster_name, synchronous_commit=on), each
 * cluster a throwaway one in its own folder under /tmp on a free port.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { createThrowawayPostgres, type ThrowawayPostgres } from "./throwaway-postgres.ts";

/** The standby's cluster_name: its walreceiver's application_name, which the primary waits for. */
export const STANDBY_NAME = "cchc_standby";

export interface ReplicatedPostgres {
  primary: ThrowawayPostgres;
  standby: ThrowawayPostgres;
  /** The app's DATABASE_URL for `database` on both servers, primary first, read-write only. */
  url(database: string): string;
  /** kill -9 of the primary's postmaster (a crash: its backends die without answering). */
  killPrimary(): void;
  /** pg_ctl promote on the standby, waiting until it accepts writes. */
  promoteStandby(): Promise<void>;
  destroy(): Promise<void>;
}

export async function createReplicatedPostgres(): Promise<ReplicatedPostgres> {
  const primary = await createThrowawayPostgres({
    settings: [
      "wal_level=replica",
      "max_wal_senders=4",
      `synchronous_standby_names=${STANDBY_NAME}`,
      "synchronous_commit=on",
    ],
  });
  const standby = await createThrowawayPostgres({
    initialise: false,
    settings: [`cluster_name=${STANDBY_NAME}`, "hot_standby=on"],
  });
  const orphans: number[] = [];
  const cluster: ReplicatedPostgres = {
    primary,
    standby,
    url: (database) =>
      `postgres://postgres@127.0.0.1:${primary.port},127.0.0.1:${standby.port}/${database}` +
      `?target_session_attrs=read-write`,
    killPrimary() {
      const pid = postmasterPid(primary.dataDir);
      // Its backends notice the postmaster's death and exit; the clean-up makes sure.
      orphans.push(...childrenOf(pid));
      process.kill(pid, "SIGKILL");
      primary.markKilled();
    },
    async promoteStandby() {
      await standby.tool("pg_ctl", ["-D", standby.dataDir, "-w", "promote"]);
    },
    async destroy() {
      for (const pid of orphans) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      await standby.destroy();
      await primary.destroy();
    },
  };
  try {
    await primary.start();
    await standby.tool("pg_basebackup", [
      ...["-D", standby.dataDir, "-h", "127.0.0.1", "-p", String(primary.port)],
      ...["-U", "postgres", "-R", "-X", "stream", "-c", "fast"],
    ]);
    await standby.start();
    await waitForSynchronousStandby(primary.url);
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
  return cluster;
}

/** Polls pg_stat_replication until the standby streams as the synchronous one. */
async function waitForSynchronousStandby(url: string, timeoutMs = 60_000): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ sync_state: string }>(
        "select sync_state from pg_stat_replication where application_name = $1",
        [STANDBY_NAME],
      );
      if (rows[0]?.sync_state === "sync") return;
      if (Date.now() > deadline) throw new Error("the standby never became synchronous");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.end();
  }
}

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
}

/** Child processes of `pid` (the postmaster's backends), from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSafe("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return children;
}

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
