import { z } from "zod";
import type { RegisterPosition } from "../db/repositories/dossier.repository.ts";
import type { FeedbackPosition } from "../db/repositories/feedback.repository.ts";
import { AppError } from "../errors.ts";

/*
 * A register's page cursor: the place of a page's last row in the register's order (its receipt
 * instant to the microsecond, in UTC, and its id), opaque to callers (base64url of a JSON pair).
 * A cursor the server did not write fails with REGISTER_CURSOR_INVALID before any query.
 */

const AT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\.\d{6}$/;
const position = z.tuple([z.string().regex(AT), z.uuid()]);

export function encodeRegisterCursor(row: { cursorAt: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.cursorAt, row.id])).toString("base64url");
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
  const result = position.safeParse(parseCursor(cursor));
  if (!result.success) throw new AppError("REGISTER_CURSOR_INVALID");
  const [at, id] = result.data;
  checkInstant(at);
  return { at, id };
}

/*
 * The feedback register orders by (received_at desc, code desc, id desc): its cursor carries the
 * code too, so feedback received at the same instant keep their code order across pages.
 */
const feedbackPosition = z.tuple([z.string().regex(AT), z.string().min(1).max(100), z.uuid()]);

export function encodeFeedbackCursor(row: { cursorAt: string; code: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.cursorAt, row.code, row.id])).toString("base64url");
}

export function decodeFeedbackCursor(cursor: string): FeedbackPosition {
  const result = feedbackPosition.safeParse(parseCursor(cursor));
  if (!result.success) throw new AppError("REGISTER_CURSOR_INVALID");
  const [at, code, id] = result.data;
  checkInstant(at);
  return { at, code, id };
}
