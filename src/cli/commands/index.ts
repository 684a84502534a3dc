import type { Command } from "commander";
import { registerCalendarCommand } from "./calendar.command.ts";
import { registerServerCommands } from "./server.command.ts";

/** Each capability adds its `register…Command` here, one line each. */
export function registerCommands(program: Command): void {
  registerCalendarCommand(program);
  registerServerCommands(program);
}
