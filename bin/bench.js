#!/usr/bin/env node
// `npm run bench <name> [args…]` runs bench/<name>.bench.ts through tsx.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { SERVER_NODE_FLAGS } from "./server-node-flags.js";

const [name, ...args] = process.argv.slice(2);
const available = readdirSync(new URL("../bench", import.meta.url))
  .filter((file) => file.endsWith(".bench.ts"))
  .map((file) => file.replace(/\.bench\.ts$/, ""));
if (!name || !existsSync(new URL(`../bench/${name}.bench.ts`, import.meta.url))) {
  console.error(
    `Usage: npm run bench <name> [args]; available: ${available.join(", ") || "(none)"}`,
  );
  process.exit(2);
}
// With the server's flags: a bench that reads the database in its own process stands in for it.
const result = spawnSync(
  process.execPath,
  [...SERVER_NODE_FLAGS, "--import", "tsx", `bench/${name}.bench.ts`, ...args],
  {
    stdio: "inherit",
  },
);
process.exit(result.status ?? 1);
