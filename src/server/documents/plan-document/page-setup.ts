import {
  AlignmentType,
  Header,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
  type ISectionOptions,
  type FileChild,
} from "docx";
import { A4, MARGINS, SIZE } from "./document-format.ts";

type Orientation = (typeof PageOrientation)[keyof typeof PageOrientation];

/**
 * One document part on A4 with the ND 30 margins. Page numbers restart at 1 for each part
 * (annexes are numbered separately), centred in the top margin and hidden on the first page.
 */
export function documentSection(
  children: FileChild[],
  orientation: Orientation = PageOrientation.PORTRAIT,
): ISectionOptions {
  return {
    properties: {
      titlePage: true,
      page: {
        size: { width: A4.width, height: A4.height, orientation },
        margin: MARGINS,
        pageNumbers: { start: 1 },
      },
    },
    headers: {
      default: new Header({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ children: [PageNumber.CURRENT], size: SIZE.pageNumber })],
          }),
        ],
      }),
      first: new Header({ children: [new Paragraph({ children: [] })] }),
    },
    children,
  };
}
