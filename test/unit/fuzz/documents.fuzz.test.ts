/**
 * Fuzzing of the JSON documents CCHC reads from outside: methodology (scoring) documents and
 * backup archives with their manifest. See fuzz-harness.ts.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkMethodologyDocument } from "../../../src/core/methodology/methodology-document.ts";
import { knownMigrations } from "../../../src/server/operations/backup/migration-level.ts";
import { verifyBackup } from "../../../src/server/operations/backup/verify-backup.ts";
import { AppError } from "../../../src/server/errors.ts";
import {
  anyBytes,
  fuzz,
  fuzzTestTimeout,
  messyText,
  mutated,
  utf8,
  type FuzzTarget,
} from "./fuzz-harness.ts";

const METHODOLOGY = JSON.parse(
  readFileSync(
    join(import.meta.dirname, "../../../src/core/methodology/documents/service-index-766.json"),
    "utf8",
  ),
) as unknown;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `value`. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [prefix];
  if (Array.isArray(value))
    value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (value && typeof value === "object")
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

/** Values that break naive code: wrong types, huge or odd numbers, deep nesting, odd keys. */
const oddValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  messyText(30),
  fc.constantFrom<Json>(
    -1,
    0,
    1e308,
    -0,
    0.1,
    2 ** 53 + 1,
    "",
    "__proto__",
    "constructor",
    [],
    {},
    { __proto__: { polluted: true } } as unknown as Json,
    "1900-02-30",
    "9999-12-31",
  ),
  fc.integer({ min: 1, max: 400 }).map((depth) => {
    let nested: Json = "x";
    for (let i = 0; i < depth; i += 1) nested = [nested];
    return nested;
  }),
);

/** A valid document with some values replaced, removed or duplicated. */
function mutatedJson(sample: Json, maxEdits = 5): fc.Arbitrary<Json> {
  const paths = pathsOf(sample).filter((path) => path.length > 0);
  const edit = fc.record({
    path: fc.constantFrom(...paths),
    kind: fc.constantFrom("replace", "remove", "copy"),
    value: oddValue,
    from: fc.constantFrom(...paths),
  });
  return fc.array(edit, { minLength: 1, maxLength: maxEdits }).map((edits) => {
    const copy = structuredClone(sample);
    const get = (path: (string | number)[]) =>
      path.reduce<Json | undefined>(
        (node, key) =>
          node && typeof node === "object" ? (node as Record<string, Json>)[key] : undefined,
        copy,
      );
    for (const { path, kind, value, from } of edits) {
      const parent = get(path.slice(0, -1));
      if (!parent || typeof parent !== "object") continue;
      const key = path.at(-1)!;
      const target = parent as Record<string | number, Json>;
      if (kind === "remove") {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete target[key];
      } else {
        target[key] = kind === "copy" ? structuredClone(get(from) ?? null) : value;
      }
    }
    return copy;
  });
}

// ——— a valid backup archive, written like create-backup.ts ———
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
let migrations: string[];
const workDir = mkdtempSync(join(tmpdir(), "cchc-fuzz-backup-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const TABLE = utf8('{"id":"u1","code":"22001","name":"Phường Bãi Cháy"}\n');
const FILE = utf8("%PDF-1.4 minh chứng");

function manifestOf(entries: Record<string, Uint8Array>): Json {
  return {
    format: "cchc-backup",
    formatVersion: 1,
    appVersion: "0.1.0",
    createdAt: "2026-06-30T10:00:00+07:00",
    sourceDatabase: "pglite",
    migrations,
    tables: [{ name: "units", rows: 1 }],
    entries: Object.entries(entries).map(([path, bytes]) => ({
      path,
      bytes: bytes.length,
      sha256: sha256(bytes),
    })),
  };
}

function archive(manifest: Json, entries: Record<string, Uint8Array>): Uint8Array {
  // The manifest is the last entry, as create-backup.ts writes it.
  return zipSync({ ...entries, "manifest.json": utf8(JSON.stringify(manifest)) });
}

const ENTRIES = { "tables/units.jsonl": TABLE, "files/evidence/ab/cd.pdf": FILE };
let validBackup: Uint8Array;

let fileNumber = 0;
async function verifyBytes(bytes: Uint8Array) {
  const path = join(workDir, `backup-${(fileNumber += 1)}.zip`);
  writeFileSync(path, bytes);
  try {
    await verifyBackup(path);
  } finally {
    rmSync(path, { force: true });
  }
}

beforeAll(async () => {
  migrations = await knownMigrations();
  validBackup = archive(manifestOf(ENTRIES), ENTRIES);
});

const RUNS = { "methodology-json": 150, "backup-manifest": 60, "backup-archive": 60 };

function targets(): FuzzTarget[] {
  const entryName = fc.oneof(
    fc.constantFrom(
      "tables/units.jsonl",
      "files/evidence/ab/cd.pdf",
      "files/../../etc/passwd",
      "files//x",
      "files/./x",
      "tables/.jsonl",
      "manifest.json",
      "/absolute",
      "files/a\\..\\b",
    ),
    // fflate's zipSync keeps entries in a plain object: "__proto__" (which fast-check's strings
    // favour) would set its prototype and crash the test's own archive writer, not the reader.
    messyText(20).filter((name) => name !== "__proto__"),
  );
  return [
    {
      name: "methodology-json",
      input: fc
        .oneof(mutatedJson(METHODOLOGY as Json), fc.jsonValue({ maxDepth: 4 }))
        .map((json) => utf8(JSON.stringify(json))),
      // The route receives the document as a JSON body: it must answer with a list of
      // problems, never throw.
      parse: (bytes) => checkMethodologyDocument(JSON.parse(new TextDecoder().decode(bytes))),
      declared: () => false,
      runs: RUNS["methodology-json"],
    },
    {
      name: "backup-manifest",
      input: fc
        .tuple(
          mutatedJson(manifestOf(ENTRIES)),
          fc.dictionary(entryName, fc.uint8Array({ maxLength: 64 }), { maxKeys: 3 }),
        )
        .map(([manifest, extra]) => archive(manifest, { ...ENTRIES, ...extra })),
      parse: verifyBytes,
      declared: (error) => error instanceof AppError,
      runs: RUNS["backup-manifest"],
    },
    {
      name: "backup-archive",
      input: fc.oneof(
        fc.constant(0).chain(() => mutated(validBackup, 6)),
        anyBytes(512),
      ),
      parse: verifyBytes,
      declared: (error) => error instanceof AppError,
      runs: RUNS["backup-archive"],
    },
  ];
}

describe("fuzzing documents and backups", () => {
  it("accepts the unmodified samples", async () => {
    expect(checkMethodologyDocument(METHODOLOGY).ok).toBe(true);
    await expect(verifyBytes(validBackup)).resolves.toBeUndefined();
  });

  for (const [name, runs] of Object.entries(RUNS)) {
    it(
      `${name}: no crash, no hang`,
      async () => {
        const target = targets().find((candidate) => candidate.name === name)!;
        expect((await fuzz(target)).runs).toBeGreaterThan(0);
      },
      fuzzTestTimeout(runs),
    );
  }
});
