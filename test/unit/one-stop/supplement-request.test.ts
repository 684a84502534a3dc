import { describe, expect, it } from "vitest";
import { openDocx, texts } from "../../support/docx-xml.ts";
import { procedureDocuments, supplementRequest } from "./one-stop-factory.ts";

const [form, idCard, authorisation] = procedureDocuments;
const receivedAll = [form, idCard].map(({ name, form, copies }) => ({ name, form, copies }));

async function formText(overrides: Parameters<typeof supplementRequest>[0] = {}) {
  return texts((await openDocx(await supplementRequest(overrides))).document).join("\n");
}

describe("supplement request (Mẫu số 02)", () => {
  it("lists the required documents the desk did not receive, with form and copies, then the note", async () => {
    const text = await formText({ receivedDocuments: [receivedAll[0]!] });
    expect(text).toContain("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
    expect(text).toContain("(Mẫu số 02 ban hành kèm theo Thông tư số 03/2025/TT-VPCP)");
    expect(text).toContain("Căn cước công dân (bản sao chứng thực): 02 bản");
    expect(text).toContain("2. Nội dung khác: ");
    expect(text).toContain("Ghi rõ năm đăng ký khai sinh");
    expect(text.indexOf("Căn cước công dân")).toBeLessThan(text.indexOf("Ghi rõ năm"));
    // Received, or optional: not asked for.
    expect(text).not.toContain(form.name);
    expect(text).not.toContain(authorisation.name);
    expect(text).toContain("Bãi Cháy, ngày 06 tháng 3 năm 2026");
  });

  it("asks for an original received only as a copy", async () => {
    const text = await formText({
      receivedDocuments: [{ ...receivedAll[0]!, form: "copy" }, receivedAll[1]!],
    });
    expect(text).toContain("Tờ khai cấp bản sao trích lục (bản chính): 01 bản");
  });

  it("lists no document when the dossier was received complete", async () => {
    const text = await formText({ receivedDocuments: receivedAll });
    for (const doc of procedureDocuments) expect(text).not.toContain(doc.name);
    expect(text).not.toContain("Nội dung khác");
    expect(text).toContain("Ghi rõ năm đăng ký khai sinh");
  });

  it("keeps the note alone when the dossier stores no received list", async () => {
    const text = await formText({ receivedDocuments: null });
    for (const doc of procedureDocuments) expect(text).not.toContain(doc.name);
    expect(text).not.toContain("Nội dung khác");
    expect(text).toContain("Ghi rõ năm đăng ký khai sinh");
  });

  it("leaves a dotted line to fill in when nothing is missing and no note was typed", async () => {
    const text = await formText({ receivedDocuments: null, note: null });
    expect(text).toContain("…………………………………");
  });
});
