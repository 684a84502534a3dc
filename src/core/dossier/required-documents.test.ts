import { describe, expect, it } from "vitest";
import { DossierError } from "./dossier-error.ts";
import {
  checkProcedureDocuments,
  checkReceivedDocuments,
  initialChecklist,
  missingRequiredDocuments,
  parseDocumentList,
  receivedOfChecklist,
  requireCompleteOrConfirmed,
  type ProcedureDocument,
} from "./required-documents.ts";

const BIRTH: ProcedureDocument[] = [
  { name: "Tờ khai đăng ký khai sinh", form: "original", copies: 1, required: true },
  { name: "Giấy chứng sinh", form: "original", copies: 1, required: true },
  { name: "Văn bản ủy quyền", form: "certified_copy", copies: 1, required: false },
];

function errorOf(run: () => unknown): DossierError {
  try {
    run();
  } catch (error) {
    if (error instanceof DossierError) return error;
    throw error;
  }
  throw new Error("no error thrown");
}

describe("a procedure's required documents", () => {
  it("keeps a valid list in order, names trimmed", () => {
    const list = checkProcedureDocuments([{ ...BIRTH[0]!, name: "  Tờ khai  " }, BIRTH[1]!]);
    expect(list.map((d) => d.name)).toEqual(["Tờ khai", "Giấy chứng sinh"]);
  });

  it("refuses empty names, bad copies, unknown forms and duplicates, naming each line", () => {
    const error = errorOf(() =>
      checkProcedureDocuments([
        { name: " ", form: "original", copies: 1, required: true },
        { name: "Giấy chứng sinh", form: "original", copies: 0, required: true },
        { name: "Giấy chứng sinh", form: "scan" as "copy", copies: 1, required: true },
        { name: "giay chung sinh", form: "original", copies: 1.5, required: true },
      ]),
    );
    expect(error.code).toBe("DOSSIER_DOCUMENTS_INVALID");
    const paths = error.details!.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "documents.0.name",
        "documents.1.copies",
        "documents.2.form",
        "documents.3.name",
        "documents.3.copies",
      ]),
    );
    expect(error.details!.find((d) => d.path === "documents.3.name")!.message).toContain(
      "trùng với dòng 2",
    );
  });

  it("allows the same name in two forms (an original and a copy)", () => {
    expect(
      checkProcedureDocuments([
        { name: "CCCD", form: "original", copies: 1, required: false },
        { name: "CCCD", form: "copy", copies: 1, required: true },
      ]),
    ).toHaveLength(2);
  });

  it("refuses a number of sets outside 1–20", () => {
    expect(errorOf(() => checkReceivedDocuments([], 0)).details![0]!.path).toBe("sets");
    expect(errorOf(() => checkReceivedDocuments([], 21)).details![0]!.path).toBe("sets");
    expect(checkReceivedDocuments([], 2)).toEqual([]);
  });
});

describe("the desk's checklist", () => {
  it("starts with the required documents ticked and the optional ones not", () => {
    expect(initialChecklist(BIRTH).map((item) => item.received)).toEqual([true, true, false]);
  });

  it("keeps the ticked lines and the named extra lines, in order, with their copies", () => {
    const items = initialChecklist(BIRTH);
    items[1] = { ...items[1]!, copies: 2 };
    items.push({
      name: " Giấy tờ khác ",
      form: "copy",
      copies: 1,
      received: true,
      required: false,
      extra: true,
    });
    items.push({ name: "", form: "copy", copies: 1, received: true, required: false, extra: true });
    expect(receivedOfChecklist(items)).toEqual([
      { name: "Tờ khai đăng ký khai sinh", form: "original", copies: 1 },
      { name: "Giấy chứng sinh", form: "original", copies: 2 },
      { name: "Giấy tờ khác", form: "copy", copies: 1 },
    ]);
  });

  it("names the required documents not received, tones and case ignored", () => {
    const received = [{ name: "to khai dang ky khai sinh", form: "original" as const, copies: 1 }];
    expect(missingRequiredDocuments(BIRTH, received).map((d) => d.name)).toEqual([
      "Giấy chứng sinh",
    ]);
  });

  it("does not take a copy for a required original, but takes a certified copy for a copy", () => {
    const needsCopy: ProcedureDocument[] = [
      { name: "Sổ hộ khẩu", form: "copy", copies: 1, required: true },
      { name: "Giấy chứng sinh", form: "original", copies: 1, required: true },
    ];
    const missing = missingRequiredDocuments(needsCopy, [
      { name: "Sổ hộ khẩu", form: "certified_copy", copies: 1 },
      { name: "Giấy chứng sinh", form: "copy", copies: 1 },
    ]);
    expect(missing.map((d) => d.name)).toEqual(["Giấy chứng sinh"]);
  });

  it("refuses an incomplete dossier unless the clerk confirmed, and says what is missing", () => {
    const error = errorOf(() => requireCompleteOrConfirmed(BIRTH, [], false));
    expect(error.code).toBe("DOSSIER_DOCUMENTS_INCOMPLETE");
    expect(error.message).toContain("Hồ sơ chưa đủ thành phần bắt buộc");
    expect(error.message).toContain("Giấy chứng sinh");
    expect(error.message).not.toContain("Văn bản ủy quyền");
    expect(requireCompleteOrConfirmed(BIRTH, [], true)).toHaveLength(2);
    const complete = BIRTH.slice(0, 2).map(({ name, form, copies }) => ({ name, form, copies }));
    expect(requireCompleteOrConfirmed(BIRTH, complete, false)).toEqual([]);
  });
});

describe("the catalogue import's documents column", () => {
  it("reads names, forms, copies and optional documents", () => {
    const { documents, problems } = parseDocumentList(
      "Tờ khai đăng ký khai sinh (bản chính, 1); Giấy chứng sinh (Bản chính)\n" +
        "CCCD của người đi đăng ký (bản sao chứng thực, 2 bản, không bắt buộc); Giấy tờ khác",
    );
    expect(problems).toEqual([]);
    expect(documents).toEqual([
      { name: "Tờ khai đăng ký khai sinh", form: "original", copies: 1, required: true },
      { name: "Giấy chứng sinh", form: "original", copies: 1, required: true },
      { name: "CCCD của người đi đăng ký", form: "certified_copy", copies: 2, required: false },
      { name: "Giấy tờ khác", form: "original", copies: 1, required: true },
    ]);
  });

  it("says which document it could not read", () => {
    const { problems } = parseDocumentList("Tờ khai (bản chụp)");
    expect(problems).toEqual(["Thành phần 1 (“Tờ khai”): không hiểu “bản chụp”."]);
  });
});
