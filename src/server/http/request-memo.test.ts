import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import type { Executor } from "../db/database.ts";
import { forgetRequestMemo, memoizedPerRequest, registerRequestMemo } from "./request-memo.ts";

// Stand-ins for the app's database handle and a transaction: the memo only compares them.
const db = {} as Executor;
const tx = {} as Executor;

async function appCounting() {
  const loads: string[] = [];
  const load = (label: string) => async () => {
    loads.push(label);
    await new Promise((resolve) => setImmediate(resolve));
    return label;
  };
  const app = Fastify();
  registerRequestMemo(app, db);
  app.get("/twice", async () => {
    const first = await memoizedPerRequest(db, "tree", load("db"));
    const [second, third] = await Promise.all([
      memoizedPerRequest(db, "tree", load("db")),
      memoizedPerRequest(db, "tree", load("db")),
    ]);
    return [first, second, third];
  });
  app.get("/in-transaction", async () => {
    await memoizedPerRequest(tx, "tree", load("tx"));
    await memoizedPerRequest(tx, "tree", load("tx"));
    return null;
  });
  app.get("/after-write", async () => {
    await memoizedPerRequest(db, "tree", load("db"));
    forgetRequestMemo("tree");
    await memoizedPerRequest(db, "tree", load("db"));
    return null;
  });
  return { app, loads };
}

describe("per-request memo", () => {
  it("reads once per request however many callers, and again in the next request", async () => {
    const { app, loads } = await appCounting();
    expect((await app.inject("/twice")).json()).toEqual(["db", "db", "db"]);
    expect(loads).toEqual(["db"]);
    await app.inject("/twice");
    expect(loads).toEqual(["db", "db"]);
  });

  it("never keeps a transaction's read", async () => {
    const { app, loads } = await appCounting();
    await app.inject("/in-transaction");
    expect(loads).toEqual(["tx", "tx"]);
  });

  it("reads again after a write forgot it", async () => {
    const { app, loads } = await appCounting();
    await app.inject("/after-write");
    expect(loads).toEqual(["db", "db"]);
  });

  it("outside a request, always reads", async () => {
    let count = 0;
    const load = async () => ++count;
    await memoizedPerRequest(db, "tree", load);
    await memoizedPerRequest(db, "tree", load);
    expect(count).toBe(2);
  });
});
