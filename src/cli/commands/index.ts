import type { Command } from "commander";
import { registerServerCommands } from "./server.command.ts";

/** Each capability adds its `register…Command` here, one line each. */
export function registerCommands(program: Command): void {
  registerServerCommands(program);
}
