import { afterEach } from "vitest";

/**
 * Integration set-up: fail any test during which node-postgres warns that a query was sent while
 * the same client was still executing another one ("Calling client.query() when the client is already
 * executing a query is deprecated and will be removed in pg@9.0"). That happens when queries on one
 * connection — a transaction — are started in parallel (Promise.all, un-awaited queries): pg 8 queues
 * them, pg 9 will throw. pg reports it through util.deprecate → process.emitWarning, so we watch that.
 *
 * Only PostgreSQL runs can trip it (PGlite has no such client). util.deprecate warns once per process,
 * so within one test file only the first offender is reported; fix it and rerun to see the next.
 */
const PG_PARALLEL_QUERY_WARNING =
  "Calling client.query() when the client is already executing a query";

const caught: string[] = [];
const emitWarning = process.emitWarning.bind(process);

process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const message = typeof warning === "string" ? warning : warning.message;
  if (message.includes(PG_PARALLEL_QUERY_WARNING)) {
    caught.push(new Error(message).stack ?? message);
  }
  return (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

afterEach(() => {
  if (caught.length === 0) return;
  const stacks = caught.splice(0);
  throw new Error(
    `node-postgres deprecation warning during this test: "${PG_PARALLEL_QUERY_WARNING}". ` +
      `Queries on one connection (a transaction) were started in parallel; run them one after another.\n` +
      stacks.join("\n"),
  );
});
