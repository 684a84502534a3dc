import {
  AlignmentType,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type FileChild,
  type ISectionOptions,
} from "docx";
import { FONT, PARAGRAPH_SPACING, type PageFormat } from "./page-format.ts";

/**
 * One document part on its page format. Page numbers restart at 1 for each part (annexes are
 * numbered separately), centred in the top margin and hidden on the first page (ND 30).
 */
export function documentSection(children: FileChild[], format: PageFormat): ISectionOptions {
  return {
    properties: {
      titlePage: true,
      page: {
        size: {
          width: format.sheet.width,
          height: format.sheet.height,
          orientation: format.orientation,
        },
        margin: format.margins,
        pageNumbers: { start: 1 },
      },
    },
    headers: {
      default: new Header({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({
                children: [PageNumber.CURRENT],
                font: FONT,
                size: format.sizes.pageNumber,
              }),
            ],
          }),
        ],
      }),
      // Empty, and only a point high: an empty line of body size would reach below an A5
      // form's top margin and push its first line down.
      first: new Header({
        children: [
          new Paragraph({
            spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT },
            children: [],
          }),
        ],
      }),
    },
    children,
  };
}

export interface DocumentOptions {
  title: string;
  creator: string;
  description?: string;
  /** The format whose body size is the document's default (the first section's). */
  format: PageFormat;
  sections: ISectionOptions[];
}

/** A Word document with Times New Roman at the format's body size as its default style. */
export function nd30Document(options: DocumentOptions): Document {
  return new Document({
    creator: options.creator,
    title: options.title,
    description: options.description,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: options.format.sizes.body },
          paragraph: { spacing: { after: PARAGRAPH_SPACING } },
        },
      },
    },
    sections: options.sections,
  });
}

/** The .docx file's bytes. */
export function documentBytes(document: Document): Promise<Buffer> {
  return Packer.toBuffer(document);
}
