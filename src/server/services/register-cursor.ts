import { z } from "zod";
import type { RegisterPosition } from "../db/repositories/dossier.repository.ts";
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

export function decodeRegisterCursor(cursor: string): RegisterPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new AppError("REGISTER_CURSOR_INVALID");
  }
  const result = position.safeParse(parsed);
  if (!result.success) throw new AppError("REGISTER_CURSOR_INVALID");
  const [at, id] = result.data;
  // A real instant: "2026-02-30 …" matches the pattern but is no day.
  const [, day, time] = AT.exec(at)!;
  const instant = new Date(`${day}T${time}Z`);
  if (Number.isNaN(instant.getTime()) || instant.toISOString().slice(0, 19) !== `${day}T${time}`) {
    throw new AppError("REGISTER_CURSOR_INVALID");
  }
  return { at, id };
}
