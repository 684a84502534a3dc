import { z } from "zod";
import {
  REGISTER_TOTAL_CAP,
  type RegisterPosition,
} from "../db/repositories/dossier.repository.ts";
import type { FeedbackPosition } from "../db/repositories/feedback.repository.ts";
import { AppError } from "../errors.ts";

/*
 * A register's page cursor: the place of a page's last row in the register's order (its receipt
 * instant to the microsecond, in UTC, and its id), opaque to callers (base64url of a JSON array),
 * and the register's total as the first page counted it (`total`, capped), which the
 * pages after it answer again instead of counting: a page shows the total of the list it pages
 * through, and the count (up to 10,001 index entries) is made once per list, not once per page.
 * The total only ever reaches the client that holds the cursor: one it changed shows that client
 * a wrong number and nothing else. A cursor without it (written before) counts again.
 * A cursor the server did not write fails with REGISTER_CURSOR_INVALID before any query.
 */

const AT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\.\d{6}$/;
const total = z.number().int().min(0).max(REGISTER_TOTAL_CAP);
const position = z.union([
  z.tuple([z.string().regex(AT), z.uuid()]),
  z.tuple([z.string().regex(AT), z.uuid(), total, z.boolean()]),
]);

/** The total a list's first page answered (exact up to the cap; `totalCapped`: more). */
export interface KnownTotal {
  total: number;
  totalCapped: boolean;
}

export function encodeRegisterCursor(
  row: { cursorAt: string; id: string },
  known?: KnownTotal,
): string {
  const fields = known
    ? [row.cursorAt, row.id, known.total, known.totalCapped]
    : [row.cursorAt, row.id];
  return Buffer.from(JSON.stringify(fields)).toString("base64url");
}

function parseCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new AppError("REGISTER_CURSOR_INVALID");
  }
}

/** A real instant: "2026-02-30 …" matches the pattern but is no day. */
function checkInstant(at: string) {
  const [, day, time] = AT.exec(at)!;
  const instant = new Date(`${day}T${time}Z`);
  if (Number.isNaN(instant.getTime()) || instant.toISOString().slice(0, 19) !== `${day}T${time}`) {
    throw new AppError("REGISTER_CURSOR_INVALID");
  }
}

export function decodeRegisterCursor(cursor: string): RegisterPosition {
  return decodeRegisterCursorWithTotal(cursor).position;
}

/** The position of a cursor and the total it carries (none in a cursor written without it). */
export function decodeRegisterCursorWithTotal(cursor: string): {
  position: RegisterPosition;
  known?: KnownTotal;
} {
  const result = position.safeParse(parseCursor(cursor));
  if (!result.success) throw new AppError("REGISTER_CURSOR_INVALID");
  const [at, id, n, capped] = result.data;
  checkInstant(at);
  return {
    position: { at, id },
    ...(n === undefined ? {} : { known: { total: n, totalCapped: capped! } }),
  };
}

/*
 * The feedback register orders by (received_at desc, code desc, id desc): its cursor carries the
 * code too, so feedback received at the same instant keep their code order across pages; and,
 * like the dossier register's, the total the first page counted.
 */
const code = z.string().min(1).max(100);
const feedbackPosition = z.union([
  z.tuple([z.string().regex(AT), code, z.uuid()]),
  z.tuple([z.string().regex(AT), code, z.uuid(), total, z.boolean()]),
]);

export function encodeFeedbackCursor(
  row: { cursorAt: string; code: string; id: string },
  known?: KnownTotal,
): string {
  const fields = known
    ? [row.cursorAt, row.code, row.id, known.total, known.totalCapped]
    : [row.cursorAt, row.code, row.id];
  return Buffer.from(JSON.stringify(fields)).toString("base64url");
}

export function decodeFeedbackCursor(cursor: string): FeedbackPosition {
  return decodeFeedbackCursorWithTotal(cursor).position;
}

/** The position of a feedback cursor and the total it carries (none in one written without it). */
export function decodeFeedbackCursorWithTotal(cursor: string): {
  position: FeedbackPosition;
  known?: KnownTotal;
} {
  const result = feedbackPosition.safeParse(parseCursor(cursor));
  if (!result.success) throw new AppError("REGISTER_CURSOR_INVALID");
  const [at, rowCode, id, n, capped] = result.data;
  checkInstant(at);
  return {
    position: { at, code: rowCode, id },
    ...(n === undefined ? {} : { known: { total: n, totalCapped: capped! } }),
  };
}
