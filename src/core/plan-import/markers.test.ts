import { describe, expect, it } from "vitest";
import { classifyFieldLabel, fieldLabel, itemMarker, romanToNumber } from "./markers.ts";
import { mapAreaKey } from "./area-keys.ts";

describe("itemMarker", () => {
  it("knows Vietnamese enumeration letters, including đ, and not f", () => {
    expect(itemMarker("đ) Thực hiện niêm yết")).toMatchObject({ kind: "letter", label: "đ" });
    expect(itemMarker("g) Triển khai")).toMatchObject({ kind: "letter", label: "g" });
    expect(itemMarker("- e) Thường xuyên")).toMatchObject({
      kind: "letter",
      label: "e",
      dashed: true,
    });
    expect(itemMarker("f) không phải chữ cái liệt kê")).toBeNull();
    expect(itemMarker("(3) Chú trọng")).toMatchObject({ kind: "paren", label: "3" });
    expect(itemMarker("- Tổ chức")).toMatchObject({ kind: "dash", rest: "Tổ chức" });
    expect(itemMarker("Tổ chức")).toBeNull();
  });

  it("reads Roman numerals", () => {
    expect(romanToNumber("VII")).toBe(7);
    expect(romanToNumber("IV")).toBe(4);
    expect(romanToNumber("ABC")).toBeNull();
  });
});

describe("inline fields", () => {
  it("maps label variants to fields", () => {
    expect(classifyFieldLabel("Cơ quan chủ trì tham mưu")).toBe("lead");
    expect(classifyFieldLabel("Cơ quan chủ trì, tổng hợp")).toBe("lead");
    expect(classifyFieldLabel("Cơ quan phối hợp theo dõi")).toBe("support");
    expect(classifyFieldLabel("Cơ quan theo dõi")).toBe("monitor");
    expect(classifyFieldLabel("Thời gian hoàn thành")).toBe("timeline");
    expect(classifyFieldLabel("Sản phẩm")).toBe("deliverable");
    expect(classifyFieldLabel("Mục đích")).toBeNull();
    expect(fieldLabel("- Sản phẩm: Kế hoạch.")).toMatchObject({
      field: "deliverable",
      value: "Kế hoạch.",
    });
  });
});

describe("mapAreaKey", () => {
  it("maps heading wordings to the eight standard areas", () => {
    expect(mapAreaKey("Xây dựng và phát triển Chính quyền điện tử, Chính quyền số")).toBe(
      "digital_government",
    );
    expect(mapAreaKey("Hiện đại hóa nền hành chính")).toBe("digital_government");
    expect(mapAreaKey("Công tác chỉ đạo, điều hành cải cách hành chính")).toBe("direction");
    expect(mapAreaKey("Cải cách thủ tục hành chính (TTHC)")).toBe("procedures");
    expect(mapAreaKey("Cải cách tổ chức bộ máy hành chính nhà nước")).toBe("organization");
    expect(mapAreaKey("CẢI CÁCH CHẾ ĐỘ CÔNG VỤ")).toBe("civil_service");
    expect(mapAreaKey("Cải cách tài chính công")).toBe("public_finance");
    expect(mapAreaKey("Cải cách thể chế")).toBe("institutions");
    expect(mapAreaKey("Đo lường tác động của cải cách hành chính đến người dân")).toBe("impact");
    expect(mapAreaKey("Kinh phí thực hiện")).toBeNull();
  });
});
