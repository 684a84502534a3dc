import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.ts";
import { precompressWebDir } from "../../src/server/web/precompress.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

// A built web folder as vite writes it (hashed assets, a map beside each), put through the
// build's last step, then served by the real app.
let app: FastifyInstance;
let db: TestDatabase;
let root: string;
let webDir: string;
let mapsDir: string;
const script = `console.log(${JSON.stringify("Cải cách hành chính ".repeat(400))});\n`;
const style = `body { color: #123456; }\n`.repeat(200);
const indexHtml = `<!doctype html><html lang="vi"><head><script type="module" src="/assets/index-AbC123xy.js"></script><link rel="stylesheet" href="/assets/index-Zz9yX8w7.css"></head><body><div id="root"></div>${"<!-- padding -->".repeat(80)}</body></html>`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "cchc-test-web-"));
  webDir = join(root, "web");
  mapsDir = join(root, "web-sourcemaps");
  mkdirSync(join(webDir, "assets"), { recursive: true });
  writeFileSync(join(webDir, "index.html"), indexHtml);
  writeFileSync(join(webDir, "assets/index-AbC123xy.js"), script);
  writeFileSync(join(webDir, "assets/index-AbC123xy.js.map"), '{"version":3,"sources":[]}');
  writeFileSync(join(webDir, "assets/index-Zz9yX8w7.css"), style);
  writeFileSync(join(webDir, "assets/tiny-Qq1Ww2Ee.js"), "export {};\n");
  precompressWebDir(webDir, mapsDir);
  // A map someone copied back into the served folder after the build.
  writeFileSync(join(webDir, "assets/stray-Rr3Tt4Yy.js.map"), '{"version":3,"sources":[]}');
  db = await createTestDatabase();
  app = await buildApp({ database: db.database, logLevel: "silent", webDir, dataDir: root });
});
afterAll(async () => {
  await app.close();
  await db.cleanup();
  rmSync(root, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  app.inject({
    method: "GET",
    url,
    headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {},
  });

describe("the build step", () => {
  it("writes .br and .gz beside text files over 1 KB and moves maps out of the web folder", () => {
    for (const file of ["index.html", "assets/index-AbC123xy.js", "assets/index-Zz9yX8w7.css"]) {
      const original = readFileSync(join(webDir, file));
      expect(brotliDecompressSync(readFileSync(join(webDir, `${file}.br`)))).toEqual(original);
      expect(gunzipSync(readFileSync(join(webDir, `${file}.gz`)))).toEqual(original);
    }
    expect(existsSync(join(webDir, "assets/tiny-Qq1Ww2Ee.js.br"))).toBe(false);
    expect(existsSync(join(webDir, "assets/index-AbC123xy.js.map"))).toBe(false);
    expect(existsSync(join(mapsDir, "assets/index-AbC123xy.js.map"))).toBe(true);
  });
});

describe("serving the web app", () => {
  it("sends the brotli file to a browser that accepts it, cached for a year as immutable", async () => {
    const response = await get("/assets/index-AbC123xy.js", "gzip, deflate, br, zstd");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers["content-type"]).toMatch(/javascript/);
    expect(response.headers["vary"]).toMatch(/accept-encoding/i);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(script);
  });

  it("sends gzip when brotli is not accepted, and the plain file when nothing is", async () => {
    const gzip = await get("/assets/index-Zz9yX8w7.css", "gzip");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.headers["content-type"]).toMatch(/text\/css/);
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(style);
    const plain = await get("/assets/index-Zz9yX8w7.css", "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["vary"]).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(style);
    expect(plain.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("serves a small asset as it is, still immutable", async () => {
    const response = await get("/assets/tiny-Qq1Ww2Ee.js", "br");
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("never lets index.html be cached without asking, at / or at a page's address", async () => {
    for (const url of ["/", "/index.html", "/ke-hoach/123", "/mot-cua/ho-so?trang=2"]) {
      const response = await get(url, "br, gzip");
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["cache-control"], url).toBe("no-cache");
      const body =
        response.headers["content-encoding"] === "br"
          ? brotliDecompressSync(response.rawPayload).toString()
          : response.body;
      expect(body, url).toBe(indexHtml);
    }
  });

  it("serves no source map, moved out or left in the folder", async () => {
    for (const url of [
      "/assets/index-AbC123xy.js.map",
      "/assets/stray-Rr3Tt4Yy.js.map",
      "/web-sourcemaps/assets/index-AbC123xy.js.map",
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('"version":3');
    }
  });

  it("does not point the browser at a map", async () => {
    const response = await get("/assets/index-AbC123xy.js", "identity");
    expect(response.headers["sourcemap"]).toBeUndefined();
    expect(response.headers["x-sourcemap"]).toBeUndefined();
  });
});
