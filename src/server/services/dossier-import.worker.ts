/*
 * Parses a dossier export off the main thread (see dossier-import-parser.ts). Batches go to the
 * main thread as transferred bytes; the worker parses at most two batches ahead of the writes.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openImportSheet } from "../documents/dossier-import-reader.ts";
import { useParseTempDir } from "../documents/worker-temp-dir.ts";
import { AppError } from "../errors.ts";
import { parseBatches } from "./dossier-import-batches.ts";
import type { ParserMessage, ParserWorkerData } from "./dossier-import-parser.ts";

const start = workerData as ParserWorkerData;
useParseTempDir(start.tempDir);
const port = parentPort!;
let credit = 2;
let wake: (() => void) | null = null;
// The writing side may resize the batches to come (PGlite: to a time budget, statement-budget.ts).
let batchSize = start.batchSize;
port.on("message", (message: "more" | { batchSize: number }) => {
  if (typeof message === "object") {
    batchSize = message.batchSize;
    return;
  }
  if (message !== "more") return;
  credit += 1;
  wake?.();
  wake = null;
});
const send = (message: ParserMessage, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

try {
  const sheet = await openImportSheet(start.path);
  try {
    const batches = parseBatches(sheet, {
      context: {
        headers: sheet.headers,
        indexes: start.indexes,
        today: start.today,
        procedureCodes: new Set(start.procedureIds.map(([code]) => code)),
        agencyCodes: new Set(start.agencyCodes),
        unit: start.unit,
      },
      procedureIds: new Map(start.procedureIds),
      unitId: start.unitId,
      importId: start.importId,
      codeColumn: start.codeColumn,
      batchSize: () => batchSize,
      resumeAfter: start.resumeAfter,
    });
    for await (const batch of batches) {
      while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
      credit -= 1;
      send({ type: "batch", batch }, [batch.data.buffer as ArrayBuffer]);
    }
  } finally {
    sheet.close();
  }
  send({ type: "end" });
} catch (error) {
  send(
    error instanceof AppError
      ? { type: "error", code: error.code, params: error.params, details: error.details }
      : { type: "error", code: null, message: String((error as Error)?.stack ?? error) },
  );
} finally {
  port.close();
}
