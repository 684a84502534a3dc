import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, startServerProcess } from "../../test/support/cli-process.ts";

/**
 * Starts the real app (`cchc serve`) on a random port with a fresh embedded database and demo
 * data, building the web app first when it is stale. It runs as a developer's machine
 * (`CCHC_ENV=development`), so the demo accounts sign in with the demo password as they are;
 * `environment: "production"` starts it as a real installation, where each demo account must
 * change that password first.
 */
export async function startTestServer(
  options: {
    environment?: "development" | "production";
    /** More environment variables (e.g. CCHC_FEDERATION_SECRET). */
    env?: Record<string, string>;
  } = {},
): Promise<{ url: string; stop(): Promise<void> }> {
  execFileSync(process.execPath, ["scripts/build-web-if-stale.mjs"], {
    cwd: REPO_ROOT,
    stdio: "inherit",
  });
  const dataDir = mkdtempSync(join(tmpdir(), "cchc-e2e-"));
  const server = await startServerProcess({
    CCHC_DATA_DIR: dataDir,
    DATABASE_URL: "",
    CCHC_ENV: options.environment ?? "development",
    ...options.env,
  });
  return {
    url: server.url,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
