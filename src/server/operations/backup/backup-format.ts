import { z } from "zod";

/** The format id written in every manifest: an archive without it is not a CCHC backup. */
export const BACKUP_FORMAT = "cchc-backup";
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = "manifest.json";
export const TABLE_ENTRY_PREFIX = "tables/";
export const FILE_ENTRY_PREFIX = "files/";

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const backupManifestSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  appVersion: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  sourceDatabase: z.enum(["pglite", "postgresql"]),
  /** Tags of the migrations applied to the source, in order. */
  migrations: z.array(z.string()).min(1),
  tables: z.array(z.strictObject({ name: z.string(), rows: z.number().int().nonnegative() })),
  entries: z.array(
    z.strictObject({
      path: z.string().min(1),
      bytes: z.number().int().nonnegative(),
      sha256: sha256Hex,
    }),
  ),
});

export type BackupManifest = z.infer<typeof backupManifestSchema>;

export function tableEntryPath(table: string): string {
  return `${TABLE_ENTRY_PREFIX}${table}.jsonl`;
}

export function tableOfEntry(path: string): string | null {
  if (!path.startsWith(TABLE_ENTRY_PREFIX) || !path.endsWith(".jsonl")) return null;
  return path.slice(TABLE_ENTRY_PREFIX.length, -".jsonl".length);
}

/** A file entry's path relative to the data folder; never escapes it. */
export function fileOfEntry(path: string): string | null {
  if (!path.startsWith(FILE_ENTRY_PREFIX)) return null;
  const relative = path.slice(FILE_ENTRY_PREFIX.length);
  const parts = relative.split("/");
  if (relative === "" || parts.some((part) => part === "" || part === "." || part === ".."))
    return null;
  return relative;
}
