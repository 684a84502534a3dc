import JSZip from "jszip";

/** Reads parts of a generated .docx for structural checks. */
export async function openDocx(bytes: Buffer): Promise<{ document: string; styles: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (path: string): Promise<string> => {
    const file = zip.file(path);
    if (!file) throw new Error(`missing ${path}`);
    return file.async("string");
  };
  return { document: await read("word/document.xml"), styles: await read("word/styles.xml") };
}

/** Texts of all runs, XML entities decoded. */
export function texts(xml: string): string[] {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) =>
    (match[1] ?? "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&"),
  );
}

/** The run (<w:r>…</w:r>) whose text is exactly `text`. */
export function runWithText(xml: string, text: string): string | undefined {
  return [...xml.matchAll(/<w:r>(?:(?!<\/w:r>).)*<\/w:r>/gs)]
    .map((match) => match[0])
    .find((run) => texts(run).join("") === text);
}

/** Top-level tables of the body, in order (nested tables are not used). */
export function tables(xml: string): string[] {
  return [...xml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((match) => match[0]);
}

export function rows(table: string): string[] {
  return [...table.matchAll(/<w:tr(?:\s[^>]*)?>.*?<\/w:tr>/gs)].map((match) => match[0]);
}

export function cells(row: string): string[] {
  return [...row.matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((match) => texts(match[0]).join("\n"));
}

export function attribute(element: string, name: string): string | undefined {
  return new RegExp(`${name}="([^"]*)"`).exec(element)?.[1];
}

export function sectionProperties(xml: string): string[] {
  return [...xml.matchAll(/<w:sectPr(?:\s[^>]*)?>.*?<\/w:sectPr>/gs)].map((match) => match[0]);
}
