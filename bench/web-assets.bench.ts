/**
 * The web app's first load as bytes on the wire, and what the server answers for source maps.
 *
 *   npm run bench web-assets [-- --web dist/web]
 *
 * Starts `cchc serve` on the demo (embedded database in a temporary folder) serving the built web
 * app (`npm run build` first), asks for `/` as a browser does (`Accept-Encoding: gzip, deflate,
 * br, zstd`), then for every script and stylesheet index.html names, and prints per file its
 * size, the bytes on the wire, Content-Encoding and Cache-Control; then asks for every source map
 * the build wrote (in the web folder, or moved out of it to dist/web-sourcemaps) and prints how
 * many were served and their bytes.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { startBenchServer } from "./support/bench-server.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");

function get(url: string, acceptEncoding: string) {
  return new Promise<{ status: number; bytes: number; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request(url, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes, headers: res.headers }));
      });
      req.on("error", reject);
      req.end();
    },
  );
}

function mapsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".map"));
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cchc-bench-web-"));
  const bench = await startBenchServer({ repoRoot, dataDir, portBase: 41000, label: "web" });
  try {
    const browser = "gzip, deflate, br, zstd";
    const html = await fetch(`${bench.base}/`).then((r) => r.text());
    const urls = [
      "/",
      ...[...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!),
    ];
    let total = 0;
    let wire = 0;
    console.log("file | bytes | on the wire | encoding | cache-control");
    for (const url of urls) {
      const plain = await get(bench.base + url, "identity");
      const sent = await get(bench.base + url, browser);
      total += plain.bytes;
      wire += sent.bytes;
      console.log(
        `${url} | ${plain.bytes} | ${sent.bytes} | ${String(sent.headers["content-encoding"] ?? "-")} | ${String(sent.headers["cache-control"] ?? "-")}`,
      );
    }
    console.log(
      `first load: ${(total / 1024).toFixed(0)} KB of files, ${(wire / 1024).toFixed(0)} KB on the wire (${((wire / total) * 100).toFixed(0)} %)`,
    );
    const webDir = path.join(repoRoot, "dist/web");
    const maps = [
      ...mapsIn(webDir).map((f) => ({ url: `/${f}`, bytes: statSync(path.join(webDir, f)).size })),
      ...mapsIn(path.join(repoRoot, "dist/web-sourcemaps")).map((f) => ({
        url: `/${f}`,
        bytes: statSync(path.join(repoRoot, "dist/web-sourcemaps", f)).size,
      })),
    ];
    let served = 0;
    let servedBytes = 0;
    for (const map of maps) {
      const answer = await get(bench.base + map.url, "identity");
      if (answer.status === 200) {
        served += 1;
        servedBytes += answer.bytes;
      }
    }
    console.log(
      `source maps: ${maps.length} built, ${served} served (${(servedBytes / 1024 / 1024).toFixed(1)} MB)`,
    );
  } finally {
    bench.server.kill();
    await bench.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
