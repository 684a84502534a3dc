/*
 * The one-stop desk's closed lists: how a dossier was submitted, which rule set it follows, and
 * the procedure catalogue's level and online-service level. The database checks, the route enums
 * and the labels all derive from these tuples (src/server/db/closed-values.ts).
 */

/** How a dossier was submitted (hình thức nộp). */
export const DOSSIER_CHANNELS = ["in_person", "online", "postal"] as const;
export type DossierChannel = (typeof DOSSIER_CHANNELS)[number];
export const DOSSIER_CHANNEL_LABELS: Record<DossierChannel, string> = {
  in_person: "Trực tiếp",
  online: "Trực tuyến",
  postal: "Bưu chính công ích",
};

/** The one-stop rule sets (see rule-sets.ts): ND 61/2018 and ND 118/2025. */
export const RULE_SET_IDS = ["2018", "2025"] as const;
export type RuleSetId = (typeof RULE_SET_IDS)[number];

/** The level whose desk handles a procedure. */
export const PROCEDURE_LEVELS = ["province", "commune"] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];

/** How much of a procedure runs online (dịch vụ công trực tuyến toàn trình / một phần). */
export const ONLINE_LEVELS = ["full", "partial", "none"] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];
export const ONLINE_LEVEL_LABELS: Record<OnlineLevel, string> = {
  full: "Toàn trình",
  partial: "Một phần",
  none: "Không",
};
