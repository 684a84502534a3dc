import { createHash, type Hash } from "node:crypto";
import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { AppError } from "../../errors.ts";
import {
  backupManifestSchema,
  BACKUP_FORMAT,
  fileOfEntry,
  MANIFEST_ENTRY,
  tableOfEntry,
  type BackupManifest,
} from "./backup-format.ts";
import { knownMigrations } from "./migration-level.ts";
import { readZip, type ZipLimits } from "./zip-reader.ts";

/** JSON compresses about 10–20 times; a ratio beyond this is a zip bomb, not a backup. */
const MAX_EXPANSION = 200;
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

export async function backupLimits(path: string): Promise<ZipLimits & { maxTotalBytes: number }> {
  const { size } = await stat(path);
  const maxTotalBytes = Math.max(size * MAX_EXPANSION, 64 * 1024 * 1024);
  return { maxEntries: 10_000_000, maxEntryBytes: maxTotalBytes, maxTotalBytes };
}

const damaged = (reason: string) => new AppError("BACKUP_DAMAGED", { params: { reason } });

/**
 * Reads the whole archive once: the manifest must be there and valid, every entry must match
 * its size and SHA-256, nothing may be missing or extra, and the schema must not be newer than
 * this version's. Returns the manifest; throws a coded error otherwise. Nothing is written.
 */
export async function verifyBackup(path: string): Promise<BackupManifest> {
  if (!existsSync(path)) throw new AppError("BACKUP_NOT_FOUND", { params: { path } });
  const limits = await backupLimits(path);
  const hashes = new Map<string, { hash: Hash; bytes: number; done: boolean }>();
  const manifestChunks: Uint8Array[] = [];
  let total = 0;
  let firstEntry: string | null = null;
  try {
    await readZip(
      path,
      {
        start(name) {
          firstEntry ??= name;
          if (hashes.has(name)) throw damaged(`mục ${name} xuất hiện hai lần`);
          hashes.set(name, { hash: createHash("sha256"), bytes: 0, done: false });
          return true;
        },
        data(name, chunk, final) {
          const entry = hashes.get(name)!;
          entry.hash.update(chunk);
          entry.bytes += chunk.length;
          entry.done = final;
          total += chunk.length;
          if (total > limits.maxTotalBytes) throw damaged("dung lượng giải nén vượt quá giới hạn");
          if (name === MANIFEST_ENTRY) {
            if (entry.bytes > MAX_MANIFEST_BYTES) throw damaged("manifest.json quá lớn");
            manifestChunks.push(chunk);
          }
        },
      },
      limits,
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (firstEntry === null) throw new AppError("BACKUP_FOREIGN", { params: { path } });
    throw damaged((error as Error).message);
  }
  const looksLikeCchc =
    firstEntry !== null && (tableOfEntry(firstEntry) !== null || firstEntry === MANIFEST_ENTRY);
  const manifestEntry = hashes.get(MANIFEST_ENTRY);
  if (!manifestEntry?.done) {
    if (!looksLikeCchc) throw new AppError("BACKUP_FOREIGN", { params: { path } });
    throw damaged("thiếu tệp mô tả manifest.json ở cuối tệp (tệp bị cắt cụt?)");
  }
  const manifest = parseManifest(Buffer.concat(manifestChunks).toString("utf8"), path);
  checkEntries(manifest, hashes);
  await checkSchemaVersion(manifest);
  return manifest;
}

function parseManifest(text: string, path: string): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged("manifest.json không phải JSON hợp lệ");
  }
  if ((json as { format?: unknown } | null)?.format !== BACKUP_FORMAT)
    throw new AppError("BACKUP_FOREIGN", { params: { path } });
  const parsed = backupManifestSchema.safeParse(json);
  if (!parsed.success) throw damaged("manifest.json sai cấu trúc");
  return parsed.data;
}

function checkEntries(
  manifest: BackupManifest,
  found: Map<string, { hash: Hash; bytes: number; done: boolean }>,
) {
  const listed = new Set<string>();
  for (const entry of manifest.entries) {
    // A path listed twice would be checked twice against one hash (it can be read only once).
    if (listed.has(entry.path)) throw damaged(`mục ${entry.path} được liệt kê hai lần`);
    listed.add(entry.path);
    if (tableOfEntry(entry.path) === null && fileOfEntry(entry.path) === null)
      throw damaged(`mục không hợp lệ: ${entry.path}`);
    const actual = found.get(entry.path);
    if (!actual?.done) throw damaged(`thiếu mục ${entry.path}`);
    if (actual.bytes !== entry.bytes || actual.hash.digest("hex") !== entry.sha256)
      throw damaged(`mục ${entry.path} sai mã kiểm tra SHA-256`);
  }
  for (const name of found.keys())
    if (name !== MANIFEST_ENTRY && !listed.has(name)) throw damaged(`mục lạ ${name}`);
  for (const table of manifest.tables)
    if (!listed.has(`tables/${table.name}.jsonl`)) throw damaged(`thiếu bảng ${table.name}`);
}

async function checkSchemaVersion(manifest: BackupManifest) {
  const known = await knownMigrations();
  const isPrefix =
    manifest.migrations.length <= known.length &&
    manifest.migrations.every((tag, index) => known[index] === tag);
  if (!isPrefix)
    throw new AppError("BACKUP_NEWER_VERSION", {
      params: { version: `${manifest.appVersion}, ${manifest.migrations.at(-1)}` },
    });
}
