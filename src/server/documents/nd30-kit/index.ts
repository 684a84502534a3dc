/**
 * The ND 30/2020 document kit: the parts every administrative document the platform prints is
 * built from (page formats, header block, number and place-and-date, title, bases, body,
 * recipients and signature, annex heads), and the one date rule they all use.
 */
export * from "./document-parts.ts";
export * from "./document-text.ts";
export * from "./header-block.ts";
export * from "./page-format.ts";
export * from "./page-setup.ts";
export * from "./paragraphs.ts";
export * from "./signature-block.ts";
export * from "./title-block.ts";
export * from "./text-metrics.ts";
