// Builds the web app (vite build) unless dist/web is newer than every source file it depends on.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const output = "dist/web/index.html";
const inputs = [
  "src/web",
  "src/core",
  "src/server/web/precompress.ts",
  "vite.config.ts",
  "postcss.config.cjs",
  "package-lock.json",
];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
const changedAt = Math.max(...inputs.map(newestMtime));
if (builtAt >= changedAt) {
  console.log("Giao diện web đã được build (dist/web).");
} else {
  console.log("Đang build giao diện web (vite build)…");
  execFileSync("npx", ["vite", "build", "--config", "vite.config.ts", "--logLevel", "warn"], {
    stdio: "inherit",
  });
}
