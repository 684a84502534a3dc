import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const tsxApi = pathToFileURL(
  join(
    dirname(createRequire(import.meta.url).resolve("tsx/package.json")),
    "dist/esm/api/index.mjs",
  ),
).href;

/**
 * The entry of a worker thread that runs one of our TypeScript modules: a one-line ES module that
 * registers tsx in the worker, then imports `workerFile`. Works however the server itself was
 * started (`npm start` through bin/cchc.js, vitest, the benches through `node --import tsx`).
 */
export function typescriptWorkerEntry(workerFile: URL): URL {
  return new URL(
    `data:text/javascript,${encodeURIComponent(
      `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(workerFile.href)});`,
    )}`,
  );
}
