import { AsyncLocalStorage } from "node:async_hooks";
import type { FastifyInstance } from "fastify";
import type { Executor } from "../db/database.ts";

interface RequestMemo {
  /** The app's database handle: only reads through it are kept (never a transaction's). */
  db: Executor;
  values: Map<string, Promise<unknown>>;
}

const storage = new AsyncLocalStorage<RequestMemo>();

/**
 * Reads that a request may make many times (the unit tree: the access gate, the list's scope,
 * the service's own checks) are made once per request. Each request gets an empty memo; a read in
 * a transaction is never kept (it may see its own writes), and a write to the data kept forgets
 * it (`forgetRequestMemo`).
 */
export function registerRequestMemo(app: FastifyInstance, db: Executor) {
  app.addHook("onRequest", (_request, _reply, done) => {
    storage.run({ db, values: new Map() }, done);
  });
}

export function memoizedPerRequest<T>(exec: Executor, key: string, load: () => Promise<T>) {
  const memo = storage.getStore();
  if (!memo || memo.db !== exec) return load();
  let value = memo.values.get(key) as Promise<T> | undefined;
  if (!value) {
    value = load();
    memo.values.set(key, value);
    // A failed read is not kept: the next caller tries again.
    value.catch(() => memo.values.delete(key));
  }
  return value;
}

export function forgetRequestMemo(key: string) {
  storage.getStore()?.values.delete(key);
}
