/**
 * Text CCHC accepts never carries control characters: NUL and the other C0 controls, DEL, the C1
 * controls (U+0080–U+009F) and lone UTF-16 surrogates. PostgreSQL refuses NUL in text, and the
 * others only corrupt documents and logs. Multi-line text (request bodies) may hold a tab, a line
 * feed and a carriage return; single-line text (query strings, path parameters) none of them.
 */
export interface ControlCharacter {
  index: number;
  /** "U+0000" */
  codePoint: string;
}

export function findControlCharacter(
  text: string,
  options: { multiline: boolean },
): ControlCharacter | null {
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0x20 && unit < 0x7f) continue;
    if (isUnsafe(text, index, unit, options.multiline)) {
      return { index, codePoint: `U+${unit.toString(16).toUpperCase().padStart(4, "0")}` };
    }
    if (unit >= 0xd800 && unit <= 0xdbff) index++; // a valid pair: skip its low half
  }
  return null;
}

function isUnsafe(text: string, index: number, unit: number, multiline: boolean): boolean {
  if (unit < 0x20) return !(multiline && (unit === 0x09 || unit === 0x0a || unit === 0x0d));
  if (unit >= 0x7f && unit <= 0x9f) return true;
  if (unit >= 0xd800 && unit <= 0xdbff) {
    const next = text.charCodeAt(index + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  return unit >= 0xdc00 && unit <= 0xdfff;
}
