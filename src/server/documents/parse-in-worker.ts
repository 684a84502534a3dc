/**
 * Parses uploaded files off the request thread: each parse runs in a worker thread with a heap
 * cap and a time limit, one at a time (others wait their turn, within the same time limit). A
 * worker that runs out of time or memory is terminated (the next parse starts a new one) and the
 * caller gets FILE_PARSE_TIMEOUT or FILE_TOO_COMPLEX; the server's own heap never holds the
 * inflated file.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError, type ErrorCode, type ErrorDetail } from "../errors.ts";
import type { ParseTasks } from "./parse-tasks.ts";
import { makeParseTempDir, removeParseTempDir } from "./worker-temp-dir.ts";

export interface ParseLimits {
  /** Wall time from the request's turn to the answer. */
  timeoutMs: number;
  /** The worker's old-generation heap. */
  heapMb: number;
}

/** CCHC_PARSE_TIMEOUT_SECONDS (default 30) bounds every parse of an uploaded file. */
export function parseTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.CCHC_PARSE_TIMEOUT_SECONDS ?? "");
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 30_000;
}

const DEFAULT_LIMITS: ParseLimits = { timeoutMs: parseTimeoutMs(), heapMb: 64 };

/** Parses running at once: each worker adds its heap to the server's memory. */
const MAX_RUNNING = 1;
/** Requests waiting for a turn beyond this are refused (FILE_PARSE_BUSY). */
const MAX_WAITING = 8;

const tsxApi = pathToFileURL(
  join(
    dirname(createRequire(import.meta.url).resolve("tsx/package.json")),
    "dist/esm/api/index.mjs",
  ),
).href;
const workerFile = new URL("./parse.worker.ts", import.meta.url).href;
// Our TypeScript runs through tsx in the worker too: a one-line ES module registers it first.
const bootstrap = new URL(
  `data:text/javascript,${encodeURIComponent(
    `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(workerFile)});`,
  )}`,
);

export type WorkerAnswer =
  | { ok: true; value: unknown }
  | {
      ok: false;
      code: ErrorCode | null;
      params?: Record<string, string | number>;
      details?: ErrorDetail[];
      message?: string;
    };

let running = 0;
const waiting: (() => void)[] = [];

async function turn(deadline: number): Promise<() => void> {
  if (running >= MAX_RUNNING) {
    if (waiting.length >= MAX_WAITING) throw new AppError("FILE_PARSE_BUSY");
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const index = waiting.indexOf(wake);
        if (index >= 0) waiting.splice(index, 1);
        reject(new AppError("FILE_PARSE_BUSY"));
      }, deadline - Date.now());
      waiting.push(wake);
    });
  }
  running += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    running -= 1;
    waiting.shift()?.();
  };
}

/**
 * The parse worker: started at the first parse (loading the readers takes a second or more),
 * reused for the next ones, ended after a minute idle (its heap goes back to the system) or when a
 * parse runs out of time or memory.
 */
class ParseWorker {
  private worker: Worker | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 1;

  constructor(private readonly heapMb: number) {}

  run(
    task: string,
    input: unknown,
    limits: ParseLimits,
    deadline: number,
    tempDir: string,
  ): Promise<WorkerAnswer> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = (this.worker ??= this.start(this.heapMb));
    const id = this.nextId++;
    return new Promise<WorkerAnswer>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      const onMessage = (message: { id: number; answer: WorkerAnswer }) => {
        if (message.id !== id) return;
        cleanup();
        this.idleTimer = setTimeout(() => this.stop(), IDLE_MS);
        this.idleTimer.unref();
        resolve(message.answer);
      };
      const onError = (error: Error & { code?: string }) => {
        cleanup();
        this.forget(worker);
        if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
          reject(
            new AppError("FILE_TOO_COMPLEX", {
              params: { reason: "đọc tệp cần quá nhiều bộ nhớ" },
            }),
          );
        } else reject(error);
      };
      const onExit = () => {
        cleanup();
        this.forget(worker);
        reject(new Error(`the ${task} parser stopped without an answer`));
      };
      const timer = setTimeout(
        () => {
          cleanup();
          this.stop();
          reject(
            new AppError("FILE_PARSE_TIMEOUT", {
              params: { seconds: Math.round(limits.timeoutMs / 1000) },
            }),
          );
        },
        Math.max(0, deadline - Date.now()),
      );
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      worker.postMessage({ id, task, input, tempDir });
    });
  }

  private start(heapMb: number): Worker {
    const worker = new Worker(bootstrap, {
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 8 },
    });
    worker.unref();
    // An error or exit between two parses (none is listening then) must not crash the server:
    // the worker is forgotten and the next parse starts a new one.
    worker.on("error", () => this.forget(worker));
    worker.on("exit", () => this.forget(worker));
    return worker;
  }

  private forget(worker: Worker) {
    if (this.worker === worker) this.worker = null;
  }

  stop() {
    const worker = this.worker;
    this.worker = null;
    if (worker) void worker.terminate();
  }
}

const IDLE_MS = 60_000;
/** One worker per heap size; only the one in use is kept (the others' heaps are returned). */
const workers = new Map<number, ParseWorker>();

function workerFor(heapMb: number): ParseWorker {
  for (const [size, worker] of workers) if (size !== heapMb) worker.stop();
  let worker = workers.get(heapMb);
  if (!worker) workers.set(heapMb, (worker = new ParseWorker(heapMb)));
  return worker;
}

/** Runs `task` on `input` in the parse worker; its answer, or the AppError it threw. */
export async function parseInWorker<K extends keyof ParseTasks>(
  task: K,
  input: Parameters<ParseTasks[K]>[0],
  given: Partial<ParseLimits> = {},
): Promise<Awaited<ReturnType<ParseTasks[K]>>> {
  const limits = { ...DEFAULT_LIMITS, ...given };
  const deadline = Date.now() + limits.timeoutMs;
  const release = await turn(deadline);
  let tempDir: string | undefined;
  try {
    tempDir = await makeParseTempDir();
    const answer = await workerFor(limits.heapMb).run(task, input, limits, deadline, tempDir);
    if (answer.ok) return answer.value as Awaited<ReturnType<ParseTasks[K]>>;
    if (answer.code === null) throw new Error(answer.message);
    throw new AppError(answer.code, { params: answer.params, details: answer.details });
  } finally {
    // The turn is given back whatever failed, the folder's making included.
    release();
    if (tempDir) await removeParseTempDir(tempDir);
  }
}
