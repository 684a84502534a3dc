import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** Text files worth compressing; images and fonts in the build are already compressed. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;
/** Below this size the headers weigh more than the saving. */
const MIN_BYTES = 1024;

export interface PrecompressResult {
  compressed: { file: string; bytes: number; br: number; gz: number }[];
  movedMaps: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/**
 * The build's last step (vite.config.ts): moves source maps out of the web root into `mapsDir`
 * (kept for debugging, never served) and writes a `.br` (quality 11) and a `.gz` (level 9) beside
 * every text file, so the server sends them as they are (@fastify/static `preCompressed`)
 * instead of compressing on each request.
 */
export function precompressWebDir(webDir: string, mapsDir: string): PrecompressResult {
  const result: PrecompressResult = { compressed: [], movedMaps: [] };
  for (const path of walk(webDir)) {
    if (path.endsWith(".map")) {
      const target = join(mapsDir, relative(webDir, path));
      mkdirSync(dirname(target), { recursive: true });
      renameSync(path, target);
      result.movedMaps.push(relative(webDir, path));
      continue;
    }
    if (!COMPRESSIBLE.test(path)) continue;
    const content = readFileSync(path);
    if (content.length < MIN_BYTES) continue;
    const br = brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    });
    const gz = gzipSync(content, { level: 9 });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gz);
    result.compressed.push({
      file: relative(webDir, path),
      bytes: content.length,
      br: br.length,
      gz: gz.length,
    });
  }
  return result;
}
