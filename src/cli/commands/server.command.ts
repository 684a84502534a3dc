import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { ROLES, type Role } from "../../core/access/role-policy.ts";
import { runCommand } from "../cli-errors.ts";

// Server modules are loaded inside each action, so that light commands (`--help`, `calendar`)
// start without loading the database drivers and the web framework.
const modules = {
  config: () => import("../../server/config.ts"),
  runtime: () => import("../../server/runtime.ts"),
  errors: () => import("../../server/errors.ts"),
};

const DATA_NOTE =
  "Uses DATABASE_URL when set, otherwise the embedded database in CCHC_DATA_DIR (default ./data), " +
  "whose lock it takes: stop the server first.";

type OpenedDatabase = Awaited<ReturnType<typeof import("../../server/runtime.ts").openDatabase>>;

export async function withDatabase<T>(work: (opened: OpenedDatabase) => Promise<T>) {
  const { loadConfig } = await modules.config();
  const { openDatabase } = await modules.runtime();
  const opened = await openDatabase(loadConfig());
  try {
    return await work(opened);
  } finally {
    await opened.close();
  }
}

export function registerServerCommands(program: Command): void {
  program
    .command("serve")
    .description("Start the CCHC web server and API (PORT, CCHC_DATA_DIR, DATABASE_URL)")
    .option("-p, --port <port>", "port to listen on (default: PORT or 3000)")
    .action((options: { port?: string }) =>
      runCommand(async () => {
        const { loadConfig } = await modules.config();
        const { startServer } = await import("../../server/serve.ts");
        const config = loadConfig();
        if (options.port) config.port = Number.parseInt(options.port, 10);
        const server = await startServer(config);
        const shutdown = () => void server.stop().then(() => process.exit(0));
        process.once("SIGINT", shutdown);
        process.once("SIGTERM", shutdown);
      }),
    );

  program
    .command("migrate")
    .description(`Apply database migrations and exit. ${DATA_NOTE}`)
    .action(() =>
      runCommand(() =>
        withDatabase(async (opened) => {
          console.log(`Đã cập nhật cấu trúc cơ sở dữ liệu (${opened.database.kind}).`);
        }),
      ),
    );

  const user = program.command("user").description("Accounts (người dùng)");
  user
    .command("create")
    .description(`Create an account with one role scoped to a unit (đơn vị). ${DATA_NOTE}`)
    .requiredOption("--username <username>", "sign-in name")
    .requiredOption("--full-name <name>", "full name (họ và tên)")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .requiredOption("--unit <code>", "unit code (mã đơn vị) the account belongs to")
    .option("--password <password>", "password (or set CCHC_PASSWORD)")
    .option("--email <email>", "e-mail address")
    .option("--global", "for --role admin: administrator of the whole installation")
    .action(
      (options: {
        username: string;
        fullName: string;
        role: string;
        unit: string;
        password?: string;
        email?: string;
        global?: boolean;
      }) =>
        runCommand(() =>
          withDatabase(async ({ database }) => {
            const { AppError } = await modules.errors();
            const { findUnitsByCodes } =
              await import("../../server/db/repositories/unit.repository.ts");
            const { createUser } = await import("../../server/services/user.service.ts");
            const { SYSTEM_ACTOR } = await import("../../server/services/actor.ts");
            if (!(ROLES as readonly string[]).includes(options.role)) {
              throw new AppError("VALIDATION_FAILED", {
                details: [
                  { path: "role", message: `Vai trò phải là một trong: ${ROLES.join(", ")}.` },
                ],
              });
            }
            const password = options.password ?? process.env.CCHC_PASSWORD ?? "";
            const [unit] = await findUnitsByCodes(database.db, [options.unit]);
            if (!unit) throw new AppError("UNIT_NOT_FOUND");
            const result = await createUser(database.db, SYSTEM_ACTOR, {
              username: options.username,
              fullName: options.fullName,
              email: options.email ?? null,
              password,
              unitId: unit.id,
              roles: [
                {
                  role: options.role as Role,
                  unitId: options.global && options.role === "admin" ? null : unit.id,
                },
              ],
            });
            console.log(`Đã tạo tài khoản ${result.data.username} (${result.data.fullName}).`);
          }),
        ),
    );

  const unit = program.command("unit").description("Administrative units (đơn vị hành chính)");
  unit
    .command("import")
    .argument("<file>", "CSV or XLSX with columns code, name, level, parent_code")
    .description(`Import or update units from a list; all rows or none. ${DATA_NOTE}`)
    .action((file: string) =>
      runCommand(() =>
        withDatabase(async ({ database }) => {
          const { readSpreadsheet } = await import("../../server/documents/spreadsheet.ts");
          const { importUnits } = await import("../../server/services/unit.service.ts");
          const { SYSTEM_ACTOR } = await import("../../server/services/actor.ts");
          const sheet = await readSpreadsheet(await readFile(file));
          const result = await importUnits(database.db, SYSTEM_ACTOR, sheet);
          console.log(
            `Đã nhập ${result.data.total} đơn vị: ${result.data.created} mới, ${result.data.updated} cập nhật.`,
          );
        }),
      ),
    );

  const audit = program.command("audit").description("Audit log (nhật ký hệ thống)");
  audit
    .command("verify")
    .description(
      `Recompute the audit log's hash chain and report the first broken entry. ${DATA_NOTE}`,
    )
    .action(() =>
      runCommand(() =>
        withDatabase(async ({ database }) => {
          const { verifyAuditChain } = await import("../../server/services/audit.service.ts");
          const result = await verifyAuditChain(database.db);
          if (result.ok) {
            console.log(`Chuỗi nhật ký toàn vẹn: đã kiểm tra ${result.checked} bản ghi.`);
          } else {
            process.stderr.write(
              `AUDIT_CHAIN_BROKEN: chuỗi nhật ký bị sửa đổi tại bản ghi #${result.firstBrokenId} (đã kiểm tra ${result.checked}).\n`,
            );
            process.exitCode = 3;
          }
        }),
      ),
    );
}
