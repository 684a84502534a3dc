/**
 * Methodologies shipped with CCHC, as documents (JSON files beside this one). When the portal
 * changes its rules, a new version is a new file listed here, not new code.
 */
import { parseMethodologyDocument } from "../methodology-document.ts";
import type { MethodologyDocument } from "../scoring-types.ts";
import serviceIndex766 from "./service-index-766.json" with { type: "json" };
import serviceIndex766Text from "./service-index-766-text.json" with { type: "json" };

/**
 * Built-in documents by the short name the command line uses: "766" scores as the national portal
 * does (the ranking); "766-van-ban" follows the written rules where they differ, for comparison.
 */
export const BUILT_IN_METHODOLOGIES: Record<string, () => MethodologyDocument> = {
  "766": () => parseMethodologyDocument(serviceIndex766),
  "766-van-ban": () => parseMethodologyDocument(serviceIndex766Text),
};

export function builtInMethodology(name: string): MethodologyDocument | null {
  const load = BUILT_IN_METHODOLOGIES[name];
  return load ? load() : null;
}
