import {
  DuplicateCodes,
  parseFileRow,
  type ImportRowError,
  type RowContext,
} from "../../core/dossier/import/index.ts";
import { CopyBuffer } from "../db/copy-text.ts";
import { addDossierToCopy } from "../db/dossier-copy.ts";
import type { ImportSheet } from "../documents/dossier-import-reader.ts";

/** What the parsing side hands to the writing side: one batch of a dossier export. */
export interface ParsedBatch {
  /** The valid rows in COPY text format (see addDossierToCopy). */
  data: Uint8Array;
  /** How many rows `data` holds, and their row numbers in the file, in order. */
  count: number;
  rows: number[];
  /** Non-empty rows read for this batch, valid or not. */
  processed: number;
  /** The problems of the invalid rows (an invalid row may have several). */
  errors: ImportRowError[];
  invalidRows: number;
  /** Bytes of the file consumed so far (progress of files whose rows were not counted). */
  bytesRead: number;
}

export interface BatchOptions {
  context: RowContext;
  procedureIds: ReadonlyMap<string, string>;
  unitId: string;
  /** The run: each dossier it creates records it, so a wrong run can be voided as a whole. */
  importId: string;
  codeColumn: string;
  /** Non-empty rows a batch takes; a function is asked again for each batch (sized by time). */
  batchSize: number | (() => number);
  /**
   * Non-empty rows an earlier attempt committed: a batch ends exactly after them, whatever the
   * batches' size, so the caller can pass over those batches and write each later row once.
   */
  resumeAfter?: number;
}

/** Reads a sheet to the end and cuts it into batches of `batchSize` non-empty rows. */
export async function* parseBatches(
  sheet: ImportSheet,
  options: BatchOptions,
): AsyncGenerator<ParsedBatch> {
  const { context, procedureIds, unitId, importId, codeColumn, batchSize } = options;
  const duplicates = new DuplicateCodes();
  let copy = new CopyBuffer();
  let rows: number[] = [];
  let errors: ImportRowError[] = [];
  let processed = 0;
  let invalidRows = 0;
  const asked = typeof batchSize === "function" ? batchSize : () => batchSize;
  // Rows still to read up to the earlier attempt's last committed row.
  let committedLeft = options.resumeAfter ?? 0;
  const sizeOf = () => (committedLeft > 0 ? Math.min(asked(), committedLeft) : asked());
  let size = sizeOf();
  const take = (): ParsedBatch => {
    const batch = {
      data: copy.data,
      count: copy.count,
      rows,
      processed,
      errors,
      invalidRows,
      bytesRead: sheet.bytesRead(),
    };
    copy = new CopyBuffer();
    rows = [];
    errors = [];
    committedLeft = Math.max(0, committedLeft - processed);
    processed = 0;
    invalidRows = 0;
    size = sizeOf();
    return batch;
  };
  for await (const chunk of sheet.chunks) {
    for (const { row, cells } of chunk) {
      const result = parseFileRow(cells, row, context, duplicates, codeColumn);
      if (result.ok === "empty") continue;
      processed += 1;
      if (result.ok === false) {
        invalidRows += 1;
        errors.push(...result.errors);
      } else {
        const { dossier } = result;
        const procedureId = procedureIds.get(dossier.procedureCode)!;
        addDossierToCopy(copy, dossier, unitId, procedureId, importId);
        rows.push(row);
      }
      if (processed >= size) yield take();
    }
  }
  if (processed > 0) yield take();
}
