import { Agent, request } from "node:http";
import { createHistogram } from "node:perf_hooks";

export interface LoadRequest {
  /** The row of the result table this request counts under. */
  route: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface RouteFigures {
  route: string;
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/**
 * A closed-loop load generator on loopback (what autocannon does, in 60 lines of node:http, so
 * the bench needs no extra package): `connections` clients on kept-alive sockets, each sending
 * its next request when the previous answer has arrived, for `seconds`. Latencies in ms per
 * route; an answer other than 2xx/3xx counts as an error.
 */
export async function runLoad(options: {
  base: string;
  connections: number;
  seconds: number;
  next: (client: number, n: number) => LoadRequest;
}): Promise<RouteFigures[]> {
  const url = new URL(options.base);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const stats = new Map<string, { h: ReturnType<typeof createHistogram>; errors: number }>();
  /** Failed answers by route and status, printed so an error can be told from a refusal. */
  const failures = new Map<string, number>();
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  const send = (item: LoadRequest) =>
    new Promise<number>((resolve) => {
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: item.method ?? "GET",
          path: item.path,
          headers: {
            ...item.headers,
            ...(item.body ? { "content-type": "application/json" } : {}),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 500));
        },
      );
      req.on("error", () => resolve(0));
      req.end(item.body);
    });
  await Promise.all(
    Array.from({ length: options.connections }, async (_, client) => {
      for (let n = 0; performance.now() < deadline; n += 1) {
        const item = options.next(client, n);
        const t0 = performance.now();
        const status = await send(item);
        let s = stats.get(item.route);
        if (!s) stats.set(item.route, (s = { h: createHistogram(), errors: 0 }));
        s.h.record(Math.max(1, Math.round((performance.now() - t0) * 1000)));
        if (status === 0 || status >= 400) {
          s.errors += 1;
          failures.set(
            `${item.route}: ${status || "no answer"}`,
            (failures.get(`${item.route}: ${status || "no answer"}`) ?? 0) + 1,
          );
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  for (const [what, count] of failures) console.log(`failed: ${what} × ${count}`);
  return [...stats].map(([route, s]) => ({
    route,
    requests: s.h.count,
    errors: s.errors,
    perSecond: s.h.count / elapsed,
    p50: s.h.percentile(50) / 1000,
    p99: s.h.percentile(99) / 1000,
  }));
}

const ms = (value: number) => (Number.isNaN(value) ? "–" : value.toFixed(1));

export function printFigures(rows: (RouteFigures & { ratio?: number })[]) {
  console.log("route | requests | errors | req/s | p50 ms | p99 ms | ratio to node:http");
  console.log("---|---:|---:|---:|---:|---:|---:");
  for (const r of rows) {
    console.log(
      `${r.route} | ${r.requests} | ${r.errors} | ${r.perSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.ratio === undefined ? "" : `${(r.ratio * 100).toFixed(r.ratio < 0.1 ? 1 : 0)} %`}`,
    );
  }
}
