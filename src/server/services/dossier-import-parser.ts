import type { UnitValidity } from "../../core/organization/unit-validity.ts";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ColumnIndexes } from "../../core/dossier/import/index.ts";
import { AppError, type ErrorCode, type ErrorDetail } from "../errors.ts";
import { makeParseTempDirSync, removeParseTempDir } from "../documents/worker-temp-dir.ts";
import type { ParsedBatch } from "./dossier-import-batches.ts";

/*
 * The import parses in a worker thread so that the main thread stays free for the database: on
 * one thread, each batch's COPY data and the round trips after it waited for the parsing of the
 * next batch, and PostgreSQL sat idle meanwhile (the two took turns instead of overlapping).
 */

export interface ParserStart {
  path: string;
  indexes: ColumnIndexes;
  today: string;
  procedureIds: [string, string][];
  /** The unit's code space (its agency codes): codes outside it are row errors. */
  agencyCodes: string[];
  /** The importing unit's validity: rows received outside it are errors. */
  unit: UnitValidity;
  unitId: string;
  importId: string;
  codeColumn: string;
  batchSize: number;
  /** Non-empty rows an earlier attempt committed: a batch ends right after them. */
  resumeAfter: number;
}

/** What the worker starts with: the parse, and its folder for temporary files (worker-temp-dir.ts). */
export interface ParserWorkerData extends ParserStart {
  tempDir: string;
}

export type ParserMessage =
  | { type: "batch"; batch: ParsedBatch }
  | { type: "end" }
  | {
      type: "error";
      code: ErrorCode | null;
      params?: Record<string, string | number>;
      details?: ErrorDetail[];
      message?: string;
    };

// The worker runs our TypeScript through tsx, as the CLI does: a one-line ES module registers
// tsx in the worker, then loads the worker's TypeScript entry.
const tsxApi = pathToFileURL(
  join(
    dirname(createRequire(import.meta.url).resolve("tsx/package.json")),
    "dist/esm/api/index.mjs",
  ),
).href;
const workerFile = new URL("./dossier-import.worker.ts", import.meta.url).href;
const bootstrap = new URL(
  `data:text/javascript,${encodeURIComponent(
    `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(workerFile)});`,
  )}`,
);

export interface BatchStream {
  batches: AsyncGenerator<ParsedBatch>;
  /** Bytes of the file the parser has consumed (from the latest batch). */
  bytesRead(): number;
  /** The rows of the batches the parser cuts from now on (those already cut keep theirs). */
  setBatchSize(rows: number): void;
  stop(): Promise<void>;
}

/** Starts the parser; batches arrive in order, at most two ahead of the caller. */
export function parseInWorker(start: ParserStart): BatchStream {
  // A small heap is plenty (batches are off-heap bytes) and keeps the server's memory down.
  const tempDir = makeParseTempDirSync();
  const worker = new Worker(bootstrap, {
    workerData: { ...start, tempDir } satisfies ParserWorkerData,
    resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 },
  });
  const queue: ParserMessage[] = [];
  let wake: (() => void) | null = null;
  let crashed: unknown = null;
  let exited = false;
  let bytes = 0;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on("message", (message: ParserMessage) => {
    queue.push(message);
    notify();
  });
  worker.on("error", (error: Error & { code?: string }) => {
    // Out of heap (a giant cell, say): the run fails with a clear message.
    crashed =
      error.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? new AppError("FILE_TOO_COMPLEX", { params: { reason: "đọc tệp cần quá nhiều bộ nhớ" } })
        : error;
    notify();
  });
  const exit = new Promise<void>((resolve) =>
    worker.on("exit", () => {
      exited = true;
      notify();
      void removeParseTempDir(tempDir).then(resolve);
    }),
  );

  async function* batches(): AsyncGenerator<ParsedBatch> {
    try {
      for (;;) {
        while (queue.length === 0 && crashed === null && !exited)
          await new Promise<void>((resolve) => (wake = resolve));
        const message = queue.shift();
        if (!message) throw crashed ?? new Error("the import parser stopped unexpectedly");
        if (message.type === "end") return;
        if (message.type === "error") {
          if (message.code === null) throw new Error(message.message);
          throw new AppError(message.code, { params: message.params, details: message.details });
        }
        const { batch } = message;
        batch.data = new Uint8Array(batch.data.buffer, batch.data.byteOffset, batch.data.length);
        bytes = batch.bytesRead;
        worker.postMessage("more");
        yield batch;
      }
    } finally {
      await worker.terminate();
    }
  }
  return {
    batches: batches(),
    bytesRead: () => bytes,
    setBatchSize: (rows) => {
      if (!exited) worker.postMessage({ batchSize: rows });
    },
    stop: async () => {
      await worker.terminate();
      await exit;
    },
  };
}
