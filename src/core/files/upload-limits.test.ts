import { describe, expect, it } from "vitest";
import {
  bodyTooLargeMessage,
  EVIDENCE_EXTENSIONS,
  fileTooLargeMessage,
  formatByteLimit,
  MAX_UPLOAD_BYTES,
  uploadProblem,
} from "./upload-limits.ts";

describe("upload pre-checks", () => {
  it("accepts a file within the limit of an allowed type", () => {
    expect(
      uploadProblem({ name: "Bao cao.PDF", size: 1000 }, { extensions: EVIDENCE_EXTENSIONS }),
    ).toBeNull();
    expect(uploadProblem({ name: "x.pdf", size: MAX_UPLOAD_BYTES })).toBeNull();
  });
  it("says an empty file is empty", () => {
    expect(uploadProblem({ name: "a.pdf", size: 0 })).toBe("Tệp “a.pdf” rỗng (0 byte).");
  });
  it("states the 20 MB limit", () => {
    expect(uploadProblem({ name: "a.pdf", size: MAX_UPLOAD_BYTES + 1 })).toBe("Tệp lớn hơn 20 MB.");
  });
  it("lists the types the field takes", () => {
    expect(uploadProblem({ name: "a.exe", size: 10 }, { extensions: [".xlsx"] })).toBe(
      "Chỉ nhận tệp XLSX.",
    );
    expect(uploadProblem({ name: "a.exe", size: 10 }, { extensions: EVIDENCE_EXTENSIONS })).toBe(
      "Chỉ nhận tệp PDF, DOCX, XLSX, JPG, JPEG, PNG.",
    );
  });
});

describe("a size limit as people read it", () => {
  it("in MB or KB, with a decimal comma when not whole", () => {
    expect(formatByteLimit(20 * 1024 * 1024)).toBe("20 MB");
    expect(formatByteLimit(1024 * 1024)).toBe("1 MB");
    expect(formatByteLimit(1.5 * 1024 * 1024)).toBe("1,5 MB");
    expect(formatByteLimit(512 * 1024)).toBe("512 KB");
    expect(formatByteLimit(500)).toBe("500 byte");
  });
  it("in the 413 messages", () => {
    expect(fileTooLargeMessage(MAX_UPLOAD_BYTES)).toBe("Tệp lớn hơn 20 MB.");
    expect(bodyTooLargeMessage(8 * 1024 * 1024)).toBe("Dữ liệu gửi lên lớn hơn 8 MB.");
  });
});
