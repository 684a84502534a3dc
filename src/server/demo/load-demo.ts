import { eq } from "drizzle-orm";
import { ROLE_LABELS } from "../../core/access/role-policy.ts";
import type { Executor } from "../db/database.ts";
import { findUnitsByCodes, insertUnit } from "../db/repositories/unit.repository.ts";
import { verifyPassword } from "../auth/password.ts";
import { countUsers, findUserForSignIn, updateUser } from "../db/repositories/user.repository.ts";
import { systemSettings } from "../db/schema.ts";
import { SYSTEM_ACTOR } from "../services/actor.ts";
import { createAgency } from "../services/agency.service.ts";
import { createUser } from "../services/user.service.ts";
import { runUseCase } from "../services/use-case.ts";
import { loadFeedbackDemo } from "./feedback-demo.ts";
import { loadOneStopDemo } from "./one-stop-demo.ts";
import { loadPlanDemo } from "./plan-demo.ts";
import {
  COMMUNE_AGENCIES,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  DEMO_UNITS,
  PROVINCE_AGENCIES,
} from "./demo-data.ts";

const DEMO_MARKER = "demo_loaded_at";

/**
 * Loads the demo organisation into an empty database, in one transaction.
 * Returns false (and does nothing) when the database already has users or was seeded before.
 */
export async function loadDemo(db: Executor, options: { plans?: boolean } = {}): Promise<boolean> {
  const marker = await db.select().from(systemSettings).where(eq(systemSettings.key, DEMO_MARKER));
  if (marker.length > 0 || (await countUsers(db)) > 0) return false;
  await runUseCase(db, SYSTEM_ACTOR, async ({ tx, audit }) => {
    const idOf = async (code: string | null) =>
      code ? ((await findUnitsByCodes(tx, [code]))[0]?.id ?? null) : null;
    // Merged-into targets come later in the list, so units are inserted first and linked after.
    for (const unit of DEMO_UNITS) {
      await insertUnit(tx, {
        code: unit.code,
        name: unit.name,
        level: unit.level,
        kind: unit.kind,
        parentId: await idOf(unit.parentCode),
        validFrom: unit.validFrom,
        validTo: unit.validTo,
        mergedIntoId: await idOf(unit.mergedIntoCode),
      });
    }
    const agencyIds = new Map<string, string>();
    for (const unit of DEMO_UNITS) {
      if (unit.validTo !== null) continue;
      const list = unit.level === "province" ? PROVINCE_AGENCIES : COMMUNE_AGENCIES;
      const unitId = (await idOf(unit.code))!;
      for (const agency of list) {
        const created = await createAgency(tx, SYSTEM_ACTOR, { unitId, ...agency });
        agencyIds.set(`${unit.code}/${agency.name}`, created.data.id);
      }
    }
    for (const account of DEMO_ACCOUNTS) {
      const unitId = (await idOf(account.unitCode))!;
      const agencyId = account.agencyName
        ? (agencyIds.get(`${account.unitCode}/${account.agencyName}`) ?? null)
        : null;
      await createUser(tx, SYSTEM_ACTOR, {
        username: account.username,
        fullName: account.fullName,
        password: DEMO_PASSWORD,
        unitId,
        agencyId,
        roles: [{ role: account.role, unitId, agencyId }],
      });
    }
    await loadOneStopDemo(tx, { ...SYSTEM_ACTOR, name: "Đỗ Thu Trang (dữ liệu mẫu)" });
    await loadFeedbackDemo(tx, { ...SYSTEM_ACTOR, name: "Đỗ Thu Trang (dữ liệu mẫu)" });
    if (options.plans !== false) {
      await loadPlanDemo(tx, { ...SYSTEM_ACTOR, name: "Lê Thị Thủy (dữ liệu mẫu)" });
    }
    await tx.insert(systemSettings).values({ key: DEMO_MARKER, value: new Date().toISOString() });
    await audit({
      action: "system.demo_loaded",
      entityId: null,
      unitId: null,
      summary: "Nạp dữ liệu mẫu: 1 tỉnh, 5 xã/phường (2 đã sáp nhập), 1 huyện cũ, 7 tài khoản",
    });
  });
  return true;
}

export function demoLoginsText(environment: "development" | "production" = "production"): string {
  const lines = DEMO_ACCOUNTS.map(
    (a) => `  ${a.username.padEnd(10)} ${ROLE_LABELS[a.role]} — ${a.fullName}`,
  );
  return [
    "Dữ liệu mẫu đã được nạp. Tài khoản dùng thử (mật khẩu chung: " + DEMO_PASSWORD + "):",
    ...lines,
    environment === "development"
      ? "Hãy đổi mật khẩu hoặc khóa các tài khoản này trước khi dùng thật."
      : "Mỗi tài khoản phải đổi mật khẩu ở lần đăng nhập đầu tiên (CCHC_ENV=development để bỏ qua khi phát triển).",
  ].join("\n");
}

/**
 * Outside development: every demo account that still has the shared demo password must choose its
 * own at the next sign-in (the password is printed and published in the README). Also covers
 * installations whose demo was loaded before this rule. Returns how many accounts were flagged.
 */
export async function requireDemoPasswordChange(db: Executor): Promise<number> {
  const flagged: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const user = await findUserForSignIn(db, account.username);
    if (!user || user.mustChangePassword) continue;
    if (await verifyPassword(user.passwordHash, DEMO_PASSWORD)) flagged.push(user.id);
  }
  if (flagged.length === 0) return 0;
  await runUseCase(db, SYSTEM_ACTOR, async ({ tx, audit }) => {
    for (const id of flagged) await updateUser(tx, id, { mustChangePassword: true });
    await audit({
      action: "system.demo_password_change_required",
      entityId: null,
      unitId: null,
      summary: `Yêu cầu ${flagged.length} tài khoản mẫu đổi mật khẩu mẫu ở lần đăng nhập tới`,
    });
  });
  return flagged.length;
}
