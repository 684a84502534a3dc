/*
 * The parse worker (see parse-in-worker.ts): runs the parses it is sent, one at a time, and posts
 * each answer, or the AppError it threw, back to the server.
 */
import { parentPort } from "node:worker_threads";
import { AppError } from "../errors.ts";
import type { WorkerAnswer } from "./parse-in-worker.ts";
import { PARSE_TASKS, type ParseTasks } from "./parse-tasks.ts";
import { useParseTempDir } from "./worker-temp-dir.ts";

const port = parentPort!;
interface ParseMessage {
  id: number;
  task: keyof ParseTasks;
  input: never;
  /** The parse's folder for temporary files, removed by the server when the parse ends. */
  tempDir: string;
}

port.on("message", async (message: ParseMessage) => {
  let answer: WorkerAnswer;
  useParseTempDir(message.tempDir);
  try {
    answer = { ok: true, value: await PARSE_TASKS[message.task](message.input) };
  } catch (error) {
    answer =
      error instanceof AppError
        ? { ok: false, code: error.code, params: error.params, details: error.details }
        : { ok: false, code: null, message: String((error as Error)?.stack ?? error) };
  }
  port.postMessage({ id: message.id, answer });
});
