import pg from "pg";

/*
 * DATABASE_URL with several hosts, as libpq reads it:
 *   postgres://user:pass@h1:5432,h2:5433/cchc?target_session_attrs=read-write
 * node-postgres takes one host, so the pool's connection step chooses one: it probes the hosts
 * (in the URL's order) for one that accepts writes, connects there, and keeps using it until a
 * connection to it fails; a connection that lands on a read-only server (a standby not yet
 * promoted) is dropped. During a failover requests fail with DATABASE_UNAVAILABLE (class 08
 * errors, see database-errors.ts) until the standby is promoted; then the next request finds it.
 */

export interface PostgresHost {
  host: string;
  port: number;
}

export interface ParsedDatabaseUrl {
  /** One connection string per host, in the URL's order (without target_session_attrs). */
  urls: string[];
  hosts: PostgresHost[];
  /** target_session_attrs=read-write (or primary): only a server that accepts writes will do. */
  readWrite: boolean;
}

const URL_SHAPE = /^(postgres(?:ql)?:\/\/)(?:([^@/?#]*)@)?([^/?#]*)(.*)$/i;
const SESSION_ATTRS = /([?&])target_session_attrs=([^&#]*)&?/i;

/** Splits a libpq-style URL with one or more `host[:port]` entries; IPv6 hosts in brackets. */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  const match = URL_SHAPE.exec(url.trim());
  if (!match) return { urls: [url], hosts: [], readWrite: false };
  const [, scheme, userInfo, hostList, rest] = match as unknown as [
    string,
    string,
    string | undefined,
    string,
    string,
  ];
  const attrs = SESSION_ATTRS.exec(rest);
  const mode = attrs ? decodeURIComponent(attrs[2]!).toLowerCase() : "any";
  if (!["any", "read-write", "primary"].includes(mode))
    throw new Error(`target_session_attrs=${mode} is not supported (use read-write or any)`);
  const query = attrs
    ? rest.replace(SESSION_ATTRS, (_all, lead: string) => lead).replace(/[?&]$/, "")
    : rest;
  const entries = hostList.split(",").filter((entry) => entry !== "");
  const hosts = (entries.length ? entries : ["localhost"]).map(parseHost);
  const auth = userInfo === undefined ? "" : `${userInfo}@`;
  const urls = hosts.map(
    ({ host, port }) =>
      `${scheme}${auth}${host.includes(":") ? `[${host}]` : host}:${port}${query}`,
  );
  return { urls, hosts, readWrite: mode !== "any" };
}

function parseHost(entry: string): PostgresHost {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1]!, port: Number(bracketed[2] ?? 5432) };
  const [host, port] = entry.split(":");
  if (port !== undefined && !/^\d+$/.test(port))
    throw new Error(`DATABASE_URL: "${entry}" is not host:port`);
  return { host: decodeURIComponent(host || "localhost"), port: Number(port ?? 5432) };
}

/** SQLSTATE 08001: no host of the list could be used (refused, or all read-only). */
export class NoWritableServerError extends Error {
  readonly code = "08001";
  constructor(details: string[]) {
    super(`no PostgreSQL server of DATABASE_URL accepts writes (${details.join("; ")})`);
  }
}

const PROBE = `select pg_is_in_recovery() as recovery, current_setting('transaction_read_only') as read_only`;

async function isWritable(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ recovery: boolean; read_only: string }>(PROBE);
  return rows[0]?.recovery === false && rows[0]?.read_only === "off";
}

/**
 * Remembers which host accepts writes. Concurrent connections share one search; the chosen
 * host is kept until a connection to it fails or finds it read-only.
 */
export class WritableHostLocator {
  private current: number | null = null;
  private search: Promise<number> | null = null;

  constructor(
    private readonly parsed: ParsedDatabaseUrl,
    private readonly connectTimeoutMs: number,
  ) {}

  async target(): Promise<{ index: number } & PostgresHost> {
    const index = this.current ?? (await (this.search ??= this.find()));
    return { index, ...this.parsed.hosts[index]! };
  }

  /** A connection to host `index` failed or was read-only: search again next time. */
  forget(index: number): void {
    if (this.current === index) this.current = null;
  }

  private async find(): Promise<number> {
    try {
      // All hosts at once (an unreachable one costs a timeout), the URL's order decides.
      const results = await Promise.all(this.parsed.urls.map((url) => this.probe(url)));
      const index = results.findIndex((result) => result === "writable");
      if (index < 0)
        throw new NoWritableServerError(
          results.map((result, at) => `${describe(this.parsed.hosts[at]!)}: ${result}`),
        );
      this.current = index;
      return index;
    } finally {
      this.search = null;
    }
  }

  private async probe(connectionString: string): Promise<string> {
    const client = new pg.Client({
      connectionString,
      connectionTimeoutMillis: this.connectTimeoutMs,
    });
    client.on("error", () => undefined);
    try {
      await client.connect();
      return (await isWritable(client)) ? "writable" : "read-only";
    } catch (error) {
      return (error as { code?: string }).code ?? (error as Error).message;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

const describe = ({ host, port }: PostgresHost) => `${host}:${port}`;

/**
 * Pool options for a multi-host (or read-write) URL: a Client that connects to the locator's
 * host, and an onConnect check that drops a connection landing on a read-only server.
 */
export function multiHostPoolOptions(
  parsed: ParsedDatabaseUrl,
  connectTimeoutMs: number,
): Pick<pg.PoolConfig, "connectionString" | "onConnect"> & { Client: typeof pg.Client } {
  const locator = new WritableHostLocator(parsed, connectTimeoutMs);
  const chosen = new WeakMap<pg.ClientBase, number>();

  class MultiHostClient extends pg.Client {
    override connect(): Promise<pg.Client>;
    override connect(callback: (err: Error) => void): void;
    override connect(callback?: (err: Error) => void): Promise<pg.Client> | void {
      const run = async (): Promise<pg.Client> => {
        const target = await locator.target();
        // The pool gave up waiting (its connection timeout destroys the socket) while the
        // hosts were probed: a destroyed socket never connects, so fail now rather than never.
        const stream = (this as unknown as { connection?: { stream?: { destroyed?: boolean } } })
          .connection?.stream;
        if (stream?.destroyed) throw new Error("Connection terminated due to connection timeout");
        chosen.set(this, target.index);
        // node-postgres reads host and port when it opens the socket (Client#_connect).
        const self = this as unknown as { host: string; port: number };
        self.host = target.host;
        self.port = target.port;
        try {
          await super.connect();
        } catch (error) {
          locator.forget(target.index);
          throw error;
        }
        return this;
      };
      if (!callback) return run();
      run().then(
        () => (callback as (err?: Error) => void)(),
        (error: Error) => callback(error),
      );
    }
  }

  return {
    connectionString: parsed.urls[0],
    Client: MultiHostClient,
    async onConnect(client: pg.ClientBase) {
      if (!parsed.readWrite || (await isWritable(client))) return;
      const index = chosen.get(client);
      if (index !== undefined) locator.forget(index);
      const { host, port } = client as unknown as PostgresHost;
      throw new NoWritableServerError([`${describe({ host, port })}: read-only`]);
    },
  } as never;
}
