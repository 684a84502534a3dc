#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx cchc` works without a build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
await main(process.argv);
