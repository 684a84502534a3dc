import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  findPersonalData,
  maskPersonalData,
  mustStayMasked,
  nationalPhoneDigits,
  type SenderPersonalData,
} from "./index.ts";

const thuy: SenderPersonalData = {
  name: "Nguyễn Thị Thuỷ",
  phone: "0912 345 678",
  email: "thuy.nguyen@gmail.com",
  address: "Số 12 đường Trần Hưng Đạo, phường Hồng Gai, tỉnh Quảng Ninh",
};
const nobody: SenderPersonalData = { name: "Trần Văn Bình" };

const kindsIn = (text: string, sender = thuy) =>
  findPersonalData(text, sender).map((s) => [s.kind, s.original]);

describe("the sender's name", () => {
  it("is found in full and in its usual parts, any case, with or without diacritics", () => {
    const text =
      "Tôi là Nguyễn Thị Thuỷ. NGUYỄN THỊ THỦY xin phản ánh; Nguyen Thi Thuy; chị Thuỷ; bà thuy; Thị Thủy; Nguyễn Thuỷ.";
    const masked = maskPersonalData(text, thuy);
    expect(masked.text).toBe(
      "Tôi là N***** T** T***. N***** T** T*** xin phản ánh; N***** T** T***; chị T***; bà t***; T** T***; N***** T***.",
    );
    expect(masked.spans.every((s) => s.kind === "name" && s.ofSender)).toBe(true);
    for (const span of masked.spans) {
      expect(masked.text.slice(span.maskedStart, span.maskedEnd)).toBe(span.replacement);
    }
  });

  it("treats old and new tone placement alike (Thuỷ/Thủy, Hoà/Hòa)", () => {
    const hoa = { name: "Lê Thị Hoà" };
    expect(maskPersonalData("Bà Lê Thị Hòa và chị Hoà", hoa).text).toBe("Bà L* T** H** và chị H**");
    expect(maskPersonalData("Nguyễn Thị Thủy", thuy).text).toBe("N***** T** T***");
  });

  it("leaves ordinary words alone: thị xã, văn bản, đô thị hoá, a street named like the family", () => {
    const hoa = { name: "Lê Thị Hoa" };
    const text = "Quá trình đô thị hoá ở thị xã; văn bản số 12; đường Lê Lợi; hoa mai nở.";
    expect(findPersonalData(text, hoa)).toEqual([]);
    expect(
      findPersonalData("An toàn giao thông, an ninh trật tự", { name: "Phạm Văn An" }),
    ).toEqual([]);
    expect(kindsIn("Tôi là An", { name: "Phạm Văn An" })).toEqual([["name", "An"]]);
  });

  it("finds a one-word name only when written as a name", () => {
    const hoa = { name: "Hoa" };
    expect(kindsIn("Hoa gửi phản ánh về hoa mai; chị hoa đồng ý.", hoa)).toEqual([
      ["name", "Hoa"],
      ["name", "hoa"],
    ]);
  });
});

describe("phone numbers in every common Vietnamese format", () => {
  const formats = [
    "0912345678",
    "0912 345 678",
    "0912.345.678",
    "091-234-5678",
    "0912-345-678",
    "+84 912 345 678",
    "+84912345678",
    "+84 (0) 912 345 678",
    "(+84) 912 345 678",
    "84912345678",
    "0203 3825 123",
    "(0203) 3825123",
    "(0203) 3825 123",
    "0203.3825.123",
    "024 3825 1234",
    "0168 123 4567",
  ];
  it.each(formats)("masks %s, keeping the last three digits", (phone) => {
    const text = `Liên hệ ${phone}, cảm ơn.`;
    const spans = findPersonalData(text, nobody);
    expect(spans.map((s) => [s.kind, s.original])).toEqual([["phone", phone]]);
    const masked = maskPersonalData(text, nobody).text;
    expect(masked).toMatch(/^Liên hệ \*+\d{3}, cảm ơn\.$/);
    expect(masked.replace(/\D/g, "")).toHaveLength(3);
  });

  it("recognises the sender's phone written in another format", () => {
    for (const written of ["0912.345.678", "+84 912 345 678", "84912345678", "091-234-5678"]) {
      const [span] = findPersonalData(`SĐT: ${written}`, thuy);
      expect(span).toMatchObject({ kind: "phone", ofSender: true });
    }
    const [other] = findPersonalData("Đường dây nóng 0203 3825 123", thuy);
    expect(other).toMatchObject({ kind: "phone", ofSender: false });
    expect(mustStayMasked(other!)).toBe(false);
  });

  it("finds two numbers written side by side and a number glued to its label", () => {
    expect(kindsIn("0912345678 0987654321", nobody)).toEqual([
      ["phone", "0912345678"],
      ["phone", "0987654321"],
    ]);
    expect(kindsIn("SĐT0912345678", nobody)).toEqual([["phone", "0912345678"]]);
    expect(kindsIn("(zalo:0987.654.321)", nobody)).toEqual([["phone", "0987.654.321"]]);
    expect(kindsIn("chị Lan (0912 345 678) và (+84 987 654 321)", nobody)).toEqual([
      ["phone", "0912 345 678"],
      ["phone", "+84 987 654 321"],
    ]);
  });

  it("normalises the +84 and 84 prefixes", () => {
    expect(nationalPhoneDigits("+84 912 345 678")).toBe("0912345678");
    expect(nationalPhoneDigits("84912345678")).toBe("0912345678");
    expect(nationalPhoneDigits("0912.345.678")).toBe("0912345678");
  });
});

