import { Command } from "commander";
import { registerCommands } from "./commands/index.ts";

export async function main(argv: string[]): Promise<void> {
  const program = new Command("cchc")
    .description("CCHC — administrative reform (cải cách hành chính) platform")
    .showHelpAfterError();
  registerCommands(program);
  await program.parseAsync(argv);
}
