/**
 * The ward several browser tests work in, built with the test factories before the server starts:
 * a province and a ward under it with a one-stop desk, the ward's agencies and one user of every
 * role (makeWardWorld), and the procedure its desk receives. The ward is named and coded as the
 * pages the tests drive show it (Phường Bãi Cháy, 06658, dossier codes 000.01.22.H99-…), so the
 * assertions read as before; every name is still the file's own, none comes from the demo.
 *
 *   ({ app, browser, world } = await startAppAndBrowser((db) => makeDeskWard(db)));
 *   await signInAndWait(page, app.url, world.users.clerk);
 */
import type { Executor } from "../../../src/server/db/database.ts";
import type { CommuneKind } from "../../../src/core/organization/unit-rules.ts";
import { makeProcedure, makeUnit, type MadeUnit } from "../../../test/support/factories.ts";
import { makeWardWorld, type WardWorld } from "../../../test/support/desk-fixtures.ts";

/** The ward's name, code and desk agency code (the prefix of its dossier codes). */
export const DESK_WARD = {
  wardName: "Phường Bãi Cháy",
  wardCode: "06658",
  agencyCode: "000.01.22.H99",
} as const;

/** The procedure the desk receives: 3 working days, so a dossier received on Tuesday is due Friday. */
export const DESK_PROCEDURE = {
  code: "1.004873",
  name: "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
  processingDays: 3,
} as const;

export interface DeskWard extends WardWorld {
  procedure: { id: string; code: string };
  /** More communes under the province, when asked for (in the order given). */
  otherWards: MadeUnit[];
}

export async function makeDeskWard(
  db: Executor,
  options: { otherWards?: { name: string; kind: CommuneKind }[] } = {},
): Promise<DeskWard> {
  const world = await makeWardWorld(db, DESK_WARD);
  const procedure = await makeProcedure(db, world.ward, {
    ...DESK_PROCEDURE,
    field: "Hộ tịch",
    onlineLevel: "none",
  });
  const otherWards: MadeUnit[] = [];
  for (const { name, kind } of options.otherWards ?? []) {
    otherWards.push(
      await makeUnit(db, { parent: world.province, validFrom: "2025-07-01", name, kind }),
    );
  }
  return { ...world, procedure, otherWards };
}