describe("identity numbers and e-mail addresses", () => {
  it("masks 12-digit CCCD and 9-digit CMND numbers", () => {
    expect(maskPersonalData("CCCD 001203004567, CMND 123456789.", nobody).text).toBe(
      "CCCD *********567, CMND ******789.",
    );
    const [id] = findPersonalData("Số định danh 001 203 004 567", nobody);
    expect(id).toMatchObject({ kind: "id_number", ofSender: false });
    expect(mustStayMasked(id!)).toBe(true);
    expect(
      findPersonalData("CCCD 001203004567", { ...nobody, idNumber: "001203004567" })[0],
    ).toMatchObject({ ofSender: true });
  });

  it("masks e-mail addresses, keeping the domain, and knows the sender's", () => {
    const spans = findPersonalData("Gửi thuy.nguyen@gmail.com hoặc motcua@baichay.gov.vn", thuy);
    expect(spans.map((s) => [s.replacement, s.ofSender])).toEqual([
      ["***@gmail.com", true],
      ["***@baichay.gov.vn", false],
    ]);
  });
});

describe("street addresses", () => {
  it("masks house number with street, lanes and residential groups", () => {
    const cases: [string, string][] = [
      ["Nhà tôi ở số 12 đường Trần Hưng Đạo, bị ngập.", "số 12 đường Trần Hưng Đạo"],
      ["Địa chỉ: số nhà 45, ngõ 12, phố Huế.", "số nhà 45, ngõ 12, phố Huế"],
      ["ở Số 7 Lê Lợi nhé", "Số 7 Lê Lợi"],
      ["Hẻm 45/3 Nguyễn Văn Cừ rất tối", "Hẻm 45/3 Nguyễn Văn Cừ"],
      ["so 12 duong Tran Hung Dao", "so 12 duong Tran Hung Dao"],
      ["Tôi ở tổ 5, khu 3, phường Bãi Cháy.", "tổ 5, khu 3"],
      ["Gia đình ở Thôn 2 xã Đồng Sơn", "Thôn 2"],
      ["tổ dân phố 7 thiếu đèn", "tổ dân phố 7"],
      ["số 3 đường số 5", "số 3 đường số 5"],
    ];
    for (const [text, address] of cases) {
      expect(kindsIn(text, nobody), text).toEqual([["address", address]]);
    }
    expect(maskPersonalData("Tôi ở tổ 5, khu 3, phường Bãi Cháy.", nobody).text).toBe(
      "Tôi ở ***, phường Bãi Cháy.",
    );
  });

  it("knows the sender's recorded address, whole or by its leading parts", () => {
    const text =
      "Địa chỉ Số 12 đường Trần Hưng Đạo, phường Hồng Gai, tỉnh Quảng Ninh. Trước số 12 đường Trần Hưng Đạo có ổ gà.";
    const spans = findPersonalData(text, thuy);
    expect(spans.map((s) => [s.original, s.ofSender])).toEqual([
      ["Số 12 đường Trần Hưng Đạo, phường Hồng Gai, tỉnh Quảng Ninh", true],
      ["số 12 đường Trần Hưng Đạo", true],
    ]);
    const village = { name: "Lò Văn Páo", address: "Bản Phiêng Luông, xã Mường Bú" };
    expect(kindsIn("Tôi ở Bản Phiêng Luông, xã Mường Bú", village)).toEqual([
      ["address", "Bản Phiêng Luông, xã Mường Bú"],
    ]);
  });

  it("does not take a street, a ward, a counter or a document number for an address", () => {
    const text =
      "Đường Trần Hưng Đạo, phường Bãi Cháy; quầy số 2; Thông tư số 12 Bộ Tư Pháp; khu 3 của trụ sở; sổ 12 Đường; tờ 5.";
    expect(findPersonalData(text, nobody)).toEqual([]);
  });
});

