/** Plan importer core: public API. */
export { parsePlan } from "./parse-plan.ts";
export { textToDocument, splitLines } from "./text-source.ts";
export { htmlToBlocks } from "./html-blocks.ts";
export { wordToBlocks } from "./word-document.ts";
export * from "./contract.ts";
export type * from "./document-model.ts";
