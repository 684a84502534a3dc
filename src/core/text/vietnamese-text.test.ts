import { describe, expect, it } from "vitest";
import {
  compareVietnamese,
  matchesSearch,
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