describe("what must not be masked", () => {
  const untouched = [
    "Ngày 12/03/2026 và ngày 2026-03-12, lúc 09:30.",
    "Hồ sơ 000.00.12.H56-250715-0001 đã trả kết quả.",
    "Mã hồ sơ H56.22-250715-0001.",
    "Lệ phí 1.500.000 đồng, 15.000.000.000 đồng, 84912345678 đồng, 2.000.000 VNĐ, 150000000 đồng.",
    "Theo Quyết định số 28/QĐ-UBND, Nghị định 20/2008/NĐ-CP và Thông tư 226/2016/TT-BTC.",
    "Mã số thuế 0101234567 và 0101234567-001.",
    "Mã PAKN.20260302.0001, năm 2026, quầy số 2, 15 ngày làm việc.",
    "Tỷ lệ 98,5%; 100 hồ sơ; điểm 8.75.",
  ];
  it.each(untouched)("keeps %s as it is", (text) => {
    expect(findPersonalData(text, thuy)).toEqual([]);
    expect(maskPersonalData(text, thuy).text).toBe(text);
  });
});

describe("properties", () => {
  const digit = fc.integer({ min: 0, max: 9 }).map(String);
  const mobile = fc
    .tuple(
      fc.constantFrom("3", "5", "7", "8", "9"),
      fc.array(digit, { minLength: 8, maxLength: 8 }),
    )
    .map(([first, rest]) => `0${first}${rest.join("")}`);
  const layout = fc.constantFrom(
    (d: string) => d,
    (d: string) => `${d.slice(0, 4)} ${d.slice(4, 7)} ${d.slice(7)}`,
    (d: string) => `${d.slice(0, 4)}.${d.slice(4, 7)}.${d.slice(7)}`,
    (d: string) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
    (d: string) => `+84 ${d.slice(1, 4)} ${d.slice(4, 7)} ${d.slice(7)}`,
    (d: string) => `84${d.slice(1)}`,
    (d: string) => `(${d.slice(0, 4)}) ${d.slice(4)}`,
    (d: string) => `(+84) ${d.slice(1)}`,
    (d: string) => `(${d})`,
  );
  const filler = fc.constantFrom(
    "Đề nghị xem xét",
    "ngày 12/03/2026",
    "hồ sơ 000.00.12.H56-250715-0001",
    "phí 1.500.000 đồng",
    "theo 28/QĐ-UBND",
    "",
  );

  it("never leaves a mobile number readable, whatever its layout and surroundings", () => {
    fc.assert(
      fc.property(mobile, layout, filler, filler, (digits, write, before, after) => {
        const text = `${before} gọi ${write(digits)} ${after}`;
        const masked = maskPersonalData(text, nobody);
        expect(masked.text.replace(/\D/g, "")).not.toContain(digits.slice(1));
        expect(masked.spans).toHaveLength(1);
        expect(masked.spans[0]!.kind).toBe("phone");
      }),
    );
  });

  it("keeps every span where it says, on any mix of letters, digits and punctuation", () => {
    const piece = fc.constantFrom(
      "Nguyễn",
      "Thị",
      "Thuỷ",
      "thuy",
      "chị",
      "số",
      "12",
      "0912",
      "345",
      "678",
      "+84",
      "(",
      ")",
      ".",
      "-",
      "/",
      ",",
      " ",
      "đường",
      "Trần",
      "tổ",
      "5",
      "@",
      "a.b",
      "gmail.com",
      "\n",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        const masked = maskPersonalData(text, thuy);
        let from = 0;
        for (const span of masked.spans) {
          expect(span.start).toBeGreaterThanOrEqual(from);
          expect(text.slice(span.start, span.end)).toBe(span.original);
          expect(masked.text.slice(span.maskedStart, span.maskedEnd)).toBe(span.replacement);
          from = span.end;
        }
      }),
    );
  });

  it("masks text without personal data into itself, and masking twice changes nothing", () => {
    fc.assert(
      fc.property(fc.array(filler, { maxLength: 6 }), mobile, (parts, digits) => {
        const plain = parts.join(", ");
        expect(maskPersonalData(plain, thuy).text).toBe(plain);
        const once = maskPersonalData(`${plain} Nguyễn Thị Thuỷ ${digits}`, thuy).text;
        expect(maskPersonalData(once, thuy).text).toBe(once);
      }),
    );
  });
});
