#!/usr/bin/env -S node --max-semi-space-size=64
// The flag: see server-node-flags.js.
// Runs the TypeScript CLI directly through tsx, so `npx cchc` works without a build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
await main(process.argv);
