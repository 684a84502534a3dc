import { describe, expect, it } from "vitest";
import { describeUnknownFile, sniffEvidenceType } from "./file-type.ts";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );

describe("sniffEvidenceType", () => {
  it("recognises the accepted types by content", () => {
    expect(sniffEvidenceType(bytes("%PDF-1.7\n"))).toBe("pdf");
    expect(sniffEvidenceType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe("jpeg");
    expect(sniffEvidenceType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("png");
    expect(sniffEvidenceType(bytes([0x50, 0x4b, 0x03, 0x04], "....word/document.xml"))).toBe(
      "docx",
    );
    expect(sniffEvidenceType(bytes([0x50, 0x4b, 0x03, 0x04], "..xl/workbook.xml"))).toBe("xlsx");
  });
  it("refuses anything else, whatever its name", () => {
    expect(sniffEvidenceType(bytes("MZ\x90\x00"))).toBeNull();
    expect(describeUnknownFile(bytes("MZ\x90\x00"))).toContain(".exe");
    expect(sniffEvidenceType(bytes([0x50, 0x4b, 0x03, 0x04], "other.txt"))).toBeNull();
    expect(sniffEvidenceType(bytes("hello"))).toBeNull();
  });
});
