import type { Command } from "commander";
import { registerImportPlanCommand } from "./import-plan.command.ts";
import { registerCalendarCommand } from "./calendar.command.ts";
import { registerIndexCommand } from "./index-score.command.ts";
import { registerServerCommands } from "./server.command.ts";
import { registerBackupCommands } from "./backup.command.ts";
import { registerPersonalDataCommands } from "./personal-data.command.ts";

/** Each capability adds its `register…Command` here, one line each. */
export function registerCommands(program: Command): void {
  registerImportPlanCommand(program);
  registerCalendarCommand(program);
  registerIndexCommand(program);
  registerServerCommands(program);
  registerBackupCommands(program);
  registerPersonalDataCommands(program);
}
