import { describe, expect, it } from "vitest";
import {
  compareVietnamese,
  matchesSearch,
  sameVietnameseWord,
  searchKey,
  toneInsensitiveKey,
} from "./vietnamese-text.ts";

describe("toneInsensitiveKey", () => {
  it("treats old and new tone placement as equal", () => {
    expect(toneInsensitiveKey("Thủy Nguyên")).toBe(toneInsensitiveKey("Thuỷ Nguyên"));
    expect(toneInsensitiveKey("Hòa Phong")).toBe(toneInsensitiveKey("hoà phong"));
    expect(toneInsensitiveKey("Khỏe")).toBe(toneInsensitiveKey("khoẻ"));
  });
  it("keeps words that differ in tone or letter apart", () => {
    expect(toneInsensitiveKey("ma")).not.toBe(toneInsensitiveKey("mà"));
    expect(toneInsensitiveKey("hoà")).not.toBe(toneInsensitiveKey("hoả"));
    expect(toneInsensitiveKey("Đà")).not.toBe(toneInsensitiveKey("Da"));
  });
});

describe("search", () => {
  it("ignores diacritics and case", () => {
    expect(searchKey("Đồng Hới")).toBe("dong hoi");
    expect(matchesSearch("Phường Thuỷ Nguyên", "thủy")).toBe(true);
    expect(matchesSearch("Xã Hòa Phong", "HOA")).toBe(true);
    expect(matchesSearch("Xã Hòa Phong", "Bãi Cháy")).toBe(false);
  });
  it("sorts in Vietnamese order", () => {
    const names = ["Đông", "Dương", "Ân", "An", "Bình"];
    expect([...names].sort(compareVietnamese)).toEqual(["An", "Ân", "Bình", "Dương", "Đông"]);
  });
});

describe("sameVietnameseWord", () => {
  it("ignores case and tone placement, and matches a word typed without diacritics", () => {
    expect(sameVietnameseWord("THUỶ", "Thủy")).toBe(true);
    expect(sameVietnameseWord("hòa", "Hoà")).toBe(true);
    expect(sameVietnameseWord("Thuy", "Thủy")).toBe(true);
    expect(sameVietnameseWord("Dang", "Đặng")).toBe(true);
  });
  it("keeps accented words that differ in tone or letter apart", () => {
    expect(sameVietnameseWord("hoá", "Hoa")).toBe(false);
    expect(sameVietnameseWord("thi", "Thị")).toBe(true);
    expect(sameVietnameseWord("thì", "Thị")).toBe(false);
    expect(sameVietnameseWord("Thùy", "Thủy")).toBe(false);
  });
});
