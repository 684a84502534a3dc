import { describe, expect, it } from "vitest";
import { findControlCharacter } from "./control-characters.ts";

const single = { multiline: false };
const multi = { multiline: true };

describe("control characters in text", () => {
  it("accepts Vietnamese text, emoji and (in multi-line text) tabs and line breaks", () => {
    expect(findControlCharacter("Nguyễn Thị Hà — Phường Bãi Cháy 😀", single)).toBeNull();
    expect(findControlCharacter("Dòng 1\r\nDòng 2\tcột", multi)).toBeNull();
    expect(findControlCharacter("", single)).toBeNull();
  });
  it("refuses NUL and other C0 controls, DEL and C1 controls", () => {
    expect(findControlCharacter("Nguyễn\u0000Văn", multi)).toEqual({
      index: 6,
      codePoint: "U+0000",
    });
    for (const bad of [
      "\u0001",
      "\u0008",
      "\u000b",
      "\u000c",
      "\u001b",
      "\u001f",
      "\u007f",
      "\u0085",
      "\u009f",
    ]) {
      expect(findControlCharacter(`a${bad}b`, multi), JSON.stringify(bad)).not.toBeNull();
    }
  });
  it("refuses tabs and line breaks in single-line text", () => {
    for (const bad of ["\t", "\n", "\r"]) {
      expect(findControlCharacter(`a${bad}b`, single)?.index).toBe(1);
    }
  });
  it("refuses lone surrogates, accepts pairs", () => {
    expect(findControlCharacter("a\ud83d\ude00b", single)).toBeNull();
    expect(findControlCharacter("a\ud83db", single)?.codePoint).toBe("U+D83D");
    expect(findControlCharacter("a\ude00", single)?.codePoint).toBe("U+DE00");
    expect(findControlCharacter("a\ud83d", single)?.index).toBe(1);
  });
});
