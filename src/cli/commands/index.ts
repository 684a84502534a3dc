import type { Command } from "commander";

/** Each capability adds its `register…Command` here, one line each. */
export function registerCommands(program: Command): void {
  void program;
}
