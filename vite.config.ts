import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { precompressWebDir } from "./src/server/web/precompress.ts";

const root = fileURLToPath(new URL("./src/web", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/web", import.meta.url));
/** Source maps are kept here, outside the served folder (debugging only). */
const mapsDir = fileURLToPath(new URL("./dist/web-sourcemaps", import.meta.url));
/** The API the dev server forwards `/api` to (`npm start` listens on port 3000). */
const apiTarget = process.env.CCHC_API_URL ?? "http://localhost:3000";

/** After the bundle is written: maps out of the web root, `.br` and `.gz` beside each text file. */
function precompress(): Plugin {
  return {
    name: "cchc-precompress",
    apply: "build",
    buildStart() {
      rmSync(mapsDir, { recursive: true, force: true });
    },
    closeBundle: {
      order: "post",
      sequential: true,
      handler() {
        precompressWebDir(outDir, mapsDir);
      },
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    // Maps without the `sourceMappingURL` comment: browsers do not ask for them, and the build
    // step above moves them out of what the server serves.
    sourcemap: "hidden",
  },
  server: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
    },
  },
});
