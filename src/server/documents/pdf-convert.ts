/**
 * Word → PDF through LibreOffice headless (`CCHC_SOFFICE`, default `soffice` on PATH): one
 * conversion at a time (LibreOffice is heavy and a shared profile cannot run twice), in a temp
 * folder removed afterwards, with its own throwaway profile, killed after a timeout. A missing
 * binary, a failure or a timeout is DOCUMENT_PDF_UNAVAILABLE (503), never a stack trace.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { AppError } from "../errors.ts";

const TIMEOUT_MS = 120_000;

let queue: Promise<unknown> = Promise.resolve();

/** The LibreOffice binary: CCHC_SOFFICE, else `soffice` on PATH. */
export function sofficeBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.CCHC_SOFFICE?.trim() || "soffice";
}

function run(binary: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: TIMEOUT_MS, killSignal: "SIGKILL" }, (error) =>
      error ? reject(error) : resolve(),
    );
  });
}

async function convertOnce(docx: Buffer, binary: string): Promise<Buffer> {
  const folder = await mkdtemp(join(tmpdir(), "cchc-pdf-"));
  try {
    const source = join(folder, "document.docx");
    await writeFile(source, docx);
    try {
      await run(binary, [
        `-env:UserInstallation=${pathToFileURL(join(folder, "profile")).href}`,
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        folder,
        source,
      ]);
    } catch {
      throw new AppError("DOCUMENT_PDF_UNAVAILABLE");
    }
    const pdf = await readFile(join(folder, "document.pdf")).catch(() => null);
    if (!pdf || pdf.subarray(0, 5).toString("latin1") !== "%PDF-") {
      throw new AppError("DOCUMENT_PDF_UNAVAILABLE");
    }
    return pdf;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A Word file as PDF; conversions wait for each other. */
export function docxToPdf(docx: Buffer, binary: string = sofficeBinary()): Promise<Buffer> {
  const next = queue.then(
    () => convertOnce(docx, binary),
    () => convertOnce(docx, binary),
  );
  queue = next.catch(() => undefined);
  return next;
}
